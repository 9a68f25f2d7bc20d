package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
)

// JUnitOptions tune the JUnit XML report.
type JUnitOptions struct {
	// Timestamp, when set, is written as the testsuites' timestamp
	// attribute. It is not taken from the clock, so that output is
	// reproducible.
	Timestamp time.Time
}

// JUnit names used in the report.
const (
	junitInputSuite = "rampart input errors"
	junitInputClass = "rampart.input"
)

// WriteJUnit writes the report as JUnit XML for CI systems: one testsuite
// per rule that checked a resource or reported a finding, with one
// testcase per resource that has findings (a failure for deny findings,
// skipped when every finding is suppressed, passing with the message in
// system-out for warnings) and one passing testcase standing for the
// resources that passed. Input errors are a testsuite of errored
// testcases.
func WriteJUnit(w io.Writer, r *Report, opts JUnitOptions) error {
	doc := buildJUnit(r, opts)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	return nil
}

func buildJUnit(r *Report, opts JUnitOptions) *junitTestSuites {
	doc := &junitTestSuites{Name: toolName(r), Time: seconds(r.DurationMS)}
	if !opts.Timestamp.IsZero() {
		doc.Timestamp = opts.Timestamp.UTC().Format(time.RFC3339)
	}

	results := map[string]findings.RuleResult{}
	for _, rr := range r.Rules {
		results[rr.RuleID] = rr
	}
	byRule := map[string][]*findings.Finding{}
	for i := range r.Findings {
		f := &r.Findings[i]
		byRule[f.RuleID] = append(byRule[f.RuleID], f)
	}
	var ids []string
	for id := range results {
		ids = append(ids, id)
	}
	for id := range byRule {
		if _, ok := results[id]; !ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)

	for _, id := range ids {
		rr, fs := results[id], byRule[id]
		if rr.Checked == 0 && len(fs) == 0 {
			continue // not applicable: nothing to show
		}
		doc.Suites = append(doc.Suites, ruleSuite(id, rr, fs))
	}
	if len(r.Errors) > 0 {
		s := junitTestSuite{Name: junitInputSuite, Time: "0"}
		for _, d := range r.Errors {
			name := d.Path
			if name == "" {
				name = "input"
			}
			s.Cases = append(s.Cases, junitTestCase{
				Name: name, Classname: junitInputClass, File: d.Path, Time: "0",
				Error: &junitProblem{Message: oneLine(d.Message), Type: "input-error", Body: d.Error()},
			})
		}
		doc.Suites = append(doc.Suites, s)
	}
	for i := range doc.Suites {
		s := &doc.Suites[i]
		s.count()
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	return doc
}

// ruleSuite is the testsuite of one rule.
func ruleSuite(id string, rr findings.RuleResult, fs []*findings.Finding) junitTestSuite {
	title, severity := rr.Title, rr.Severity
	if len(fs) > 0 {
		title, severity = fs[0].Title, fs[0].Severity
	}
	s := junitTestSuite{
		Name: strings.TrimSpace(id + " " + oneLine(title)),
		Time: "0",
		Properties: &junitProperties{Property: []junitProperty{
			{Name: "rule_id", Value: id},
			{Name: "severity", Value: string(severity)},
			{Name: "checked", Value: strconv.Itoa(rr.Checked)},
			{Name: "failed", Value: strconv.Itoa(rr.Failed)},
		}},
	}
	if rr.Status != "" {
		s.Properties.Property = append(s.Properties.Property, junitProperty{Name: "status", Value: rr.Status})
	}

	// One testcase per resource, in the order of its first finding.
	var keys []string
	byResource := map[string][]*findings.Finding{}
	for _, f := range fs {
		k := resourceKey(f)
		if byResource[k] == nil {
			keys = append(keys, k)
		}
		byResource[k] = append(byResource[k], f)
	}
	for _, k := range keys {
		s.Cases = append(s.Cases, resourceCase(id, byResource[k]))
	}

	if passing := rr.Checked - len(keys); passing > 0 {
		name := "all " + plural(passing, "resource") + " pass"
		if passing == 1 {
			name = "the 1 resource passes"
		}
		if len(keys) > 0 {
			name = plural(passing, "other resource") + " pass"
			if passing == 1 {
				name = "1 other resource passes"
			}
		}
		s.Cases = append(s.Cases, junitTestCase{Name: name, Classname: id, Time: "0"})
	}
	return s
}

// resourceCase is the testcase of one resource's findings of one rule: a
// failure when a deny finding is not suppressed, skipped when all are
// suppressed, passing (with the warnings in system-out) otherwise.
func resourceCase(ruleID string, fs []*findings.Finding) junitTestCase {
	first := fs[0]
	name := first.Resource.Address
	if name == "" {
		name = first.Location.Path
	}
	tc := junitTestCase{Name: name, Classname: ruleID, File: first.Location.Path, Time: "0"}

	var deny, warn, suppressed []*findings.Finding
	for _, f := range fs {
		switch {
		case f.Suppressed != nil:
			suppressed = append(suppressed, f)
		case f.Level == engine.LevelWarn:
			warn = append(warn, f)
		default:
			deny = append(deny, f)
		}
	}
	switch {
	case len(deny) > 0:
		var msgs []string
		for _, f := range deny {
			msgs = append(msgs, oneLine(f.Message))
		}
		tc.Failure = &junitProblem{
			Message: strings.Join(msgs, " "),
			Type:    string(deny[0].Severity),
			Body:    failureBody(deny),
		}
	case len(warn) > 0:
		tc.SystemOut = "warning: " + failureBody(warn)
	default:
		var reasons []string
		for _, f := range suppressed {
			r := "suppressed (" + f.Suppressed.Source + ")"
			if f.Suppressed.Reason != "" {
				r += ": " + oneLine(f.Suppressed.Reason)
			}
			reasons = append(reasons, r)
		}
		tc.Skipped = &junitSkipped{Message: strings.Join(reasons, "; ")}
	}
	return tc
}

// failureBody lists each finding's location, resource, message and fix.
func failureBody(fs []*findings.Finding) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s\n", locationText(f.Location))
		fmt.Fprintf(&b, "resource: %s (%s)\n", f.Resource.Address, strings.TrimSpace(f.Resource.Kind+" "+f.Resource.Type))
		fmt.Fprintf(&b, "severity: %s\n", f.Severity)
		fmt.Fprintf(&b, "message: %s\n", oneLine(f.Message))
		if f.Remediation != "" {
			fmt.Fprintf(&b, "remediation: %s\n", oneLine(f.Remediation))
		}
	}
	return b.String()
}

func seconds(ms int64) string {
	return strconv.FormatFloat(float64(ms)/1000, 'f', 3, 64)
}

type junitTestSuites struct {
	XMLName   xml.Name         `xml:"testsuites"`
	Name      string           `xml:"name,attr"`
	Tests     int              `xml:"tests,attr"`
	Failures  int              `xml:"failures,attr"`
	Errors    int              `xml:"errors,attr"`
	Skipped   int              `xml:"skipped,attr"`
	Time      string           `xml:"time,attr"`
	Timestamp string           `xml:"timestamp,attr,omitempty"`
	Suites    []junitTestSuite `xml:"testsuite"`
}

type junitTestSuite struct {
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Time       string           `xml:"time,attr"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Cases      []junitTestCase  `xml:"testcase"`
}

// count fills in the suite's counters from its testcases.
func (s *junitTestSuite) count() {
	s.Tests, s.Failures, s.Errors, s.Skipped = len(s.Cases), 0, 0, 0
	for _, c := range s.Cases {
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Error != nil:
			s.Errors++
		case c.Skipped != nil:
			s.Skipped++
		}
	}
}

type junitProperties struct {
	Property []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitTestCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}
