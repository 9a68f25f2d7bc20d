package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/gate/baseline"
	"github.com/rampart-iac/rampart/gate/changes"
	"github.com/rampart-iac/rampart/gate/config"
	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/report"
	"github.com/rampart-iac/rampart/scan"
)

// formats the scan command can write.
var formats = []string{"text", "json", "sarif", "junit", "markdown", "html"}

func scanCommand() *cli.Command {
	return &cli.Command{
		Name:      "scan",
		Usage:     "scan files and directories and report findings",
		ArgsUsage: "[PATH...]",
		Description: "Exit codes: 0 no finding at or above --fail-on; 1 such findings; " +
			"2 the scan cannot be trusted (bad usage, policies that fail to load, inputs that failed to parse).",
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "report `FORMAT`: " + strings.Join(formats, ", ") + " (repeatable; pairs with --output)"},
			&cli.StringSliceFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report of the matching --format to `FILE` (or FORMAT=FILE)"},
			&cli.StringFlag{Name: "fail-on", Value: "high", Usage: "fail (exit 1) on findings at or above `SEVERITY`: critical, high, medium, low or none"},
			&cli.StringSliceFlag{Name: "exclude", Aliases: []string{"e"}, Usage: "skip paths matching `GLOB` (repeatable; ** spans directories)"},
			&cli.BoolFlag{Name: "allow-parse-errors", Usage: "do not exit 2 because some inputs failed to parse"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "text report: print only the summary and input errors"},
			&cli.StringFlag{Name: "link-base", Usage: "markdown report: turn file:line into links under `URL` (e.g. https://github.com/org/repo/blob/<sha>/)"},
			&cli.BoolFlag{Name: "no-color", Usage: "never colour the text report (colour is used only on a terminal)"},
			&cli.IntFlag{Name: "workers", Usage: "evaluate with `N` goroutines (default: number of CPUs)"},
			&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Usage: "configuration `FILE` (default: .rampart.yaml in the first scanned directory)"},
			&cli.StringFlag{Name: "baseline", Usage: "report only findings not recorded in the baseline `FILE` (matched by fingerprint)"},
			&cli.StringFlag{Name: "write-baseline", Usage: "record every current finding in `FILE` as accepted; the scan then exits 0 unless it cannot be trusted"},
			&cli.StringFlag{Name: "changed-since", Usage: "report only findings in files (and resources) changed since git `REV` (e.g. origin/main), read from the repository of the first path"},
		}, append(policyFlags(), inputFlags()...)...),
		Action: runScan,
	}
}

// reportTarget is one report to write.
type reportTarget struct {
	format string
	path   string // "" = stdout
}

func parseTargets(formatsArg, outputs []string) ([]reportTarget, error) {
	var targets []reportTarget
	var plainOutputs []string
	for _, o := range outputs {
		if f, p, ok := strings.Cut(o, "="); ok && knownFormat(f) {
			targets = append(targets, reportTarget{format: f, path: p})
			continue
		}
		plainOutputs = append(plainOutputs, o)
	}
	for i, f := range formatsArg {
		if !knownFormat(f) {
			return nil, fmt.Errorf("unknown --format %q (want one of %s)", f, strings.Join(formats, ", "))
		}
		t := reportTarget{format: f}
		if i < len(plainOutputs) {
			t.path = plainOutputs[i]
		}
		targets = append(targets, t)
	}
	if len(plainOutputs) > len(formatsArg) {
		if len(formatsArg) == 0 && len(plainOutputs) == 1 {
			targets = append(targets, reportTarget{format: "text", path: plainOutputs[0]})
		} else {
			return nil, fmt.Errorf("%d --output values but only %d --format values", len(plainOutputs), len(formatsArg))
		}
	}
	stdout := 0
	for _, t := range targets {
		if t.path == "" || t.path == "-" {
			stdout++
		}
	}
	if stdout > 1 {
		return nil, fmt.Errorf("only one report can go to stdout; give the others an --output")
	}
	if stdout == 0 {
		// The text report always goes to the terminal unless another report does.
		targets = append(targets, reportTarget{format: "text"})
	}
	return targets, nil
}

func knownFormat(f string) bool {
	for _, k := range formats {
		if k == f {
			return true
		}
	}
	return false
}

// scanGCPercent trades memory for CPU during a scan: evaluation allocates
// many short-lived values, and collecting four times less often saved about
// a fifth of the CPU in BenchmarkEvaluate. GOGC in the environment wins.
const scanGCPercent = 400

func runScan(c *cli.Context) error {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(scanGCPercent)
	}
	paths := c.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cfgPath, err := config.Find(c.String("config"), paths)
	if err != nil {
		return exitf(ExitUntrusted, "%v", err)
	}
	cfg := &config.Config{}
	if cfgPath != "" {
		if cfg, err = config.Load(cfgPath); err != nil {
			return exitf(ExitUntrusted, "%v", err)
		}
	}
	failOn := strings.ToLower(c.String("fail-on"))
	if !c.IsSet("fail-on") && cfg.FailOn != "" {
		failOn = strings.ToLower(cfg.FailOn)
	}
	var threshold engine.Severity
	if failOn != "none" {
		sev, err := engine.ParseSeverity(failOn)
		if err != nil {
			return exitf(ExitUntrusted, "--fail-on: %v", err)
		}
		threshold = sev
	}
	targets, err := parseTargets(c.StringSlice("format"), c.StringSlice("output"))
	if err != nil {
		return exitf(ExitUntrusted, "%v", err)
	}
	eng, bundleMeta, err := loadEngine(c, c.Int("workers"), cfg)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var progress func(int, int)
	if isTerminal(c.App.ErrWriter) && !c.Bool("quiet") {
		progress = progressBar(c.App.ErrWriter)
	}
	reg, err := registry(c)
	if err != nil {
		return exitf(ExitUntrusted, "%v", err)
	}
	res, err := scan.Run(ctx, scan.Options{
		Paths:      paths,
		Excludes:   append(c.StringSlice("exclude"), cfg.Exclude...),
		Registry:   reg,
		Engine:     eng,
		Workers:    c.Int("workers"),
		Ignore:     cfg.Ignore,
		Frameworks: cfg.Frameworks,
		Progress:   progress,
	})
	if err != nil {
		return exitf(ExitUntrusted, "%v", err)
	}
	if ctx.Err() != nil {
		return exitf(ExitUntrusted, "scan interrupted")
	}

	if err := applyGateFilters(c, res, paths); err != nil {
		return exitf(ExitUntrusted, "%v", err)
	}
	res.Refresh(eng)
	if p := c.String("write-baseline"); p != "" {
		if err := baseline.Write(p, baseline.FromFindings(res.Findings)); err != nil {
			return exitf(ExitUntrusted, "%v", err)
		}
		fmt.Fprintf(c.App.ErrWriter, "rampart: wrote %d finding(s) to baseline %s\n", res.Summary.Total, p)
	}

	blocking := 0
	for i := range res.Findings {
		if res.Findings[i].Blocking(threshold) {
			blocking++
		}
	}
	untrusted := len(res.Errors) > 0 && !c.Bool("allow-parse-errors")
	rep := report.New(res, report.Tool{Name: "rampart", Version: Version}, bundleMeta, failOn, blocking == 0 && !untrusted)

	stderr := c.App.ErrWriter
	for _, e := range res.Errors {
		fmt.Fprintf(stderr, "rampart: input error: %s\n", e.Error())
	}
	for _, t := range targets {
		if err := writeReport(c, t, rep); err != nil {
			return exitf(ExitUntrusted, "%v", err)
		}
	}
	switch {
	case untrusted:
		fmt.Fprintf(stderr, "rampart: %d input(s) could not be read or parsed; exit 2 (use --allow-parse-errors to gate on findings only)\n", len(res.Errors))
		return silentExit(ExitUntrusted)
	case blocking > 0 && c.String("write-baseline") == "":
		return silentExit(ExitFindings)
	}
	return nil
}

func writeReport(c *cli.Context, t reportTarget, rep *report.Report) (err error) {
	var w io.Writer = c.App.Writer
	toTerminal := false
	if t.path != "" && t.path != "-" {
		f, err := os.Create(t.path)
		if err != nil {
			return fmt.Errorf("write %s report: %w", t.format, err)
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("write %s report: %w", t.format, cerr)
			}
		}()
		w = f
	} else {
		toTerminal = isTerminal(c.App.Writer)
	}
	switch t.format {
	case "json":
		return report.WriteJSON(w, rep)
	case "sarif":
		return report.WriteSARIF(w, rep, report.SARIFOptions{})
	case "junit":
		return report.WriteJUnit(w, rep, report.JUnitOptions{})
	case "markdown":
		return report.WriteMarkdown(w, rep, report.MarkdownOptions{LinkBase: c.String("link-base")})
	case "html":
		return report.WriteHTML(w, rep, report.HTMLOptions{})
	default:
		return report.WriteText(w, rep, report.TextOptions{
			Color: toTerminal && !c.Bool("no-color") && os.Getenv("NO_COLOR") == "",
			Quiet: c.Bool("quiet"),
		})
	}
}

// applyGateFilters applies --baseline (matching findings become suppressed)
// and --changed-since (findings outside the change are dropped).
func applyGateFilters(c *cli.Context, res *scan.Result, paths []string) error {
	if p := c.String("baseline"); p != "" {
		b, err := baseline.Read(p)
		if err != nil {
			return err
		}
		b.Apply(res.Findings)
		if stale := b.Stale(res.Findings); len(stale) > 0 {
			res.Warnings = append(res.Warnings, normalizers.Diagnostic{Severity: normalizers.SeverityWarning, Path: p,
				Message: fmt.Sprintf("%d baseline entr(ies) no longer occur (fixed or moved); rewrite the baseline with --write-baseline to drop them", len(stale))})
		}
	}
	if rev := c.String("changed-since"); rev != "" {
		dir := paths[0]
		if info, err := os.Stat(dir); err == nil && !info.IsDir() {
			dir = filepath.Dir(dir)
		}
		set, err := changes.Since(dir, rev)
		if err != nil {
			return fmt.Errorf("--changed-since: %w", err)
		}
		res.Findings = changes.Filter(res.Findings, set.Rel("."))
	}
	return nil
}
