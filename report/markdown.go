package report

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
)

// Markdown defaults.
const (
	// DefaultMarkdownRows is the default number of rows of the table of
	// blocking findings.
	DefaultMarkdownRows = 50
	// DefaultMarkdownBytes keeps a comment under GitHub's limit of 65,536
	// characters (UTF-8 bytes never undercount characters).
	DefaultMarkdownBytes = 65000
)

// MarkdownOptions tune the Markdown report.
type MarkdownOptions struct {
	// LinkBase turns locations into links: LinkBase + path + "#L12-L14",
	// e.g. "https://github.com/org/repo/blob/<sha>/". Empty leaves them as
	// plain text.
	LinkBase string
	// MaxRows limits the table of blocking findings; 0 means
	// DefaultMarkdownRows.
	MaxRows int
	// MaxBytes limits the whole comment; 0 means DefaultMarkdownBytes.
	// Sections that do not fit are cut between entries and a note says
	// how much was left out.
	MaxBytes int
}

var severityEmoji = map[engine.Severity]string{
	engine.Critical: "🔴",
	engine.High:     "🟠",
	engine.Medium:   "🟡",
	engine.Low:      "🔵",
}

// WriteMarkdown writes a compact report for a pull-request comment: the
// verdict, counts by severity, a table of blocking findings, every finding
// in collapsed sections by severity, suppressed findings and input errors.
func WriteMarkdown(w io.Writer, r *Report, opts MarkdownOptions) error {
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMarkdownRows
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMarkdownBytes
	}
	m := &mdWriter{r: r, opts: opts}
	m.write()
	if _, err := io.WriteString(w, m.b.String()); err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	return nil
}

// truncationNote is reserved at the end of the budget.
const truncationNote = "\n> [!NOTE]\n> This comment was shortened to fit: %s not shown. The full report has every finding.\n"

type mdWriter struct {
	r    *Report
	opts MarkdownOptions
	b    strings.Builder
	// omittedFindings and omittedErrors count entries cut for size.
	omittedFindings, omittedErrors int
}

// fits reports whether s, plus room for closing tags and the truncation
// note, still fits the budget.
func (m *mdWriter) fits(s string, closing int) bool {
	return m.b.Len()+len(s)+closing+len(truncationNote)+64 <= m.opts.MaxBytes
}

func (m *mdWriter) write() {
	r := m.r
	blocking := r.Blocking()
	active := r.active()
	m.heading(len(blocking))
	m.counts()
	m.scope()
	m.blockingTable(blocking)
	m.details(active)
	m.suppressedSection()
	m.inputErrors()
	var parts []string
	if m.omittedFindings > 0 {
		parts = append(parts, plural(m.omittedFindings, "finding"))
	}
	if m.omittedErrors > 0 {
		parts = append(parts, plural(m.omittedErrors, "input error"))
	}
	if len(parts) > 0 {
		fmt.Fprintf(&m.b, truncationNote, strings.Join(parts, " and "))
	}
}

func (m *mdWriter) heading(blocking int) {
	r := m.r
	gate := "`--fail-on " + mdCodeSafe(r.FailOn) + "`"
	icon, verdict := "✅", "passed"
	if !r.Passed {
		icon, verdict = "❌", "failed"
	}
	var why []string
	if blocking > 0 {
		why = append(why, plural(blocking, "blocking finding"))
	}
	if n := len(r.Errors); n > 0 && !r.Passed {
		why = append(why, plural(n, "input error"))
	}
	line := fmt.Sprintf("## %s Rampart %s (%s)", icon, verdict, gate)
	if len(why) > 0 {
		line += ": " + strings.Join(why, ", ")
	}
	m.b.WriteString(line + "\n\n")
}

func (m *mdWriter) counts() {
	s := findings.Summarize(m.r.Findings)
	var head, align, row []string
	for _, sev := range engine.Severities {
		head = append(head, severityEmoji[sev]+" "+severityTitle(sev))
		align = append(align, "---:")
		row = append(row, strconv.Itoa(s.BySeverity[string(sev)]))
	}
	head = append(head, "Warnings", "Suppressed", "Input errors")
	align = append(align, "---:", "---:", "---:")
	row = append(row, strconv.Itoa(s.Warnings), strconv.Itoa(s.Suppressed), strconv.Itoa(len(m.r.Errors)))
	m.b.WriteString("| " + strings.Join(head, " | ") + " |\n")
	m.b.WriteString("|" + strings.Join(align, "|") + "|\n")
	m.b.WriteString("| " + strings.Join(row, " | ") + " |\n\n")
}

func (m *mdWriter) scope() {
	r := m.r
	var bundles []string
	for _, b := range r.Bundles {
		bundles = append(bundles, mdCode(b.Name+"@"+b.Revision, false))
	}
	line := fmt.Sprintf("Scanned %s (%s) with %s", plural(r.Scope.FilesScanned, "file"),
		plural(r.Scope.Resources, "resource"), mdText(strings.TrimSpace(toolName(r)+" "+r.Tool.Version)))
	if len(bundles) > 0 {
		line += " and " + strings.Join(bundles, ", ")
	}
	m.b.WriteString(line + ".\n\n")
}

func (m *mdWriter) blockingTable(blocking []*findings.Finding) {
	if len(blocking) == 0 {
		return
	}
	m.b.WriteString("### Blocking findings\n\n| Severity | Rule | Title | Location |\n|---|---|---|---|\n")
	shown := 0
	for _, f := range blocking {
		if shown == m.opts.MaxRows {
			break
		}
		row := fmt.Sprintf("| %s %s | %s | %s | %s |\n",
			severityEmoji[f.Severity], severityTitle(f.Severity),
			mdText(f.RuleID), mdText(f.Title), m.location(f.Location, true))
		if !m.fits(row, 0) {
			break
		}
		m.b.WriteString(row)
		shown++
	}
	if more := len(blocking) - shown; more > 0 {
		fmt.Fprintf(&m.b, "\n_…and %d more._\n", more)
	}
	m.b.WriteString("\n")
}

// details writes one collapsed section per severity with every active
// finding.
func (m *mdWriter) details(active []*findings.Finding) {
	for _, sev := range engine.Severities {
		var group []*findings.Finding
		for _, f := range active {
			if f.Severity == sev {
				group = append(group, f)
			}
		}
		m.section(fmt.Sprintf("%s %s (%d)", severityEmoji[sev], severityTitle(sev), len(group)), group, m.findingItem)
	}
}

func (m *mdWriter) suppressedSection() {
	sup := m.r.suppressed()
	m.section(fmt.Sprintf("Suppressed (%d)", len(sup)), sup, m.findingItem)
}

// section writes a <details> block with one item per finding, as many as
// fit the budget.
func (m *mdWriter) section(summary string, group []*findings.Finding, item func(*findings.Finding) string) {
	if len(group) == 0 {
		return
	}
	open := "<details>\n<summary><b>" + summary + "</b></summary>\n\n"
	const close = "\n</details>\n\n"
	written := 0
	for i, f := range group {
		s := item(f)
		if i == 0 {
			s = open + s
		}
		if !m.fits(s, len(close)) {
			break
		}
		m.b.WriteString(s)
		written++
	}
	if written > 0 {
		m.b.WriteString(close)
	}
	m.omittedFindings += len(group) - written
}

func (m *mdWriter) findingItem(f *findings.Finding) string {
	lines := []string{"- **" + mdText(f.RuleID) + "** " + mdText(f.Title)}
	if f.Level == engine.LevelWarn {
		lines[0] += " _(warning)_"
	}
	where := m.location(f.Location, false)
	if f.Resource.Address != "" {
		where = mdCode(f.Resource.Address, false) + " at " + where
	}
	lines = append(lines, where)
	if msg := oneLine(f.Message); msg != "" {
		lines = append(lines, mdText(msg))
	}
	if fix := oneLine(f.Remediation); fix != "" {
		lines = append(lines, "**Fix:** "+mdText(fix))
	}
	if s := f.Suppressed; s != nil {
		how := "Suppressed (" + s.Source + ")"
		if s.Reason != "" {
			how += ": " + s.Reason
		}
		lines = append(lines, "_"+mdText(how)+"_")
	}
	// Two trailing spaces break the line inside the list item.
	return strings.Join(lines, "  \n  ") + "\n"
}

func (m *mdWriter) inputErrors() {
	errs := m.r.Errors
	if len(errs) == 0 {
		return
	}
	head := fmt.Sprintf("### Input errors (%d)\n\n", len(errs))
	written := 0
	for i, d := range errs {
		loc := d.Path
		if d.Line > 0 {
			loc += ":" + strconv.Itoa(d.Line)
			if d.Column > 0 {
				loc += ":" + strconv.Itoa(d.Column)
			}
		}
		s := "- " + mdCode(loc, false) + ": " + mdText(oneLine(d.Message)) + "\n"
		if i == 0 {
			s = head + s
		}
		if !m.fits(s, 0) {
			break
		}
		m.b.WriteString(s)
		written++
	}
	if written > 0 {
		m.b.WriteString("\n")
	}
	m.omittedErrors += len(errs) - written
}

// location renders path:line, linked to LinkBase when set.
func (m *mdWriter) location(l findings.Location, inTable bool) string {
	text := locationText(l)
	if text == "" {
		return ""
	}
	if m.opts.LinkBase == "" {
		return mdCode(text, inTable)
	}
	return "[" + mdText(text) + "](" + lineURL(m.opts.LinkBase, l) + ")"
}

// lineURL is base + escaped path + "#L12-L14" (GitHub's line anchors).
func lineURL(base string, l findings.Location) string {
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	segs := strings.Split(strings.TrimPrefix(l.Path, "./"), "/")
	for i, s := range segs {
		s = url.PathEscape(s)
		s = strings.NewReplacer("(", "%28", ")", "%29").Replace(s)
		segs[i] = s
	}
	u := base + strings.Join(segs, "/")
	if l.StartLine > 0 {
		u += "#L" + strconv.Itoa(l.StartLine)
		if l.EndLine > l.StartLine {
			u += "-L" + strconv.Itoa(l.EndLine)
		}
	}
	return u
}

// mdEscaper backslash-escapes the characters that start Markdown inline
// constructs, table cells and HTML in GitHub Flavored Markdown.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `\<`, `>`, `\>`, `|`, `\|`, `~`, `\~`, `#`, `\#`, `&`, `\&`,
)

// mdText renders user text as literal Markdown on one line.
func mdText(s string) string {
	s = mdEscaper.Replace(oneLine(s))
	// Characters that start a block (list, heading, quote) at line start.
	if s != "" && strings.ContainsRune("-+=", rune(s[0])) {
		s = `\` + s
	}
	return defuseMentions(s)
}

// defuseMentions puts a word joiner after every @ that could start a
// mention (at the start or after a non-word character), so that user text
// cannot notify people or teams. Text such as image@sha256 is unchanged.
func defuseMentions(s string) string {
	if !strings.Contains(s, "@") {
		return s
	}
	var b strings.Builder
	prev := ' '
	for _, c := range s {
		b.WriteRune(c)
		if c == '@' && !unicode.IsLetter(prev) && !unicode.IsDigit(prev) && prev != '_' && prev != '-' && prev != '.' {
			b.WriteRune('\u2060')
		}
		prev = c
	}
	return b.String()
}

// mdCode renders s as a code span, with a fence longer than any run of
// backticks in s. Inside a table cell, pipes are escaped: GitHub removes
// the backslash before rendering the cell.
func mdCode(s string, inTable bool) string {
	s = oneLine(s)
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	if inTable {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	return fence + s + fence
}

// mdCodeSafe keeps only characters that cannot end a code span.
func mdCodeSafe(s string) string {
	return strings.ReplaceAll(oneLine(s), "`", "'")
}
