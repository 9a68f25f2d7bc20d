package main

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rampart-iac/rampart/cmd/rampart/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"rampart": func() { os.Exit(cli.Run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
		// expect-exit CODE rampart ARGS... runs rampart and fails unless it exits with CODE.
		"expect-exit": func() {
			if len(os.Args) < 3 || os.Args[2] != "rampart" {
				fmt.Fprintln(os.Stderr, "usage: expect-exit CODE rampart ARGS...")
				os.Exit(100)
			}
			want, err := strconv.Atoi(os.Args[1])
			if err != nil {
				fmt.Fprintln(os.Stderr, "expect-exit: bad code:", err)
				os.Exit(100)
			}
			if got := cli.Run(os.Args[2:], os.Stdin, os.Stdout, os.Stderr); got != want {
				fmt.Fprintf(os.Stderr, "expect-exit: rampart exited %d, want %d\n", got, want)
				os.Exit(1)
			}
			os.Exit(0)
		},
	})
}

// TestScripts runs the CLI end-to-end scripts in test/scripts.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "../../test/scripts"})
}
