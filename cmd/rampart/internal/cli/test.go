package cli

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/urfave/cli/v2"

	"github.com/rampart-iac/rampart/bundles"
	"github.com/rampart-iac/rampart/engine"
)

// Exit codes of the test command, as `opa test` uses them.
const (
	testExitFailed    = 2
	testExitLoadError = 1
)

func testCommand() *cli.Command {
	return &cli.Command{
		Name:      "test",
		Usage:     "run Rego unit tests (test_* rules), like `opa test`",
		ArgsUsage: "[PATH...]",
		Description: "Runs the tests found in PATH (files or directories). The built-in library's packages " +
			"(for example data.rampart.lib.kubernetes) are available to them unless --no-builtin or the paths " +
			"define those packages themselves. Without PATH, runs the built-in library's own tests.\n" +
			"Exit codes as `opa test`: 0 all passed, 2 a test failed or coverage is below --threshold, 1 load or compile errors.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print every test and the trace of failures"},
			&cli.StringFlag{Name: "run", Aliases: []string{"r"}, Usage: "run only tests whose full name (data.pkg.test_x) matches `REGEX`"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "pretty", Usage: "output `FORMAT`: pretty or json"},
			&cli.BoolFlag{Name: "coverage", Aliases: []string{"c"}, Usage: "report coverage (JSON)"},
			&cli.Float64Flag{Name: "threshold", Usage: "fail when coverage is below `PERCENT` (implies --coverage)"},
			&cli.DurationFlag{Name: "timeout", Value: 5 * time.Second, Usage: "per-test timeout"},
			&cli.BoolFlag{Name: "no-builtin", Usage: "do not make the built-in library available"},
		},
		Action: runTest,
	}
}

func runTest(c *cli.Context) error {
	ctx := context.Background()
	stderr := c.App.ErrWriter
	if f := c.String("format"); f != "pretty" && f != "json" {
		return exitf(testExitLoadError, "unknown --format %q (want pretty or json)", f)
	}
	var filter *regexp.Regexp
	if r := c.String("run"); r != "" {
		var err error
		if filter, err = regexp.Compile(r); err != nil {
			return exitf(testExitLoadError, "--run: %v", err)
		}
	}
	popts := ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true}
	modules := map[string]*ast.Module{}
	var store storage.Store = inmem.New()
	if c.NArg() > 0 {
		mods, st, err := tester.LoadWithParserOptions(c.Args().Slice(), nil, popts)
		if err != nil {
			return exitf(testExitLoadError, "%v", err)
		}
		modules, store = mods, st
	}
	if !c.Bool("no-builtin") {
		b, err := bundles.Builtin()
		if err != nil {
			return exitf(testExitLoadError, "%v", err)
		}
		defined := map[string]bool{}
		for _, m := range modules {
			defined[m.Package.Path.String()] = true
		}
		add := b.Modules
		if c.NArg() == 0 {
			add = append(append([]*bundles.Module(nil), b.Modules...), b.Tests...)
		}
		for _, m := range add {
			if !defined[m.Parsed.Package.Path.String()] || c.NArg() == 0 {
				modules[m.Path] = m.Parsed
			}
		}
	}
	if len(modules) == 0 {
		return exitf(testExitLoadError, "no Rego modules found")
	}

	txn, err := store.NewTransaction(ctx, storage.WriteParams)
	if err != nil {
		return exitf(testExitLoadError, "%v", err)
	}
	defer store.Abort(ctx, txn)

	compiler := ast.NewCompiler().
		WithCapabilities(engine.Capabilities()).
		WithEnablePrintStatements(true).
		WithUseTypeCheckAnnotations(true)

	coverage := c.Bool("coverage") || c.Float64("threshold") > 0
	var cov *cover.Cover
	runner := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(store).
		SetModules(modules).
		CapturePrintOutput(true).
		EnableTracing(c.Bool("verbose")).
		RaiseBuiltinErrors(true).
		SetTimeout(c.Duration("timeout"))
	if filter != nil {
		runner = runner.Filter(filter.String())
	}
	if coverage {
		cov = cover.New()
		runner = runner.SetCoverageQueryTracer(cov)
	}
	ch, err := runner.RunTests(ctx, txn)
	if err != nil {
		return exitf(testExitLoadError, "%v", err)
	}

	var reporter tester.Reporter
	switch {
	case coverage:
		reporter = tester.JSONCoverageReporter{Cover: cov, Modules: modules, Output: c.App.Writer,
			Threshold: c.Float64("threshold"), Verbose: c.Bool("verbose")}
	case c.String("format") == "json":
		reporter = tester.JSONReporter{Output: c.App.Writer}
	default:
		reporter = tester.PrettyReporter{Output: c.App.Writer, Verbose: c.Bool("verbose")}
	}

	failed, ran := false, 0
	results := make(chan *tester.Result)
	go func() {
		defer close(results)
		for r := range ch {
			ran++
			if !r.Pass() {
				failed = true
			}
			results <- r
		}
	}()
	if err := reporter.Report(results); err != nil {
		if _, ok := errors.AsType[*cover.CoverageThresholdError](err); ok {
			fmt.Fprintln(stderr, err)
			return silentExit(testExitFailed)
		}
		return exitf(testExitLoadError, "%v", err)
	}
	if ran == 0 {
		fmt.Fprintln(stderr, "rampart: no tests were run")
		return silentExit(testExitLoadError)
	}
	if failed {
		return silentExit(testExitFailed)
	}
	return nil
}
