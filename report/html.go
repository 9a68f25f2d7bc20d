package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
	"github.com/rampart-iac/rampart/normalizers"
)

// HTMLOptions tune the HTML report.
type HTMLOptions struct {
	// Title is the document title; empty means DefaultHTMLTitle.
	Title string
	// GeneratedAt, when set, is printed in the header. The clock is not
	// read, so that output is reproducible.
	GeneratedAt time.Time
}

// DefaultHTMLTitle is the title of the HTML report.
const DefaultHTMLTitle = "Infrastructure Security Report"

//go:embed html/report.html.tmpl html/report.css
var htmlFS embed.FS

var htmlTemplate = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"paras": paragraphs,
}).ParseFS(htmlFS, "html/report.html.tmpl"))

var htmlCSS = func() template.CSS {
	b, err := htmlFS.ReadFile("html/report.css")
	if err != nil {
		panic(err)
	}
	return template.CSS(b) // our own embedded stylesheet, not user input
}()

// WriteHTML writes the report as one self-contained HTML page (inline CSS
// and SVG charts, no scripts, nothing loaded from elsewhere), in the order
// of a security review: executive summary, scope, findings by severity and
// by category, CIS benchmark results, remediation roadmap and appendix.
func WriteHTML(w io.Writer, r *Report, opts HTMLOptions) error {
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, newHTMLView(r, opts)); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// htmlView is everything the template shows, computed up front so that the
// template only lays it out.
type htmlView struct {
	Title     string
	Generated string
	CSS       template.CSS

	Tool          Tool
	Bundles       []Bundle
	SchemaVersion string
	Duration      string

	Risk, RiskKey string
	Passed        bool
	FailOn        string
	Blocking      int
	Severities    []severityCount
	Total         int
	Warnings      int
	Suppressed    int
	InputErrors   int
	Summary       []string
	SeverityChart barChart
	CategoryChart barChart

	Scope scopeView

	BySeverity        []severityGroup
	ByCategory        []categoryGroup
	EmptyCategories   []string
	Frameworks        []frameworkView
	Roadmap           []roadmapItem
	Rules             []ruleView
	Errors            []normalizers.Diagnostic
	WarningsList      []normalizers.Diagnostic
	Skipped           []normalizers.Skipped
	SuppressedEntries []*findingView
}

type severityCount struct {
	Key, Label string
	Count      int
}

type scopeView struct {
	Paths                                     []string
	FilesScanned, FilesSkipped, FilesErrored  int
	Resources                                 int
	FilesByKind, ResourcesByKind, ResourcesBy []namedCount
	// MoreTypes counts resource types left out of ResourcesBy.
	MoreTypes int
}

// maxResourceTypes limits the resource types listed in the scope.
const maxResourceTypes = 15

type namedCount struct {
	Name  string
	Count int
}

type severityGroup struct {
	Key, Label string
	Findings   []*findingView
}

type categoryGroup struct {
	Name, Key  string
	Total      int
	Severities []severityCount
	Findings   []*findingView
}

type findingView struct {
	Anchor        string
	ID            string
	RuleID, Title string
	Severity      string
	SeverityLabel string
	Category      string
	Warn          bool
	Blocking      bool
	Kind, Type    string
	Address       string
	Location      string
	Attribute     string
	Message       string
	Description   string
	Risk          string
	Remediation   string
	References    []referenceView
	Controls      []string
	Suppression   string
}

type referenceView struct {
	URL  string
	Link bool
}

type frameworkView struct {
	ID, Version, Title           string
	Passed, Failed, NA           int
	Total                        int
	Checked, FailedTotal         int
	Controls                     []controlView
	FailW, PassW, NAX, NAW, BarW int
}

type controlView struct {
	ID, Status, StatusLabel string
	Rules                   string
	Checked, Failed         int
}

type roadmapItem struct {
	Priority      int
	Phase         string
	Severity      string
	SeverityLabel string
	RuleID, Title string
	Resources     int
	Blocking      bool
	Warn          bool
	Remediation   string
	Affected      []*findingView
}

type ruleView struct {
	RuleID, Title, Severity, SeverityLabel, Status, StatusLabel string
	Checked, Failed                                             int
}

// barChart is a horizontal bar chart drawn as inline SVG.
type barChart struct {
	Title         string
	Width, Height int
	Bars          []chartBar
}

type chartBar struct {
	Label, Key           string
	Count                int
	Y, TextY, W, CountX  int
	LabelX, BarX, TrackW int
	BarH                 int
}

func newHTMLView(r *Report, opts HTMLOptions) *htmlView {
	v := &htmlView{
		Title:         nonEmpty(opts.Title, DefaultHTMLTitle),
		CSS:           htmlCSS,
		Tool:          Tool{Name: toolName(r), Version: r.Tool.Version},
		Bundles:       r.Bundles,
		SchemaVersion: r.SchemaVersion,
		Duration:      formatDuration(r.DurationMS),
		Risk:          r.RiskLevel(),
		Passed:        r.Passed,
		FailOn:        r.FailOn,
		InputErrors:   len(r.Errors),
		Errors:        r.Errors,
		WarningsList:  r.Warnings,
		Skipped:       r.Skipped,
	}
	if !opts.GeneratedAt.IsZero() {
		v.Generated = opts.GeneratedAt.UTC().Format("2006-01-02 15:04 UTC")
	}
	v.RiskKey = strings.ToLower(v.Risk)

	threshold := r.Threshold()
	views := map[*findings.Finding]*findingView{}
	view := func(f *findings.Finding) *findingView {
		if fv := views[f]; fv != nil {
			return fv
		}
		fv := newFindingView(f, threshold)
		views[f] = fv
		return fv
	}

	sum := findings.Summarize(r.Findings)
	v.Total, v.Warnings, v.Suppressed = sum.Total, sum.Warnings, sum.Suppressed
	active := r.active()
	for _, f := range active {
		if f.Blocking(threshold) {
			v.Blocking++
		}
	}
	for _, sev := range engine.Severities {
		sc := severityCount{Key: string(sev), Label: severityTitle(sev), Count: sum.BySeverity[string(sev)]}
		v.Severities = append(v.Severities, sc)
		g := severityGroup{Key: sc.Key, Label: sc.Label}
		for _, f := range active {
			if f.Severity == sev {
				g.Findings = append(g.Findings, view(f))
			}
		}
		v.BySeverity = append(v.BySeverity, g)
	}
	v.SeverityChart = newBarChart("Findings by severity", v.Severities)

	// Categories: the known ones in order, then any other.
	cats := append([]string(nil), engine.Categories...)
	for _, f := range active {
		if !slices.Contains(cats, f.Category) {
			cats = append(cats, f.Category)
		}
	}
	var catCounts []severityCount
	for _, c := range cats {
		g := categoryGroup{Name: c, Key: anchorKey(c)}
		counts := map[engine.Severity]int{}
		for _, f := range active {
			if f.Category == c {
				g.Findings = append(g.Findings, view(f))
				counts[f.Severity]++
			}
		}
		g.Total = len(g.Findings)
		for _, sev := range engine.Severities {
			g.Severities = append(g.Severities, severityCount{Key: string(sev), Label: severityTitle(sev), Count: counts[sev]})
		}
		v.ByCategory = append(v.ByCategory, g)
		catCounts = append(catCounts, severityCount{Key: "category", Label: c, Count: g.Total})
		if g.Total == 0 {
			v.EmptyCategories = append(v.EmptyCategories, c)
		}
	}
	v.CategoryChart = newBarChart("Findings by category", catCounts)

	v.Scope = scopeView{
		Paths:           r.Scope.Paths,
		FilesScanned:    r.Scope.FilesScanned,
		FilesSkipped:    r.Scope.FilesSkipped,
		FilesErrored:    r.Scope.FilesErrored,
		Resources:       r.Scope.Resources,
		FilesByKind:     namedCounts(r.Scope.FilesByKind),
		ResourcesByKind: namedCounts(r.Scope.ResourcesKind),
		ResourcesBy:     namedCounts(r.Scope.ResourcesType),
	}
	if n := len(v.Scope.ResourcesBy); n > maxResourceTypes {
		v.Scope.MoreTypes = n - maxResourceTypes
		v.Scope.ResourcesBy = v.Scope.ResourcesBy[:maxResourceTypes]
	}

	for _, fw := range r.Frameworks {
		v.Frameworks = append(v.Frameworks, newFrameworkView(fw))
	}
	v.Roadmap = newRoadmap(active, threshold, view)
	for _, rr := range r.Rules {
		v.Rules = append(v.Rules, ruleView{
			RuleID: rr.RuleID, Title: rr.Title, Severity: string(rr.Severity), SeverityLabel: severityTitle(rr.Severity),
			Status: rr.Status, StatusLabel: statusLabel(rr.Status), Checked: rr.Checked, Failed: rr.Failed,
		})
	}
	for _, f := range r.suppressed() {
		v.SuppressedEntries = append(v.SuppressedEntries, view(f))
	}
	v.Summary = summarySentences(r, v)
	return v
}

func newFindingView(f *findings.Finding, threshold engine.Severity) *findingView {
	fv := &findingView{
		Anchor:        "finding-" + anchorKey(nonEmpty(f.ID, f.Fingerprint)),
		ID:            f.ID,
		RuleID:        f.RuleID,
		Title:         f.Title,
		Severity:      string(f.Severity),
		SeverityLabel: severityTitle(f.Severity),
		Category:      f.Category,
		Warn:          f.Level == engine.LevelWarn,
		Blocking:      f.Blocking(threshold),
		Kind:          f.Resource.Kind,
		Type:          f.Resource.Type,
		Address:       f.Resource.Address,
		Location:      locationText(f.Location),
		Attribute:     f.Attribute,
		Message:       f.Message,
		Description:   f.Description,
		Risk:          f.Risk,
		Remediation:   f.Remediation,
		Controls:      frameworkTags(f.Frameworks),
	}
	for _, ref := range f.References {
		fv.References = append(fv.References, referenceView{URL: ref, Link: isWebURL(ref)})
	}
	if s := f.Suppressed; s != nil {
		fv.Suppression = nonEmpty(suppressionSources[s.Source], s.Source)
		if s.Reason != "" {
			fv.Suppression += ": " + oneLine(s.Reason)
		}
	}
	return fv
}

func newFrameworkView(fw findings.FrameworkResult) frameworkView {
	v := frameworkView{
		ID: fw.Framework, Version: fw.Version, Title: frameworkTitle(fw.Framework),
		Passed: fw.Passed, Failed: fw.Failed, NA: fw.NA, Total: fw.Passed + fw.Failed + fw.NA,
		BarW: 600,
	}
	for _, c := range fw.Controls {
		v.Controls = append(v.Controls, controlView{
			ID: c.ID, Status: c.Status, StatusLabel: statusLabel(c.Status),
			Rules: strings.Join(c.Rules, ", "), Checked: c.Checked, Failed: c.Failed,
		})
		v.Checked += c.Checked
		v.FailedTotal += c.Failed
	}
	if v.Total > 0 {
		v.PassW = v.BarW * v.Passed / v.Total
		v.FailW = v.BarW * v.Failed / v.Total
		v.NAX = v.PassW + v.FailW
		v.NAW = v.BarW - v.NAX
	}
	return v
}

// suppressionSources describe where a suppression was declared.
var suppressionSources = map[string]string{
	"inline":   "Inline comment",
	"config":   "Configuration file",
	"baseline": "Baseline",
}

// roadmapPhases name when fixes of each severity should land.
var roadmapPhases = map[engine.Severity]string{
	engine.Critical: "Fix immediately",
	engine.High:     "Fix before release",
	engine.Medium:   "Plan this quarter",
	engine.Low:      "Backlog",
}

// newRoadmap groups active findings by rule (one fix each), most serious
// first: severity, then blocking deny findings before advisory ones, then
// the number of affected resources.
func newRoadmap(active []*findings.Finding, threshold engine.Severity, view func(*findings.Finding) *findingView) []roadmapItem {
	groups := groupByRule(active)
	warnOnly := func(g *ruleGroup) bool {
		for _, f := range g.Findings {
			if f.Level != engine.LevelWarn {
				return false
			}
		}
		return true
	}
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if ra, rb := a.First.Severity.Rank(), b.First.Severity.Rank(); ra != rb {
			return ra > rb
		}
		if wa, wb := warnOnly(a), warnOnly(b); wa != wb {
			return !wa
		}
		if na, nb := a.resourceCount(), b.resourceCount(); na != nb {
			return na > nb
		}
		return a.RuleID < b.RuleID
	})
	var out []roadmapItem
	for i, g := range groups {
		item := roadmapItem{
			Priority:      i + 1,
			Phase:         roadmapPhases[g.First.Severity],
			Severity:      string(g.First.Severity),
			SeverityLabel: severityTitle(g.First.Severity),
			RuleID:        g.RuleID,
			Title:         g.First.Title,
			Resources:     g.resourceCount(),
			Warn:          warnOnly(g),
			Remediation:   g.First.Remediation,
		}
		for _, f := range g.Findings {
			if f.Blocking(threshold) {
				item.Blocking = true
			}
			item.Affected = append(item.Affected, view(f))
		}
		out = append(out, item)
	}
	return out
}

// summarySentences writes the executive summary: what was scanned and
// found, the top risks, and the gate's verdict.
func summarySentences(r *Report, v *htmlView) []string {
	var out []string
	scope := fmt.Sprintf("Rampart scanned %s containing %s", plural(r.Scope.FilesScanned, "file"), plural(r.Scope.Resources, "resource"))
	if paths := r.Scope.Paths; len(paths) > 0 && !(len(paths) == 1 && paths[0] == ".") {
		scope += " under " + joinAnd(paths)
	}
	if v.Total == 0 {
		out = append(out, scope+" and found no open findings.")
	} else {
		var parts []string
		for _, s := range v.Severities {
			if s.Count > 0 {
				parts = append(parts, strconv.Itoa(s.Count)+" "+s.Key)
			}
		}
		out = append(out, fmt.Sprintf("%s and found %s (%s).", scope, plural(v.Total, "open finding"), joinAnd(parts)))
	}
	if len(v.Roadmap) > 0 {
		var top []string
		for i, item := range v.Roadmap {
			if i == 3 {
				break
			}
			top = append(top, fmt.Sprintf("%s (%s, %s)", item.Title, item.SeverityLabel, plural(item.Resources, "resource")))
		}
		word := "risks are"
		if len(top) == 1 {
			word = "risk is"
		}
		out = append(out, fmt.Sprintf("The top %s: %s.", word, joinAnd(top)))
	}
	gate := "The gate (--fail-on " + r.FailOn + ")"
	switch {
	case r.Passed && v.InputErrors > 0:
		out = append(out, fmt.Sprintf("%s passed, but %s could not be read or parsed, so parts of the configuration were not checked.", gate, plural(v.InputErrors, "input")))
	case r.Passed:
		out = append(out, gate+" passed.")
	case v.Blocking > 0 && v.InputErrors > 0:
		out = append(out, fmt.Sprintf("%s failed: %s must be fixed or suppressed, and %s could not be read or parsed.", gate, plural(v.Blocking, "blocking finding"), plural(v.InputErrors, "input")))
	case v.Blocking > 0:
		out = append(out, fmt.Sprintf("%s failed: %s must be fixed or suppressed.", gate, plural(v.Blocking, "blocking finding")))
	default:
		out = append(out, fmt.Sprintf("%s failed because %s could not be read or parsed, so the results are incomplete.", gate, plural(v.InputErrors, "input")))
	}
	return out
}

// newBarChart lays out a horizontal bar chart of counts.
func newBarChart(title string, counts []severityCount) barChart {
	const (
		width, labelW, countW = 420, 86, 36
		barH, gap, pad        = 20, 10, 6
	)
	c := barChart{Title: title, Width: width}
	most := 0
	for _, sc := range counts {
		most = max(most, sc.Count)
	}
	track := width - labelW - countW
	for i, sc := range counts {
		y := pad + i*(barH+gap)
		w := 0
		if most > 0 && sc.Count > 0 {
			w = max(3, track*sc.Count/most)
		}
		c.Bars = append(c.Bars, chartBar{
			Label: sc.Label, Key: sc.Key, Count: sc.Count,
			Y: y, BarH: barH, TextY: y + barH/2 + 5,
			LabelX: labelW - 10, BarX: labelW, W: w, TrackW: track,
			CountX: labelW + w + 8,
		})
	}
	c.Height = 2*pad + len(counts)*(barH+gap) - gap
	return c
}

func namedCounts(m map[string]int) []namedCount {
	var out []namedCount
	for _, k := range sortedKeys(m) {
		out = append(out, namedCount{Name: k, Count: m[k]})
	}
	return out
}

func statusLabel(s string) string {
	switch s {
	case findings.StatusPass:
		return "Pass"
	case findings.StatusFail:
		return "Fail"
	case findings.StatusNotApplicable:
		return "Not applicable"
	}
	return s
}

// anchorKey makes s usable in an id: lower case letters, digits and dashes.
func anchorKey(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// paragraphs splits text at blank lines and joins the lines of each
// paragraph, so that hard-wrapped metadata reflows.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = oneLine(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func formatDuration(ms int64) string {
	if ms < 1000 {
		return strconv.FormatInt(ms, 10) + " ms"
	}
	return strconv.FormatFloat(float64(ms)/1000, 'f', 1, 64) + " s"
}
