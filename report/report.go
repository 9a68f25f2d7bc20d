// Package report renders scan results: the JSON report (the contract other
// tools read) and the text report people read in a terminal.
package report

import (
	"github.com/rampart-iac/rampart/findings"
	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/scan"
)

// SchemaVersion is the version of the JSON report schema.
const SchemaVersion = "1.0.0"

// Tool names the scanner that produced a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Bundle names a policy bundle and its revision.
type Bundle struct {
	Name     string `json:"name"`
	Revision string `json:"revision"`
}

// Report is the JSON report: the finding schema of the architecture
// contract plus scope, summary, framework results and input errors.
type Report struct {
	SchemaVersion string                     `json:"schema_version"`
	Tool          Tool                       `json:"tool"`
	Bundles       []Bundle                   `json:"bundles"`
	FailOn        string                     `json:"fail_on"`
	Passed        bool                       `json:"passed"`
	Scope         scan.Scope                 `json:"scope"`
	Summary       findings.Summary           `json:"summary"`
	Findings      []findings.Finding         `json:"findings"`
	Rules         []findings.RuleResult      `json:"rules"`
	Frameworks    []findings.FrameworkResult `json:"frameworks"`
	Errors        []normalizers.Diagnostic   `json:"errors"`
	Warnings      []normalizers.Diagnostic   `json:"warnings"`
	Skipped       []normalizers.Skipped      `json:"skipped"`
	DurationMS    int64                      `json:"duration_ms"`
}

// New assembles a report. passed is the gate's verdict.
func New(res *scan.Result, tool Tool, bundles []Bundle, failOn string, passed bool) *Report {
	r := &Report{
		SchemaVersion: SchemaVersion,
		Tool:          tool,
		Bundles:       bundles,
		FailOn:        failOn,
		Passed:        passed,
		Scope:         res.Scope,
		Summary:       res.Summary,
		Findings:      res.Findings,
		Rules:         res.Rules,
		Frameworks:    res.Frameworks,
		Errors:        res.Errors,
		Warnings:      res.Warnings,
		DurationMS:    res.Duration.Milliseconds(),
	}
	// Unrecognised files are counted in scope, not listed one by one.
	for _, s := range res.Skipped {
		if s.Reason != normalizers.ReasonUnknownFormat {
			r.Skipped = append(r.Skipped, s)
		}
	}
	if r.Findings == nil {
		r.Findings = []findings.Finding{}
	}
	if r.Errors == nil {
		r.Errors = []normalizers.Diagnostic{}
	}
	if r.Warnings == nil {
		r.Warnings = []normalizers.Diagnostic{}
	}
	if r.Skipped == nil {
		r.Skipped = []normalizers.Skipped{}
	}
	if r.Frameworks == nil {
		r.Frameworks = []findings.FrameworkResult{}
	}
	return r
}
