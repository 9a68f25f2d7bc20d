// Package suppress applies suppressions to findings: inline comments in the
// scanned files (Rampart's own "rampart:ignore" and the common forms of
// Checkov, tfsec, Trivy and KICS where a rule maps to their checks),
// metadata keys for formats without comments, and ignore entries of the
// configuration file. Expired suppressions stop working and are reported;
// a Rampart suppression without a reason is itself reported as a finding.
package suppress

import (
	"fmt"
	"os"
	"path"
	"strings"
	"time"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
	"github.com/rampart-iac/rampart/gate/config"
	"github.com/rampart-iac/rampart/normalizers"
)

// MissingReasonRule is the host-side rule reported for a rampart:ignore
// comment without a reason.
var MissingReasonRule = &engine.Rule{
	ID:          "RMP-META-001",
	Title:       "Suppression without a reason",
	Description: "A rampart:ignore comment silences a finding without saying why.",
	Severity:    engine.Low,
	Category:    "Logging",
	Risk:        "Unexplained suppressions hide accepted risks from reviewers and auditors; nobody can tell later whether the exception still holds.",
	Remediation: `Add reason="..." (and preferably until=YYYY-MM-DD) to the rampart:ignore comment.`,
	Kinds:       engine.Kinds,
	Scope:       engine.ScopeDocument,
	Bundle:      "rampart",
}

// Options tune Apply.
type Options struct {
	// Now decides whether a suppression expired; zero means time.Now().
	Now time.Time
	// Ignore are the configuration file's suppressions.
	Ignore []config.Ignore
	// ReadFile reads a scanned file; nil means os.ReadFile.
	ReadFile func(path string) ([]byte, error)
}

// Result is what Apply adds besides marking findings.
type Result struct {
	// Added are findings about suppressions (RMP-META-001).
	Added []findings.Finding
	// Warnings report expired or malformed suppressions.
	Warnings []normalizers.Diagnostic
}

// Apply marks suppressed findings in place and returns the findings and
// warnings suppressions themselves produce.
func Apply(fs []findings.Finding, docs []*normalizers.Document, rules map[string]*engine.Rule, opts Options) Result {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	read := opts.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	a := &applier{now: now, read: read, files: map[string][]string{}, rules: rules, reported: map[string]bool{}}
	meta := metadataDirectives(docs)
	for i := range fs {
		f := &fs[i]
		if f.Suppressed != nil {
			continue
		}
		if a.inline(f) {
			continue
		}
		if a.metadata(f, meta[f.Resource.Path+"\x00"+f.Resource.Address]) {
			continue
		}
		a.config(f, opts.Ignore)
	}
	return a.result
}

type applier struct {
	now      time.Time
	read     func(string) ([]byte, error)
	files    map[string][]string
	rules    map[string]*engine.Rule
	result   Result
	reported map[string]bool
}

func (a *applier) lines(p string) []string {
	if l, ok := a.files[p]; ok {
		return l
	}
	raw, err := a.read(p)
	if err != nil {
		a.files[p] = nil
		return nil
	}
	l := strings.Split(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n")
	a.files[p] = l
	return l
}

// candidates returns the directives that can apply to f: on the finding's
// line or the resource's first line, in the comment block directly above
// either, and (for the peers' forms that live inside a block) anywhere in
// the resource's lines.
func (a *applier) candidates(f *findings.Finding) []Directive {
	lines := a.lines(f.Location.Path)
	if lines == nil {
		return nil
	}
	var out []Directive
	seen := map[int]bool{}
	add := func(n int, inside bool) {
		if n < 1 || n > len(lines) || seen[n] {
			return
		}
		seen[n] = true
		for _, d := range parseLine(lines[n-1], n) {
			if inside && d.Tool == "rampart" {
				continue // ours go on or above the resource
			}
			out = append(out, d)
		}
	}
	above := func(n int) {
		for k := n - 1; k >= 1 && k <= len(lines) && isCommentOnly(lines[k-1]); k-- {
			add(k, false)
		}
	}
	for _, n := range []int{f.Location.StartLine, f.Resource.StartLine} {
		add(n, false)
		above(n)
	}
	if f.Resource.StartLine > 0 && f.Resource.EndLine >= f.Resource.StartLine && f.Resource.EndLine-f.Resource.StartLine < 5000 {
		for n := f.Resource.StartLine; n <= f.Resource.EndLine; n++ {
			add(n, true)
		}
	}
	return out
}

// matches reports whether the directive names the finding's rule.
func (a *applier) matches(d Directive, f *findings.Finding, lines []string) bool {
	switch d.Tool {
	case "rampart":
		for _, id := range d.Rules {
			if id == "*" || id == f.RuleID {
				return true
			}
		}
		return false
	case "kics":
		target := nextCodeLine(lines, d.Line)
		if d.Scope == "line" {
			return target == f.Location.StartLine
		}
		return target == f.Resource.StartLine
	}
	r := a.rules[f.RuleID]
	if r == nil {
		return false
	}
	for _, alias := range r.Aliases[d.Tool] {
		for _, id := range d.Rules {
			if strings.EqualFold(alias, id) {
				return true
			}
		}
	}
	return false
}

func nextCodeLine(lines []string, n int) int {
	for k := n + 1; k <= len(lines); k++ {
		t := strings.TrimSpace(lines[k-1])
		if t != "" && !isCommentOnly(t) {
			return k
		}
	}
	return 0
}

func (a *applier) inline(f *findings.Finding) bool {
	lines := a.lines(f.Location.Path)
	for _, d := range a.candidates(f) {
		if !a.matches(d, f, lines) {
			continue
		}
		where := fmt.Sprintf("%s:%d", f.Location.Path, d.Line)
		if d.BadUntil != "" {
			a.warn(where, fmt.Sprintf("suppression of %s has until=%q, which is not a date (YYYY-MM-DD); it does not apply", f.RuleID, d.BadUntil), f.Location.Path, d.Line)
			continue
		}
		if !d.Until.IsZero() && a.now.After(d.Until.Add(24*time.Hour)) {
			a.warn(where, fmt.Sprintf("suppression of %s expired on %s; the finding is reported again", f.RuleID, d.Until.Format(time.DateOnly)), f.Location.Path, d.Line)
			continue
		}
		reason := d.Reason
		if d.Tool == "rampart" && strings.TrimSpace(reason) == "" {
			a.missingReason(f, d)
			reason = "(no reason given)"
		}
		f.Suppressed = &findings.Suppression{Source: "inline", Reason: reason}
		return true
	}
	return false
}

func (a *applier) metadata(f *findings.Finding, ds []Directive) bool {
	for _, d := range ds {
		if !a.matches(d, f, nil) {
			continue
		}
		if !d.Until.IsZero() && a.now.After(d.Until.Add(24*time.Hour)) {
			a.warn(f.Resource.Path, fmt.Sprintf("suppression of %s on %s expired on %s; the finding is reported again", f.RuleID, f.Resource.Address, d.Until.Format(time.DateOnly)), f.Resource.Path, f.Resource.StartLine)
			continue
		}
		reason := d.Reason
		if strings.TrimSpace(reason) == "" {
			a.missingReason(f, Directive{Line: f.Resource.StartLine, Rules: d.Rules})
			reason = "(no reason given)"
		}
		f.Suppressed = &findings.Suppression{Source: "inline", Reason: reason}
		return true
	}
	return false
}

func (a *applier) config(f *findings.Finding, ignores []config.Ignore) {
	for _, ig := range ignores {
		if ig.Rule != "*" && ig.Rule != f.RuleID {
			continue
		}
		if len(ig.Paths) > 0 && !anyMatch(ig.Paths, f.Resource.Path, normalizers.MatchPath) {
			continue
		}
		if len(ig.Resources) > 0 && !anyMatch(ig.Resources, f.Resource.Address, func(p, s string) bool {
			ok, _ := path.Match(p, s)
			return ok || p == s
		}) {
			continue
		}
		if !ig.Expires.IsZero() && a.now.After(ig.Expires.Add(24*time.Hour)) {
			key := fmt.Sprintf("config:%d", ig.Line)
			if !a.reported[key] {
				a.reported[key] = true
				a.result.Warnings = append(a.result.Warnings, normalizers.Diagnostic{Severity: normalizers.SeverityWarning, Line: ig.Line,
					Message: fmt.Sprintf("configuration ignore of %s expired on %s; its findings are reported again", ig.Rule, ig.Until)})
			}
			continue
		}
		f.Suppressed = &findings.Suppression{Source: "config", Reason: ig.Reason}
		return
	}
}

func anyMatch(patterns []string, s string, match func(p, s string) bool) bool {
	for _, p := range patterns {
		if match(p, s) {
			return true
		}
	}
	return false
}

func (a *applier) warn(key, msg, p string, line int) {
	if a.reported[key+msg] {
		return
	}
	a.reported[key+msg] = true
	a.result.Warnings = append(a.result.Warnings, normalizers.Diagnostic{Severity: normalizers.SeverityWarning, Path: p, Line: line, Message: msg})
}

// missingReason reports a suppression without a reason, once per comment.
func (a *applier) missingReason(f *findings.Finding, d Directive) {
	msg := fmt.Sprintf("rampart:ignore of %s on %s gives no reason", strings.Join(d.Rules, ", "), f.Resource.Address)
	key := fmt.Sprintf("%s:%d:%s", f.Location.Path, d.Line, f.Resource.Address)
	if a.reported[key] {
		return
	}
	a.reported[key] = true
	r := MissingReasonRule
	nf := findings.Finding{
		RuleID: r.ID, Title: r.Title, Severity: r.Severity, Category: r.Category, Level: engine.LevelDeny,
		Resource:    f.Resource,
		Location:    findings.Location{Path: f.Location.Path, StartLine: d.Line, EndLine: d.Line},
		Message:     msg,
		Description: r.Description, Risk: r.Risk, Remediation: r.Remediation,
	}
	nf.Fingerprint = findings.Fingerprint(r.ID, f.Resource.Path, f.Resource.Address, msg)
	nf.ID = nf.Fingerprint[:12]
	a.result.Added = append(a.result.Added, nf)
}

// metadataDirectives reads suppressions from formats without comments: the
// Kubernetes annotation rampart.io/ignore (one or more "RULE-ID
// reason=... until=..." entries separated by ";" or newlines) and the
// CloudFormation resource metadata Metadata.rampart.ignore (a list of
// {rule, reason, until}). Keyed by path and address.
func metadataDirectives(docs []*normalizers.Document) map[string][]Directive {
	out := map[string][]Directive{}
	for _, doc := range docs {
		for _, r := range doc.Resources {
			key := r.Location.Path + "\x00" + r.Address
			if ann, ok := dig(r.Config, "metadata", "annotations", "rampart.io/ignore").(string); ok {
				for _, entry := range strings.FieldsFunc(ann, func(c rune) bool { return c == ';' || c == '\n' }) {
					for _, d := range parseLine("# rampart:ignore "+strings.TrimSpace(entry), r.Location.StartLine) {
						out[key] = append(out[key], d)
					}
				}
			}
		}
		meta, _ := doc.Extra["resources_meta"].(map[string]any)
		for _, r := range doc.Resources {
			list, _ := dig(meta, r.Address, "Metadata", "rampart", "ignore").([]any)
			key := r.Location.Path + "\x00" + r.Address
			for _, item := range list {
				m, _ := item.(map[string]any)
				rule, _ := m["rule"].(string)
				if rule == "" {
					continue
				}
				d := Directive{Tool: "rampart", Rules: []string{strings.ToUpper(rule)}, Line: r.Location.StartLine, Scope: "resource"}
				d.Reason, _ = m["reason"].(string)
				if u, ok := m["until"].(string); ok {
					d.Until, _ = time.Parse(time.DateOnly, u)
				}
				out[key] = append(out[key], d)
			}
		}
	}
	return out
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
