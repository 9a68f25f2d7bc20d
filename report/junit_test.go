package report

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/engine"
)

// The JUnit document as a CI system reads it, declared independently of
// the writer's types.
type parsedSuites struct {
	XMLName   xml.Name      `xml:"testsuites"`
	Tests     int           `xml:"tests,attr"`
	Failures  int           `xml:"failures,attr"`
	Errors    int           `xml:"errors,attr"`
	Skipped   int           `xml:"skipped,attr"`
	Time      string        `xml:"time,attr"`
	Timestamp string        `xml:"timestamp,attr"`
	Suites    []parsedSuite `xml:"testsuite"`
}

type parsedSuite struct {
	Name       string `xml:"name,attr"`
	Tests      int    `xml:"tests,attr"`
	Failures   int    `xml:"failures,attr"`
	Errors     int    `xml:"errors,attr"`
	Skipped    int    `xml:"skipped,attr"`
	Properties []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	} `xml:"properties>property"`
	Cases []parsedCase `xml:"testcase"`
}

type parsedCase struct {
	Name      string `xml:"name,attr"`
	Classname string `xml:"classname,attr"`
	File      string `xml:"file,attr"`
	Failure   *struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Body    string `xml:",chardata"`
	} `xml:"failure"`
	Error *struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
	} `xml:"error"`
	Skipped *struct {
		Message string `xml:"message,attr"`
	} `xml:"skipped"`
	SystemOut string `xml:"system-out"`
}

func parseJUnit(t *testing.T, r *Report, opts JUnitOptions) *parsedSuites {
	t.Helper()
	data := render(t, func(b *bytes.Buffer) error { return WriteJUnit(b, r, opts) })
	if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("no XML declaration: %.60q", data)
	}
	var doc parsedSuites
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("JUnit report does not parse: %v\n%s", err, data)
	}
	return &doc
}

func (doc *parsedSuites) suite(name string) *parsedSuite {
	for i := range doc.Suites {
		if strings.HasPrefix(doc.Suites[i].Name, name+" ") || doc.Suites[i].Name == name {
			return &doc.Suites[i]
		}
	}
	return nil
}

func TestJUnitCounts(t *testing.T) {
	r := sampleReport()
	doc := parseJUnit(t, r, JUnitOptions{})

	// Totals add up, and every suite's counters match its testcases.
	var tests, failures, errors, skipped int
	for _, s := range doc.Suites {
		var f, e, sk int
		for _, c := range s.Cases {
			switch {
			case c.Failure != nil:
				f++
			case c.Error != nil:
				e++
			case c.Skipped != nil:
				sk++
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e || s.Skipped != sk {
			t.Errorf("suite %q: counters %d/%d/%d/%d, testcases say %d/%d/%d/%d",
				s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), f, e, sk)
		}
		tests += s.Tests
		failures += f
		errors += e
		skipped += sk
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Errors != errors || doc.Skipped != skipped {
		t.Errorf("testsuites counters %d/%d/%d/%d, suites add up to %d/%d/%d/%d",
			doc.Tests, doc.Failures, doc.Errors, doc.Skipped, tests, failures, errors, skipped)
	}

	// Failures are the rules' failed resources; skipped the suppressed
	// findings; errors the input errors.
	wantFailures := 0
	for _, rr := range r.Rules {
		wantFailures += rr.Failed
	}
	if failures != wantFailures || skipped != r.Summary.Suppressed || errors != len(r.Errors) {
		t.Errorf("failures/skipped/errors = %d/%d/%d, want %d/%d/%d", failures, skipped, errors, wantFailures, r.Summary.Suppressed, len(r.Errors))
	}
	if doc.Time != "1.234" {
		t.Errorf("time = %q, want the scan duration 1.234", doc.Time)
	}
	if doc.Timestamp != "" {
		t.Errorf("timestamp %q written without being asked for", doc.Timestamp)
	}

	// One suite per rule that checked something, plus input errors.
	for _, rr := range r.Rules {
		s := doc.suite(rr.RuleID)
		if rr.Checked == 0 {
			if s != nil {
				t.Errorf("not applicable rule %s has a suite", rr.RuleID)
			}
			continue
		}
		if s == nil {
			t.Errorf("rule %s has no suite", rr.RuleID)
			continue
		}
		if s.Name != rr.RuleID+" "+rr.Title {
			t.Errorf("suite name %q", s.Name)
		}
		if s.Failures != rr.Failed {
			t.Errorf("%s: %d failures, rule failed %d resources", rr.RuleID, s.Failures, rr.Failed)
		}
	}
	if doc.suite(junitInputSuite) == nil {
		t.Error("no input error suite")
	}
}

func TestJUnitTestcases(t *testing.T) {
	doc := parseJUnit(t, sampleReport(), JUnitOptions{})
	for _, tc := range []struct {
		suite string
		want  []string // testcase names with an outcome: "name:failure", ":skipped", ":error", ":pass"
	}{
		{"RMP-K8S-001", []string{"StatefulSet/db:failure", "Deployment/web:failure", "1 other resource passes:pass"}},
		{"RMP-K8S-002", []string{"all 3 resources pass:pass"}},
		{"RMP-K8S-010", []string{"Deployment/web:pass", "2 other resources pass:pass"}},
		{"RMP-TF-001", []string{"var.db_password:skipped", "2 other resources pass:pass"}},
		{"RMP-AWS-EC2-001", []string{"aws_security_group.bastion:failure"}},
		{junitInputSuite, []string{"infra/broken.tf:error"}},
	} {
		t.Run(tc.suite, func(t *testing.T) {
			s := doc.suite(tc.suite)
			if s == nil {
				t.Fatal("no suite")
			}
			var got []string
			for _, c := range s.Cases {
				outcome := "pass"
				switch {
				case c.Failure != nil:
					outcome = "failure"
				case c.Error != nil:
					outcome = "error"
				case c.Skipped != nil:
					outcome = "skipped"
				}
				got = append(got, c.Name+":"+outcome)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("testcases = %v, want %v", got, tc.want)
			}
		})
	}

	ec2 := doc.suite("RMP-AWS-EC2-001").Cases[0]
	if ec2.Classname != "RMP-AWS-EC2-001" || ec2.File != "infra/network.tf" {
		t.Errorf("testcase = %+v", ec2)
	}
	f := ec2.Failure
	if f.Type != string(engine.High) || f.Message != "Ingress rule 0 opens port 22 to 0.0.0.0/0 | source: internet." {
		t.Errorf("failure = %+v", f)
	}
	for _, want := range []string{"infra/network.tf:18-23", "resource: aws_security_group.bastion", "remediation: Restrict the rule"} {
		if !strings.Contains(f.Body, want) {
			t.Errorf("failure body lacks %q:\n%s", want, f.Body)
		}
	}
	warn := doc.suite("RMP-K8S-010").Cases[0]
	if !strings.Contains(warn.SystemOut, "warning: deploy/web.yaml:18") {
		t.Errorf("warning testcase system-out = %q", warn.SystemOut)
	}
	if s := doc.suite("RMP-TF-001").Cases[0].Skipped; !strings.Contains(s.Message, "suppressed (inline): test fixture") {
		t.Errorf("skipped message = %q", s.Message)
	}
}

func TestJUnitEscaping(t *testing.T) {
	r := oddPathsReport()
	doc := parseJUnit(t, r, JUnitOptions{})
	c := doc.suite("RMP-K8S-001").Cases[0]
	want := "Container <script>alert(1)</script> | **bold** & \"quoted\" @security-team\uFFFD[31m"
	if c.Failure == nil || c.Failure.Message != want {
		t.Errorf("failure message = %q, want %q (XML-invalid characters replaced)", c.Failure.Message, want)
	}
	if c.Name != "Deployment/`web`|*x*" || c.File != "envs/prod east/a:b|(c)[d].yaml" {
		t.Errorf("testcase = %q in %q", c.Name, c.File)
	}
}

func TestJUnitTimestamp(t *testing.T) {
	ts := time.Date(2026, 11, 30, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	doc := parseJUnit(t, sampleReport(), JUnitOptions{Timestamp: ts})
	if doc.Timestamp != "2026-11-30T08:30:00Z" {
		t.Errorf("timestamp = %q", doc.Timestamp)
	}
}

func TestJUnitEmpty(t *testing.T) {
	doc := parseJUnit(t, emptyReport(), JUnitOptions{})
	if doc.Tests != 0 || len(doc.Suites) != 0 {
		t.Errorf("empty report: %+v", doc)
	}
}

func TestJUnitGolden(t *testing.T) {
	golden(t, "report.junit.xml", render(t, func(b *bytes.Buffer) error { return WriteJUnit(b, sampleReport(), JUnitOptions{}) }))
}
