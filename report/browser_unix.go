//go:build unix

package report

import (
	"os/exec"
	"syscall"
)

// killProcessGroup starts the browser in its own process group and kills
// the whole group on cancellation, renderer and GPU processes included.
func killProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
