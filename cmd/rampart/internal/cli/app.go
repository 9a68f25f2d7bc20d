// Package cli implements the rampart command line: one file per command.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

// Version is the tool's version, set at build time with
// -ldflags "-X github.com/rampart-iac/rampart/cmd/rampart/internal/cli.Version=v1.2.3".
var Version = "dev"

// Exit codes of the scan command (see docs/cli.md).
const (
	ExitOK        = 0
	ExitFindings  = 1
	ExitUntrusted = 2
)

// exitError carries an exit code and a message for stderr.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func exitf(code int, format string, args ...any) error {
	return &exitError{code: code, err: fmt.Errorf(format, args...)}
}

// silentExit ends the command with a code and no further message.
type silentExit int

func (s silentExit) Error() string { return fmt.Sprintf("exit %d", int(s)) }

// Run runs the command line and returns the process exit code. Usage errors
// and internal failures exit with 2, as an untrustworthy scan does.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "rampart: internal error: %v\n%s", r, debug.Stack())
			code = ExitUntrusted
		}
	}()
	app := newApp(stdin, stdout, stderr)
	err := app.Run(interspersed(app, args))
	if err == nil {
		return ExitOK
	}
	var se silentExit
	if errors.As(err, &se) {
		return int(se)
	}
	fmt.Fprintf(stderr, "rampart: %v\n", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return ExitUntrusted
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "rampart",
		Usage:   "policy-as-code scanner for infrastructure code",
		Version: Version,
		Description: "Rampart reads Kubernetes manifests and Dockerfiles (more formats to come), " +
			"evaluates them against Rego policy bundles and reports findings with a pass/fail gate.",
		Reader:                 stdin,
		Writer:                 stdout,
		ErrWriter:              stderr,
		HideVersion:            true,
		UseShortOptionHandling: true,
		// Errors are printed once, by Run.
		ExitErrHandler: func(*cli.Context, error) {},
		Commands: []*cli.Command{
			scanCommand(),
			normalizeCommand(),
			testCommand(),
			policiesCommand(),
			versionCommand(),
		},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return exitf(ExitUntrusted, "%v (see 'rampart %s --help')", err, c.Command.Name)
		},
	}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
