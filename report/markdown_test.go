package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
)

func markdown(t *testing.T, r *Report, opts MarkdownOptions) string {
	t.Helper()
	return string(render(t, func(b *bytes.Buffer) error { return WriteMarkdown(b, r, opts) }))
}

func TestMarkdownGolden(t *testing.T) {
	golden(t, "report.md", []byte(markdown(t, sampleReport(), MarkdownOptions{})))
	golden(t, "report-links.md", []byte(markdown(t, sampleReport(), MarkdownOptions{LinkBase: "https://github.com/acme/infra/blob/0123abc"})))
}

func TestMarkdownHeading(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(r *Report)
		want string
	}{
		{"blocking findings and input errors", func(r *Report) {},
			"## ❌ Rampart failed (`--fail-on high`): 4 blocking findings, 1 input error\n"},
		{"blocking findings", func(r *Report) { r.Errors = nil },
			"## ❌ Rampart failed (`--fail-on high`): 4 blocking findings\n"},
		{"input errors only", func(r *Report) { r.FailOn = "critical"; r.Findings = r.Findings[2:] },
			"## ❌ Rampart failed (`--fail-on critical`): 1 input error\n"},
		{"passed", func(r *Report) { r.FailOn, r.Passed, r.Errors = "none", true, nil },
			"## ✅ Rampart passed (`--fail-on none`)\n"},
		{"passed with allowed parse errors", func(r *Report) { r.FailOn, r.Passed = "none", true },
			"## ✅ Rampart passed (`--fail-on none`)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := sampleReport()
			tc.edit(r)
			md := markdown(t, r, MarkdownOptions{})
			if first, _, _ := strings.Cut(md, "\n"); first+"\n" != tc.want {
				t.Errorf("heading = %q, want %q", first, tc.want)
			}
		})
	}
}

func TestMarkdownSections(t *testing.T) {
	r := sampleReport()
	md := markdown(t, r, MarkdownOptions{})
	for _, want := range []string{
		"| 🔴 Critical | 🟠 High | 🟡 Medium | 🔵 Low | Warnings | Suppressed | Input errors |\n|---:|---:|---:|---:|---:|---:|---:|\n| 2 | 2 | 2 | 1 | 1 | 1 | 1 |\n",
		"### Blocking findings\n\n| Severity | Rule | Title | Location |\n",
		"| 🟠 High | RMP-AWS-EC2-001 | Security group allows SSH from the internet | `infra/network.tf:18-23` |\n",
		"<summary><b>🔴 Critical (2)</b></summary>",
		"<summary><b>🟡 Medium (2)</b></summary>",
		"**RMP-K8S-010** Workload uses the default service account _(warning)_",
		"<summary><b>Suppressed (1)</b></summary>",
		"_Suppressed (inline): test fixture; the value is not a real credential_",
		"### Input errors (1)\n\n- `infra/broken.tf:12:3`: Argument or block definition required",
		"\\<\\<", // user text is escaped
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Count(md, "<details>") != strings.Count(md, "</details>") {
		t.Error("unbalanced <details>")
	}
	// Blocking findings: the four critical and high deny findings.
	if n := strings.Count(md, "\n| 🔴 Critical | RMP-") + strings.Count(md, "\n| 🟠 High | RMP-"); n != 4 {
		t.Errorf("%d blocking rows, want 4", n)
	}
	if strings.Contains(md, "more._") {
		t.Error("table says more findings were left out")
	}
}

func TestMarkdownLinks(t *testing.T) {
	r := oddPathsReport()
	md := markdown(t, r, MarkdownOptions{LinkBase: "https://github.com/acme/infra/blob/0123abc/"})
	want := "[envs/prod east/a:b\\|(c)\\[d\\].yaml:31](https://github.com/acme/infra/blob/0123abc/envs/prod%20east/a:b%7C%28c%29%5Bd%5D.yaml#L31)"
	if !strings.Contains(md, want) {
		t.Errorf("markdown lacks link %s:\n%s", want, md)
	}
	if !strings.Contains(md, "(https://github.com/acme/infra/blob/0123abc/infra/network.tf#L18-L23)") {
		t.Error("no line-range link")
	}
}

func TestMarkdownRowLimit(t *testing.T) {
	r := manyFindings(60, 20)
	md := markdown(t, r, MarkdownOptions{})
	if n := strings.Count(md, "\n| 🟠 High | RMP-GEN-"); n != DefaultMarkdownRows {
		t.Errorf("%d rows, want %d", n, DefaultMarkdownRows)
	}
	if !strings.Contains(md, "_…and 10 more._") {
		t.Error("no 'and 10 more' line")
	}
	md = markdown(t, r, MarkdownOptions{MaxRows: 5})
	if n := strings.Count(md, "\n| 🟠 High | RMP-GEN-"); n != 5 || !strings.Contains(md, "_…and 55 more._") {
		t.Errorf("MaxRows 5: %d rows", n)
	}
}

func TestMarkdownSizeLimit(t *testing.T) {
	for _, tc := range []struct {
		name     string
		r        *Report
		maxBytes int
	}{
		{"default limit", manyFindings(2000, 400), 0},
		{"small limit", manyFindings(200, 200), 4000},
		{"tiny limit", manyFindings(20, 50), 1500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := markdown(t, tc.r, MarkdownOptions{MaxBytes: tc.maxBytes})
			limit := tc.maxBytes
			if limit == 0 {
				limit = DefaultMarkdownBytes
			}
			if len(md) > limit {
				t.Errorf("%d bytes, limit %d", len(md), limit)
			}
			if !utf8.ValidString(md) {
				t.Error("output is not valid UTF-8")
			}
			if strings.Count(md, "<details>") != strings.Count(md, "</details>") {
				t.Error("unbalanced <details> after truncation")
			}
			if !strings.Contains(md, "This comment was shortened to fit") {
				t.Error("no truncation note")
			}
			if !strings.HasPrefix(md, "## ❌ Rampart failed") {
				t.Errorf("heading lost: %.80q", md)
			}
		})
	}
}

// manyFindings is a report with n high findings with long messages.
func manyFindings(n, msgLen int) *Report {
	r := sampleReport()
	r.Findings = nil
	for i := range n {
		msg := fmt.Sprintf("Finding %d: %s", i, strings.Repeat("é|*x ", msgLen/5))
		f := findings.Finding{
			RuleID: fmt.Sprintf("RMP-GEN-%03d", i%7), Title: "Generated finding", Severity: engine.High, Category: "Network", Level: engine.LevelDeny,
			Resource:    findings.Resource{Kind: "terraform", Type: "aws_instance", Address: fmt.Sprintf("aws_instance.web[%d]", i), Path: "main.tf", StartLine: i + 1, EndLine: i + 1},
			Location:    findings.Location{Path: "main.tf", StartLine: i + 1, EndLine: i + 1},
			Message:     msg,
			Remediation: "Do the right thing.",
		}
		f.Fingerprint = findings.Fingerprint(f.RuleID, f.Resource.Path, f.Resource.Address, f.Message)
		f.ID = f.Fingerprint[:12]
		r.Findings = append(r.Findings, f)
	}
	r.Errors = append(r.Errors, r.Errors[0], r.Errors[0])
	r.Summary = findings.Summarize(r.Findings)
	return r
}

func TestMDText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a|b", `a\|b`},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"**bold** _it_ `code` [link](x) ~s~", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[link\\](x) \\~s\\~"},
		{`back\slash`, `back\\slash`},
		{"# heading", `\# heading`},
		{"- item", `\- item`},
		{"line one\nline two", "line one line two"},
		{"ping @security-team", "ping @\u2060security-team"},
		{"@alice", "@\u2060alice"},
		{"node@sha256:abc", "node@sha256:abc"},
		{"a & b", `a \& b`},
	} {
		if got := mdText(tc.in); got != tc.want {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMDCode(t *testing.T) {
	for _, tc := range []struct {
		in      string
		inTable bool
		want    string
	}{
		{"aws_s3_bucket.logs", false, "`aws_s3_bucket.logs`"},
		{"a`b", false, "``a`b``"},
		{"`x`", false, "`` `x` ``"},
		{"a|b", false, "`a|b`"},
		{"a|b", true, "`a\\|b`"},
	} {
		if got := mdCode(tc.in, tc.inTable); got != tc.want {
			t.Errorf("mdCode(%q, %v) = %q, want %q", tc.in, tc.inTable, got, tc.want)
		}
	}
}
