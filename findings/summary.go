package findings

import (
	"sort"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/normalizers"
)

// Summary counts findings that are not suppressed.
type Summary struct {
	Total      int            `json:"total"`
	BySeverity map[string]int `json:"by_severity"`
	ByCategory map[string]int `json:"by_category"`
	Warnings   int            `json:"warnings"`
	Suppressed int            `json:"suppressed"`
}

// Summarize counts findings by severity and category. Suppressed findings
// are only counted as suppressed; warn-level findings are counted in the
// totals and also as warnings.
func Summarize(fs []Finding) Summary {
	s := Summary{BySeverity: map[string]int{}, ByCategory: map[string]int{}}
	for _, sev := range engine.Severities {
		s.BySeverity[string(sev)] = 0
	}
	for _, c := range engine.Categories {
		s.ByCategory[c] = 0
	}
	for i := range fs {
		f := &fs[i]
		if f.Suppressed != nil {
			s.Suppressed++
			continue
		}
		s.Total++
		s.BySeverity[string(f.Severity)]++
		s.ByCategory[f.Category]++
		if f.Level == engine.LevelWarn {
			s.Warnings++
		}
	}
	return s
}

// RuleResult says how many resources a rule checked and how many failed it.
type RuleResult struct {
	RuleID   string          `json:"rule_id"`
	Title    string          `json:"title"`
	Severity engine.Severity `json:"severity"`
	// Checked counts resources the rule applies to (by kind and type).
	Checked int `json:"checked"`
	// Failed counts distinct resources with an unsuppressed finding of the rule.
	Failed int `json:"failed"`
	// Status is "pass", "fail" or "not_applicable".
	Status string `json:"status"`
}

// Statuses of rules and controls.
const (
	StatusPass          = "pass"
	StatusFail          = "fail"
	StatusNotApplicable = "not_applicable"
)

// Rules counts, for every rule, the resources it checked and failed.
func Rules(rules []*engine.Rule, docs []*normalizers.Document, fs []Finding) []RuleResult {
	failed := map[string]map[string]bool{}
	for i := range fs {
		f := &fs[i]
		if f.Suppressed != nil || f.Level != engine.LevelDeny {
			continue
		}
		if failed[f.RuleID] == nil {
			failed[f.RuleID] = map[string]bool{}
		}
		failed[f.RuleID][f.Resource.Path+"\x00"+f.Resource.Address] = true
	}
	out := make([]RuleResult, 0, len(rules))
	for _, r := range rules {
		rr := RuleResult{RuleID: r.ID, Title: r.Title, Severity: r.Severity, Failed: len(failed[r.ID])}
		for _, d := range docs {
			if !r.AppliesToKind(d.Kind) {
				continue
			}
			for _, res := range d.Resources {
				if r.AppliesToType(res.Type) {
					rr.Checked++
				}
			}
		}
		if rr.Checked < rr.Failed {
			rr.Checked = rr.Failed
		}
		switch {
		case rr.Failed > 0:
			rr.Status = StatusFail
		case rr.Checked > 0:
			rr.Status = StatusPass
		default:
			rr.Status = StatusNotApplicable
		}
		out = append(out, rr)
	}
	return out
}

// FrameworkResult is the outcome of every control of one framework version.
type FrameworkResult struct {
	Framework string          `json:"framework"`
	Version   string          `json:"version"`
	Passed    int             `json:"passed"`
	Failed    int             `json:"failed"`
	NA        int             `json:"not_applicable"`
	Controls  []ControlResult `json:"controls"`
}

// ControlResult is one framework control and the rules that implement it.
type ControlResult struct {
	ID      string   `json:"id"`
	Status  string   `json:"status"`
	Rules   []string `json:"rules"`
	Checked int      `json:"checked"`
	Failed  int      `json:"failed"`
}

// Frameworks rolls rule results up to framework controls: a control fails
// when any of its rules failed, passes when at least one checked a resource
// and none failed, and is not applicable otherwise. Only frameworks with at
// least one applicable control are returned unless all is set.
func Frameworks(rules []*engine.Rule, results []RuleResult, all bool) []FrameworkResult {
	byRule := make(map[string]RuleResult, len(results))
	for _, r := range results {
		byRule[r.RuleID] = r
	}
	type key struct{ fw, ver string }
	controls := map[key]map[string]*ControlResult{}
	for _, r := range rules {
		for fw, versions := range r.Frameworks {
			for ver, ids := range versions {
				k := key{fw, ver}
				if controls[k] == nil {
					controls[k] = map[string]*ControlResult{}
				}
				for _, id := range ids {
					c := controls[k][id]
					if c == nil {
						c = &ControlResult{ID: id}
						controls[k][id] = c
					}
					rr := byRule[r.ID]
					c.Rules = append(c.Rules, r.ID)
					c.Checked += rr.Checked
					c.Failed += rr.Failed
				}
			}
		}
	}
	var out []FrameworkResult
	for k, cs := range controls {
		fr := FrameworkResult{Framework: k.fw, Version: k.ver}
		for _, c := range cs {
			switch {
			case c.Failed > 0:
				c.Status = StatusFail
				fr.Failed++
			case c.Checked > 0:
				c.Status = StatusPass
				fr.Passed++
			default:
				c.Status = StatusNotApplicable
				fr.NA++
			}
			sort.Strings(c.Rules)
			fr.Controls = append(fr.Controls, *c)
		}
		if !all && fr.Passed+fr.Failed == 0 {
			continue
		}
		sort.Slice(fr.Controls, func(i, j int) bool { return controlLess(fr.Controls[i].ID, fr.Controls[j].ID) })
		out = append(out, fr)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Framework != out[j].Framework {
			return out[i].Framework < out[j].Framework
		}
		return out[i].Version < out[j].Version
	})
	return out
}

// controlLess orders dotted control ids numerically: 5.2.2 < 5.2.10.
func controlLess(a, b string) bool {
	pa, pb := splitDots(a), splitDots(b)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] != pb[i] {
			na, ea := atoi(pa[i])
			nb, eb := atoi(pb[i])
			if ea && eb {
				return na < nb
			}
			return pa[i] < pb[i]
		}
	}
	return len(pa) < len(pb)
}

func splitDots(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func atoi(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
