// Command rampart scans infrastructure code for security misconfigurations
// with versioned Rego policy bundles.
package main

import (
	"os"

	"github.com/rampart-iac/rampart/cmd/rampart/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
