package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
)

// TextOptions tune the text report.
type TextOptions struct {
	// Color enables ANSI colours; set it only when writing to a terminal.
	Color bool
	// Quiet prints only the summary line and input errors.
	Quiet bool
}

// maxTextWarnings bounds the warnings the text report lists.
const maxTextWarnings = 20

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var severityColor = map[engine.Severity]string{
	engine.Critical: "\x1b[1;97;41m",
	engine.High:     "\x1b[1;31m",
	engine.Medium:   "\x1b[1;33m",
	engine.Low:      "\x1b[1;36m",
}

// WriteText writes findings grouped by severity, each with file:line, then
// input errors and a one-screen summary.
func WriteText(w io.Writer, r *Report, opts TextOptions) error {
	p := &printer{w: w, color: opts.Color}
	if !opts.Quiet {
		for _, sev := range engine.Severities {
			var group []*findings.Finding
			for i := range r.Findings {
				f := &r.Findings[i]
				if f.Severity == sev && f.Suppressed == nil {
					group = append(group, f)
				}
			}
			if len(group) == 0 {
				continue
			}
			p.printf("%s %d\n", p.style(severityColor[sev], " "+strings.ToUpper(string(sev))+" "), len(group))
			for _, f := range group {
				p.finding(f)
			}
			p.printf("\n")
		}
		if n := r.Summary.Suppressed; n > 0 {
			p.printf("%s\n\n", p.style(ansiDim, fmt.Sprintf("%d suppressed finding(s) not shown", n)))
		}
	}
	if len(r.Errors) > 0 {
		p.printf("%s\n", p.style(ansiBold, fmt.Sprintf("Input errors (%d)", len(r.Errors))))
		for _, e := range r.Errors {
			p.printf("  %s\n", e.Error())
		}
		p.printf("\n")
	}
	if len(r.Warnings) > 0 && !opts.Quiet {
		p.printf("%s\n", p.style(ansiBold, fmt.Sprintf("Warnings (%d)", len(r.Warnings))))
		for i, w := range r.Warnings {
			if i == maxTextWarnings {
				p.printf("  ... and %d more (see the JSON report)\n", len(r.Warnings)-i)
				break
			}
			p.printf("  %s\n", w.Error())
		}
		p.printf("\n")
	}
	p.summary(r)
	return p.err
}

type printer struct {
	w     io.Writer
	color bool
	err   error
}

func (p *printer) printf(format string, args ...any) {
	if p.err != nil {
		return
	}
	_, p.err = fmt.Fprintf(p.w, format, args...)
}

func (p *printer) style(code, s string) string {
	if !p.color || code == "" {
		return s
	}
	return code + s + ansiReset
}

func (p *printer) finding(f *findings.Finding) {
	loc := fmt.Sprintf("%s:%d", f.Location.Path, f.Location.StartLine)
	level := ""
	if f.Level == engine.LevelWarn {
		level = p.style(ansiDim, " (warning)")
	}
	p.printf("  %s %s%s\n", p.style(ansiBold, f.RuleID), f.Title, level)
	p.printf("    %s  %s\n", loc, p.style(ansiDim, f.Resource.Address))
	p.printf("    %s\n", f.Message)
	if f.Remediation != "" {
		p.printf("    %s %s\n", p.style(ansiDim, "fix:"), firstLine(f.Remediation))
	}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

func (p *printer) summary(r *Report) {
	s := r.Summary
	var parts []string
	for _, sev := range engine.Severities {
		if n := s.BySeverity[string(sev)]; n > 0 {
			parts = append(parts, p.style(severityColor[sev], fmt.Sprintf("%d %s", n, sev)))
		}
	}
	counts := "no findings"
	if s.Total > 0 {
		counts = fmt.Sprintf("%d finding(s): %s", s.Total, strings.Join(parts, ", "))
	}
	p.printf("%s %s\n", p.style(ansiBold, "Summary:"), counts)
	p.printf("  scanned %d file(s), %d resource(s); skipped %d file(s); %d input error(s); %d rule(s) in %s\n",
		r.Scope.FilesScanned, r.Scope.Resources, r.Scope.FilesSkipped, len(r.Errors), len(r.Rules), bundleNames(r.Bundles))
	for _, fw := range r.Frameworks {
		p.printf("  %s %s: %d control(s) passed, %d failed, %d not applicable\n", fw.Framework, fw.Version, fw.Passed, fw.Failed, fw.NA)
	}
	verdict := p.style("\x1b[1;32m", "PASSED")
	if !r.Passed {
		verdict = p.style("\x1b[1;31m", "FAILED")
	}
	gate := "gate --fail-on " + r.FailOn
	p.printf("  %s %s\n", gate+":", verdict)
}

func bundleNames(bs []Bundle) string {
	names := make([]string, 0, len(bs))
	for _, b := range bs {
		names = append(names, b.Name+"@"+b.Revision)
	}
	if len(names) == 0 {
		return "no bundle"
	}
	return strings.Join(names, ", ")
}
