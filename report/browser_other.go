//go:build !unix

package report

import "os/exec"

// killProcessGroup leaves cancellation to exec.CommandContext.
func killProcessGroup(*exec.Cmd) {}
