package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
)

func renderHTML(t *testing.T, r *Report) []byte {
	t.Helper()
	return render(t, func(b *bytes.Buffer) error { return WriteHTML(b, r, HTMLOptions{}) })
}

func parseHTML(t *testing.T, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// DOM helpers.

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && match(c) {
			out = append(out, c)
		}
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrIs(key, val string) func(*html.Node) bool {
	return func(n *html.Node) bool { v, ok := attr(n, key); return ok && v == val }
}

func hasAttr(key string) func(*html.Node) bool {
	return func(n *html.Node) bool { _, ok := attr(n, key); return ok }
}

func hasClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		v, _ := attr(n, "class")
		return slices.Contains(strings.Fields(v), class)
	}
}

func tagIs(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag }
}

// textOf is the text of n with whitespace collapsed; text nodes are
// separated by a space, as table cells read.
func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func byID(t *testing.T, doc *html.Node, id string) *html.Node {
	t.Helper()
	nodes := findAll(doc, attrIs("id", id))
	if len(nodes) != 1 {
		t.Fatalf("%d elements with id %q, want 1", len(nodes), id)
	}
	return nodes[0]
}

// reportNumbers are the numbers the HTML report must agree with, read back
// from the JSON report.
type reportNumbers struct {
	Passed  bool `json:"passed"`
	Summary struct {
		Total      int            `json:"total"`
		BySeverity map[string]int `json:"by_severity"`
		ByCategory map[string]int `json:"by_category"`
		Suppressed int            `json:"suppressed"`
	} `json:"summary"`
	Findings []struct {
		Severity   string          `json:"severity"`
		Suppressed json.RawMessage `json:"suppressed"`
	} `json:"findings"`
	Frameworks []findings.FrameworkResult `json:"frameworks"`
}

func jsonNumbers(t *testing.T, r *Report) *reportNumbers {
	t.Helper()
	var n reportNumbers
	data := render(t, func(b *bytes.Buffer) error { return WriteJSON(b, r) })
	if err := json.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	return &n
}

// riskFromJSON is the risk level the JSON report implies.
func (n *reportNumbers) risk() string {
	for _, sev := range []string{"critical", "high", "medium", "low"} {
		if n.Summary.BySeverity[sev] > 0 {
			return strings.ToUpper(sev[:1]) + sev[1:]
		}
	}
	return "None"
}

// checkAgainstJSON asserts that the executive summary's risk level and
// counts and the CIS tables of a DOM (parsed or rendered by a browser)
// equal the JSON report's numbers.
func checkAgainstJSON(t *testing.T, doc *html.Node, n *reportNumbers) {
	t.Helper()
	risk := byID(t, doc, "risk-level")
	if got := textOf(risk); got != n.risk() {
		t.Errorf("risk level %q, want %q", got, n.risk())
	}
	if v, _ := attr(risk, "data-risk"); v != strings.ToLower(n.risk()) {
		t.Errorf("data-risk %q", v)
	}
	if v, _ := attr(byID(t, doc, "gate-verdict"), "data-passed"); v != strconv.FormatBool(n.Passed) {
		t.Errorf("gate data-passed = %q, want %v", v, n.Passed)
	}

	summary := byID(t, doc, "executive-summary")
	for _, sev := range engine.Severities {
		cells := findAll(summary, func(x *html.Node) bool { return x.Data == "td" && attrIs("data-severity", string(sev))(x) })
		if len(cells) != 1 {
			t.Errorf("%d count cells for %s", len(cells), sev)
			continue
		}
		if got, want := textOf(cells[0]), strconv.Itoa(n.Summary.BySeverity[string(sev)]); got != want {
			t.Errorf("%s count %s, JSON says %s", sev, got, want)
		}
	}
	for key, want := range map[string]int{"total": n.Summary.Total, "suppressed": n.Summary.Suppressed} {
		cells := findAll(summary, attrIs("data-count", key))
		if len(cells) != 1 || textOf(cells[0]) != strconv.Itoa(want) {
			t.Errorf("%s count cell wrong: %d cells, want %d", key, len(cells), want)
		}
	}

	cis := byID(t, doc, "cis-results")
	tables := findAll(cis, hasAttr("data-framework"))
	if len(tables) != len(n.Frameworks) {
		t.Fatalf("%d framework tables, JSON has %d", len(tables), len(n.Frameworks))
	}
	for i, fw := range n.Frameworks {
		box := tables[i]
		if id, _ := attr(box, "data-framework"); id != fw.Framework {
			t.Errorf("framework %d is %q, want %q", i, id, fw.Framework)
		}
		if v, _ := attr(box, "data-version"); v != fw.Version {
			t.Errorf("%s version %q, want %q", fw.Framework, v, fw.Version)
		}
		for key, want := range map[string]int{"passed": fw.Passed, "failed": fw.Failed, "not_applicable": fw.NA} {
			cells := findAll(box, attrIs("data-total", key))
			if len(cells) != 1 || textOf(cells[0]) != strconv.Itoa(want) {
				t.Errorf("%s %s total wrong (want %d)", fw.Framework, key, want)
			}
		}
		rows := findAll(box, hasAttr("data-control"))
		if len(rows) != len(fw.Controls) {
			t.Errorf("%s: %d rows, JSON has %d controls", fw.Framework, len(rows), len(fw.Controls))
			continue
		}
		for j, c := range fw.Controls {
			id, _ := attr(rows[j], "data-control")
			status, _ := attr(rows[j], "data-status")
			if id != c.ID || status != c.Status {
				t.Errorf("%s row %d: %s %s, JSON has %s %s", fw.Framework, j, id, status, c.ID, c.Status)
			}
			cells := findAll(rows[j], tagIs("td"))
			if len(cells) != 5 || textOf(cells[0]) != c.ID || textOf(cells[3]) != strconv.Itoa(c.Checked) || textOf(cells[4]) != strconv.Itoa(c.Failed) {
				t.Errorf("%s row %s cells disagree with %+v", fw.Framework, c.ID, c)
			}
		}
	}
}

func TestHTMLMatchesJSONReport(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Report
	}{
		{"sample", sampleReport()},
		{"empty", emptyReport()},
		{"odd paths", oddPathsReport()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkAgainstJSON(t, parseHTML(t, renderHTML(t, tc.r)), jsonNumbers(t, tc.r))
		})
	}
}

func TestHTMLSectionsInOrder(t *testing.T) {
	doc := parseHTML(t, renderHTML(t, sampleReport()))
	var ids []string
	for _, s := range findAll(doc, tagIs("section")) {
		id, _ := attr(s, "id")
		ids = append(ids, id)
	}
	want := []string{"executive-summary", "scope", "findings-by-severity", "findings-by-category", "cis-results", "remediation-roadmap", "appendix"}
	if !slices.Equal(ids, want) {
		t.Errorf("sections %v, want %v", ids, want)
	}
	if title := findAll(doc, tagIs("title")); len(title) != 1 || textOf(title[0]) != DefaultHTMLTitle {
		t.Errorf("title %v", title)
	}
}

func TestHTMLExecutiveSummary(t *testing.T) {
	doc := parseHTML(t, renderHTML(t, sampleReport()))
	text := textOf(byID(t, doc, "executive-summary"))
	for _, want := range []string{
		"Overall risk Critical",
		"Gate failed --fail-on high · 4 blocking",
		"found 7 open findings (2 critical, 2 high, 2 medium and 1 low)",
		"The top risks are: Container runs privileged (Critical, 2 resources), Security group allows SSH from the internet (High, 1 resource) and S3 bucket allows public access (High, 1 resource).",
		"4 blocking findings must be fixed or suppressed, and 1 input could not be read or parsed.",
		"Findings by severity", "Findings by category",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("executive summary lacks %q:\n%s", want, text)
		}
	}
	// The charts are inline SVG with one bar per severity and category.
	bars := findAll(byID(t, doc, "executive-summary"), hasClass("bar"))
	if len(bars) != len(engine.Severities)+len(engine.Categories) {
		t.Errorf("%d chart bars", len(bars))
	}
}

func TestHTMLScope(t *testing.T) {
	r := sampleReport()
	scope := byID(t, parseHTML(t, renderHTML(t, r)), "scope")
	for stat, want := range map[string]int{
		"files-scanned": r.Scope.FilesScanned, "resources": r.Scope.Resources,
		"files-skipped": r.Scope.FilesSkipped, "files-with-errors": r.Scope.FilesErrored,
	} {
		nodes := findAll(scope, attrIs("data-stat", stat))
		if len(nodes) != 1 || !strings.HasPrefix(textOf(nodes[0]), strconv.Itoa(want)+" ") {
			t.Errorf("stat %s wrong, want %d", stat, want)
		}
	}
	text := textOf(scope)
	for _, want := range []string{"terraform 10", "aws_s3_bucket 2", "rampart-builtin (policy bundle) 2026.11.2", "acme-policies (policy bundle) 4f2c9e1"} {
		if !strings.Contains(text, want) {
			t.Errorf("scope lacks %q", want)
		}
	}
}

func TestHTMLFindings(t *testing.T) {
	r := sampleReport()
	doc := parseHTML(t, renderHTML(t, r))
	cards := findAll(byID(t, doc, "findings-by-severity"), tagIs("article"))
	if len(cards) != r.Summary.Total {
		t.Fatalf("%d finding cards, want %d", len(cards), r.Summary.Total)
	}
	active := r.active()
	for i, card := range cards {
		f := active[i]
		if v, _ := attr(card, "data-severity"); v != string(f.Severity) {
			t.Errorf("card %d severity %q, want %q", i, v, f.Severity)
		}
		text := textOf(card)
		for _, want := range []string{f.ID, f.RuleID, f.Title, f.Category, f.Resource.Address, locationText(f.Location), f.Message, f.Description, f.Risk, f.Remediation} {
			if !strings.Contains(text, oneLine(want)) {
				t.Errorf("card %s lacks %q", f.ID, want)
			}
		}
		var hrefs []string
		for _, a := range findAll(card, tagIs("a")) {
			h, _ := attr(a, "href")
			hrefs = append(hrefs, h)
		}
		if !slices.Equal(hrefs, f.References) {
			t.Errorf("card %s links %v, want references %v", f.ID, hrefs, f.References)
		}
	}

	// Categories: counts per category equal the summary.
	cat := byID(t, doc, "findings-by-category")
	for c, want := range r.Summary.ByCategory {
		rows := findAll(cat, func(n *html.Node) bool { return n.Data == "tr" && attrIs("data-category", c)(n) })
		if len(rows) != 1 {
			t.Errorf("%d rows for category %s", len(rows), c)
			continue
		}
		if total := findAll(rows[0], hasClass("total")); len(total) != 1 || textOf(total[0]) != strconv.Itoa(want) {
			t.Errorf("category %s total wrong, want %d", c, want)
		}
	}

	// Suppressed findings are only in the appendix, with their reason.
	appendix := textOf(byID(t, doc, "appendix"))
	if !strings.Contains(appendix, "Inline comment: test fixture; the value is not a real credential") {
		t.Error("appendix lacks the suppressed finding's reason")
	}
	for _, want := range []string{"infra/broken.tf 12:3 Argument or block definition required", "assets/logo.png binary file", "rampart 0.9.0", "RMP-AWS-RDS-001 RDS instance is not encrypted High Not applicable 0 0"} {
		if !strings.Contains(appendix, want) {
			t.Errorf("appendix lacks %q", want)
		}
	}
}

func TestHTMLRoadmap(t *testing.T) {
	r := sampleReport()
	doc := parseHTML(t, renderHTML(t, r))
	items := findAll(byID(t, doc, "remediation-roadmap"), hasAttr("data-priority"))
	type item struct {
		rule      string
		resources string
	}
	var got []item
	for i, it := range items {
		rule, _ := attr(it, "data-rule")
		res, _ := attr(it, "data-resources")
		if p, _ := attr(it, "data-priority"); p != strconv.Itoa(i+1) {
			t.Errorf("item %d has priority %s", i, p)
		}
		got = append(got, item{rule, res})
	}
	// Critical first, then high, medium (blocking before advisory), low;
	// one item per rule with the number of affected resources.
	want := []item{
		{"RMP-K8S-001", "2"}, {"RMP-AWS-EC2-001", "1"}, {"RMP-AWS-S3-001", "1"},
		{"RMP-AWS-EBS-001", "1"}, {"RMP-K8S-010", "1"}, {"RMP-DOCKER-003", "1"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("roadmap %v, want %v", got, want)
	}
	if text := textOf(items[0]); !strings.Contains(text, "Fix immediately") || !strings.Contains(text, "blocks merge") ||
		!strings.Contains(text, "Remove securityContext.privileged") || !strings.Contains(text, "StatefulSet/db") || !strings.Contains(text, "Deployment/web") {
		t.Errorf("first roadmap item: %s", text)
	}
}

// TestHTMLSelfContained checks that the page loads nothing: no scripts,
// stylesheets, images, frames or fonts from anywhere, and that the only
// absolute links are the findings' references.
func TestHTMLSelfContained(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *Report
	}{
		{"sample", sampleReport()},
		{"hostile text", oddPathsReport()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := renderHTML(t, tc.r)
			doc := parseHTML(t, data)
			refs := map[string]bool{}
			for _, f := range tc.r.Findings {
				for _, ref := range f.References {
					refs[ref] = true
				}
			}
			for _, tag := range []string{"script", "link", "img", "iframe", "frame", "object", "embed", "video", "audio", "source", "base", "form", "image", "use"} {
				if n := findAll(doc, tagIs(tag)); len(n) > 0 {
					t.Errorf("page has %d <%s> elements", len(n), tag)
				}
			}
			for _, n := range findAll(doc, func(*html.Node) bool { return true }) {
				for _, a := range n.Attr {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					switch {
					case a.Key == "src" || a.Key == "srcset" || a.Key == "xlink:href" || a.Key == "poster" || a.Key == "action":
						t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
					case a.Key == "href" && n.Data != "a":
						t.Errorf("<%s href=%q>", n.Data, a.Val)
					case a.Key == "href" && !strings.HasPrefix(v, "#") && !(refs[a.Val] && isWebURL(a.Val)):
						t.Errorf("link to %q, which is not a web reference", a.Val)
					case strings.HasPrefix(a.Key, "on"):
						t.Errorf("event handler <%s %s>", n.Data, a.Key)
					case a.Key == "style" && strings.Contains(v, "url("):
						t.Errorf("style loads %q", a.Val)
					}
				}
			}
			for _, s := range findAll(doc, tagIs("style")) {
				css := strings.ToLower(textOf(s))
				if strings.Contains(css, "url(") || strings.Contains(css, "@import") || strings.Contains(css, "@font-face") {
					t.Error("stylesheet loads external resources")
				}
			}
		})
	}
}

func TestHTMLEscapesUserText(t *testing.T) {
	r := oddPathsReport()
	data := renderHTML(t, r)
	if bytes.Contains(data, []byte("<script>alert(1)</script>")) {
		t.Fatal("message rendered as markup")
	}
	doc := parseHTML(t, data)
	card := byID(t, doc, "finding-"+r.Findings[0].ID)
	if !strings.Contains(textOf(card), "Container <script>alert(1)</script> | **bold** & \"quoted\"") {
		t.Errorf("message not shown as text: %s", textOf(card))
	}
	// A reference that is not a web URL is shown as text, not linked.
	if !strings.Contains(textOf(card), "javascript:alert(1)") {
		t.Error("non-web reference dropped")
	}
}

func TestHTMLEmptyReport(t *testing.T) {
	doc := parseHTML(t, renderHTML(t, emptyReport()))
	for id, want := range map[string]string{
		"findings-by-severity": "No open findings",
		"cis-results":          "No CIS benchmark control applies",
		"remediation-roadmap":  "Nothing to fix",
		"executive-summary":    "The gate (--fail-on none) passed.",
	} {
		if !strings.Contains(textOf(byID(t, doc, id)), want) {
			t.Errorf("#%s lacks %q", id, want)
		}
	}
}

func TestHTMLDeterministic(t *testing.T) {
	a, b := renderHTML(t, sampleReport()), renderHTML(t, sampleReport())
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same report differ")
	}
}

func TestRiskLevel(t *testing.T) {
	f := func(sev engine.Severity, level string, suppressed bool) findings.Finding {
		out := findings.Finding{Severity: sev, Level: level}
		if suppressed {
			out.Suppressed = &findings.Suppression{Source: "config"}
		}
		return out
	}
	for _, tc := range []struct {
		name string
		fs   []findings.Finding
		want string
	}{
		{"none", nil, RiskNone},
		{"low", []findings.Finding{f(engine.Low, "deny", false)}, RiskLow},
		{"medium warning", []findings.Finding{f(engine.Low, "deny", false), f(engine.Medium, "warn", false)}, RiskMedium},
		{"high", []findings.Finding{f(engine.High, "deny", false), f(engine.Medium, "deny", false)}, RiskHigh},
		{"critical", []findings.Finding{f(engine.Low, "deny", false), f(engine.Critical, "deny", false)}, RiskCritical},
		{"suppressed critical", []findings.Finding{f(engine.Critical, "deny", true), f(engine.Low, "deny", false)}, RiskLow},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &Report{Findings: tc.fs}
			if got := r.RiskLevel(); got != tc.want {
				t.Errorf("RiskLevel() = %q, want %q", got, tc.want)
			}
		})
	}
}
