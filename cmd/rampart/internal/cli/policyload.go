package cli

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/rampart-iac/rampart/bundles"
	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/report"
)

// policyFlags select the bundles a command loads.
func policyFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "policy", Aliases: []string{"p"}, Usage: "extra policy `DIR` or bundle .tar.gz (repeatable)"},
		&cli.BoolFlag{Name: "no-builtin", Usage: "do not load the built-in policy library"},
	}
}

// loadBundles reads the built-in bundle (unless --no-builtin) and every --policy.
func loadBundles(c *cli.Context) ([]*bundles.Bundle, error) {
	var bs []*bundles.Bundle
	if !c.Bool("no-builtin") {
		b, err := bundles.Builtin()
		if err != nil {
			return nil, err
		}
		bs = append(bs, b)
	}
	for _, p := range c.StringSlice("policy") {
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

// loadEngine compiles the selected bundles. Any failure exits with 2.
func loadEngine(c *cli.Context, workers int) (*engine.Engine, []report.Bundle, error) {
	bs, err := loadBundles(c)
	if err != nil {
		return nil, nil, &exitError{code: ExitUntrusted, err: err}
	}
	eng, err := engine.New(context.Background(), engine.Options{Bundles: bs, Workers: workers})
	if err != nil {
		return nil, nil, &exitError{code: ExitUntrusted, err: err}
	}
	meta := make([]report.Bundle, 0, len(bs))
	for _, b := range bs {
		meta = append(meta, report.Bundle{Name: b.Name, Revision: b.Revision})
	}
	return eng, meta, nil
}
