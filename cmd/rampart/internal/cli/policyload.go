package cli

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/rampart-iac/rampart/bundles"
	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/gate/config"
	"github.com/rampart-iac/rampart/report"
)

// policyFlags select the bundles a command loads.
func policyFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "policy", Aliases: []string{"p"}, Usage: "extra policy `DIR` or bundle .tar.gz (repeatable)"},
		&cli.BoolFlag{Name: "no-builtin", Usage: "do not load the built-in policy library"},
	}
}

// loadBundles reads the built-in bundle (unless --no-builtin), every
// --policy and the extra policy paths (from the configuration file).
func loadBundles(c *cli.Context, extra ...string) ([]*bundles.Bundle, error) {
	var bs []*bundles.Bundle
	if !c.Bool("no-builtin") {
		b, err := bundles.Builtin()
		if err != nil {
			return nil, err
		}
		bs = append(bs, b)
	}
	for _, p := range append(c.StringSlice("policy"), extra...) {
		b, err := bundles.Load(p)
		if err != nil {
			return nil, err
		}
		bs = append(bs, b)
	}
	if len(bs) == 0 {
		return nil, fmt.Errorf("no policies: --no-builtin needs at least one --policy")
	}
	return bs, nil
}

// loadEngine compiles the selected bundles with the configuration's rule
// overrides and parameters (cfg may be nil). Any failure exits with 2.
func loadEngine(c *cli.Context, workers int, cfg *config.Config) (*engine.Engine, []report.Bundle, error) {
	opts := engine.Options{Workers: workers}
	var extra []string
	if cfg != nil {
		extra = cfg.PolicyPaths()
		opts.Overrides = cfg.Overrides()
		opts.Parameters = cfg.Parameters()
	}
	bs, err := loadBundles(c, extra...)
	if err != nil {
		return nil, nil, &exitError{code: ExitUntrusted, err: err}
	}
	opts.Bundles = bs
	eng, err := engine.New(context.Background(), opts)
	if err != nil {
		return nil, nil, &exitError{code: ExitUntrusted, err: err}
	}
	meta := make([]report.Bundle, 0, len(bs))
	for _, b := range bs {
		meta = append(meta, report.Bundle{Name: b.Name, Revision: b.Revision})
	}
	return eng, meta, nil
}
