package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/all"
	"github.com/rampart-iac/rampart/normalizers/cloudformation"
	"github.com/rampart-iac/rampart/normalizers/terraform"
)

// inputFlags are the flags that feed values into normalizers.
func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "var", Usage: "Terraform: set a root variable, `NAME=VALUE` (repeatable; HCL values such as [\"a\"] are parsed)"},
		&cli.StringSliceFlag{Name: "var-file", Usage: "Terraform: read root variables from `FILE` (.tfvars or .tfvars.json; repeatable)"},
		&cli.StringFlag{Name: "cfn-params", Usage: "CloudFormation: parameter values from `FILE` (the CLI's [{ParameterKey, ParameterValue}] list or a key/value map; JSON or YAML)"},
	}
}

// registry builds the normalizer registry from the input flags. TF_VAR_
// variables come from the environment, as Terraform reads them.
func registry(c *cli.Context) (*normalizers.Registry, error) {
	for _, v := range c.StringSlice("var") {
		if name, _, ok := strings.Cut(v, "="); !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("--var %q: want NAME=VALUE", v)
		}
	}
	for _, f := range c.StringSlice("var-file") {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("--var-file: %w", err)
		}
	}
	opts := all.Options{Terraform: terraform.Options{
		Vars:     c.StringSlice("var"),
		VarFiles: c.StringSlice("var-file"),
		Env:      os.Environ(),
	}}
	if p := c.String("cfn-params"); p != "" {
		params, err := cloudformation.LoadParameters(p)
		if err != nil {
			return nil, fmt.Errorf("--cfn-params: %w", err)
		}
		opts.CloudFormation.Parameters = params
	}
	return all.New(opts), nil
}
