package report

import (
	"sort"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
)

// Risk levels of a report, from RiskLevel.
const (
	RiskCritical = "Critical"
	RiskHigh     = "High"
	RiskMedium   = "Medium"
	RiskLow      = "Low"
	RiskNone     = "None"
)

// Threshold is the gate's severity: the parsed FailOn, or "" when the gate
// is off ("none") or FailOn is not a severity.
func (r *Report) Threshold() engine.Severity {
	sev, err := engine.ParseSeverity(r.FailOn)
	if err != nil {
		return ""
	}
	return sev
}

// Blocking returns the findings that fail the gate, in report order.
func (r *Report) Blocking() []*findings.Finding {
	threshold := r.Threshold()
	var out []*findings.Finding
	for i := range r.Findings {
		if r.Findings[i].Blocking(threshold) {
			out = append(out, &r.Findings[i])
		}
	}
	return out
}

// RiskLevel is the overall risk of the scanned configuration: the severity
// of the most serious finding that is not suppressed (warnings included),
// as RiskCritical, RiskHigh, RiskMedium or RiskLow, or RiskNone.
func (r *Report) RiskLevel() string {
	best := 0
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppressed == nil && f.Severity.Rank() > best {
			best = f.Severity.Rank()
		}
	}
	switch best {
	case 4:
		return RiskCritical
	case 3:
		return RiskHigh
	case 2:
		return RiskMedium
	case 1:
		return RiskLow
	}
	return RiskNone
}

// active returns the findings that are not suppressed, in report order.
func (r *Report) active() []*findings.Finding {
	var out []*findings.Finding
	for i := range r.Findings {
		if r.Findings[i].Suppressed == nil {
			out = append(out, &r.Findings[i])
		}
	}
	return out
}

// suppressed returns the suppressed findings, in report order.
func (r *Report) suppressed() []*findings.Finding {
	var out []*findings.Finding
	for i := range r.Findings {
		if r.Findings[i].Suppressed != nil {
			out = append(out, &r.Findings[i])
		}
	}
	return out
}

// severityTitle is "Critical" for critical.
func severityTitle(s engine.Severity) string {
	if s == "" {
		return "Unknown"
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

// frameworkTitles name the frameworks rule metadata may map to.
var frameworkTitles = map[string]string{
	"cis-aws-foundations": "CIS AWS Foundations",
	"cis-azure":           "CIS Microsoft Azure Foundations",
	"cis-gcp":             "CIS Google Cloud Platform Foundation",
	"cis-kubernetes":      "CIS Kubernetes",
	"cis-docker":          "CIS Docker",
}

// frameworkTitle is the display name of a framework id such as
// "cis-kubernetes"; unknown ids are returned unchanged.
func frameworkTitle(id string) string {
	if t, ok := frameworkTitles[id]; ok {
		return t
	}
	return id
}

// frameworkTags lists a finding's framework controls as
// "CIS Kubernetes 1.8.0 5.2.2", sorted.
func frameworkTags(fw map[string]map[string][]string) []string {
	var out []string
	for name, versions := range fw {
		for ver, ids := range versions {
			for _, id := range ids {
				out = append(out, frameworkTitle(name)+" "+ver+" "+id)
			}
		}
	}
	sort.Strings(out)
	return out
}

// ruleGroup is every active finding of one rule: one roadmap item, one
// JUnit suite, one SARIF rule.
type ruleGroup struct {
	RuleID   string
	First    *findings.Finding
	Findings []*findings.Finding
}

// groupByRule groups findings by rule id, keeping the order in which rules
// first appear.
func groupByRule(fs []*findings.Finding) []*ruleGroup {
	index := map[string]*ruleGroup{}
	var out []*ruleGroup
	for _, f := range fs {
		g := index[f.RuleID]
		if g == nil {
			g = &ruleGroup{RuleID: f.RuleID, First: f}
			index[f.RuleID] = g
			out = append(out, g)
		}
		g.Findings = append(g.Findings, f)
	}
	return out
}

// resourceKey identifies a resource across documents.
func resourceKey(f *findings.Finding) string {
	return f.Resource.Path + "\x00" + f.Resource.Address
}

// resourceCount counts the distinct resources of a group's findings.
func (g *ruleGroup) resourceCount() int {
	seen := map[string]bool{}
	for _, f := range g.Findings {
		seen[resourceKey(f)] = true
	}
	return len(seen)
}

// locationText renders "path:12" or "path:12-14".
func locationText(l findings.Location) string {
	if l.Path == "" {
		return ""
	}
	if l.StartLine <= 0 {
		return l.Path
	}
	s := l.Path + ":" + strconv.Itoa(l.StartLine)
	if l.EndLine > l.StartLine {
		s += "-" + strconv.Itoa(l.EndLine)
	}
	return s
}

// plural returns "1 finding" or "2 findings".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// sortedKeys returns a count map's keys, largest count first, then by name.
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

// oneLine collapses whitespace runs, newlines included, to single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
