package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"github.com/rampart-iac/rampart/bundles"
)

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the versions of the tool, its built-in bundle and OPA",
		Action: func(c *cli.Context) error {
			w := c.App.Writer
			fmt.Fprintf(w, "rampart %s\n", Version)
			if b, err := bundles.Builtin(); err == nil {
				fmt.Fprintf(w, "built-in policies %s (%d modules)\n", b.Revision, len(b.Modules))
			} else {
				fmt.Fprintf(w, "built-in policies: %v\n", err)
			}
			fmt.Fprintf(w, "opa %s\n", moduleVersion("github.com/open-policy-agent/opa"))
			fmt.Fprintf(w, "go %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}

func moduleVersion(path string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range info.Deps {
		if d.Path == path {
			return d.Version
		}
	}
	return "unknown"
}
