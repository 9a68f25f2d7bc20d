// Package findings turns raw rule results into located, fingerprinted,
// de-duplicated findings, and aggregates them into the summaries reports
// need: counts by severity and category, per-rule resource counts and
// per-framework control results.
package findings

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/normalizers"
)

// Finding is one rule violated by one resource.
type Finding struct {
	// ID is a short stable identifier (a prefix of the fingerprint).
	ID          string          `json:"id"`
	RuleID      string          `json:"rule_id"`
	Title       string          `json:"title"`
	Severity    engine.Severity `json:"severity"`
	Category    string          `json:"category"`
	Level       string          `json:"level"`
	Resource    Resource        `json:"resource"`
	Location    Location        `json:"location"`
	Attribute   string          `json:"attribute,omitempty"`
	Message     string          `json:"message"`
	Description string          `json:"description"`
	Risk        string          `json:"risk"`
	Remediation string          `json:"remediation"`
	References  []string        `json:"references,omitempty"`
	// Frameworks maps framework → version → control ids, from the rule.
	Frameworks  map[string]map[string][]string `json:"frameworks,omitempty"`
	Fingerprint string                         `json:"fingerprint"`
	Suppressed  *Suppression                   `json:"suppressed,omitempty"`
}

// Resource identifies the resource a finding is about.
type Resource struct {
	Kind      string `json:"kind"`
	Type      string `json:"type"`
	Address   string `json:"address"`
	Path      string `json:"path"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// Location is where the finding points: the offending attribute's lines
// when the rule named one, else the resource's.
type Location struct {
	Path      string `json:"path"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// Suppression records why a finding is not counted.
type Suppression struct {
	Reason string `json:"reason,omitempty"`
	// Source is "inline", "config" or "baseline".
	Source string `json:"source"`
}

// Blocking reports whether the finding counts against the gate at threshold:
// a deny finding, not suppressed, at or above the threshold severity.
func (f *Finding) Blocking(threshold engine.Severity) bool {
	if f.Suppressed != nil || f.Level != engine.LevelDeny || threshold == "" {
		return false
	}
	return f.Severity.Rank() >= threshold.Rank()
}

// Build locates and fingerprints results, drops duplicates and returns the
// findings sorted by severity (most serious first), then path, line and rule.
// Results naming a resource the document does not have are returned as errors.
func Build(results []engine.Result) ([]Finding, []error) {
	seen := make(map[string]bool, len(results))
	out := make([]Finding, 0, len(results))
	var errs []error
	idx := addressIndex{}
	for _, r := range results {
		f, err := build(r, idx)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if seen[f.Fingerprint] {
			continue
		}
		seen[f.Fingerprint] = true
		out = append(out, f)
	}
	Sort(out)
	return out, errs
}

// Sort orders findings by severity (most serious first), path, line, rule id
// and resource address.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if ra, rb := a.Severity.Rank(), b.Severity.Rank(); ra != rb {
			return ra > rb
		}
		if a.Location.Path != b.Location.Path {
			return a.Location.Path < b.Location.Path
		}
		if a.Location.StartLine != b.Location.StartLine {
			return a.Location.StartLine < b.Location.StartLine
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Resource.Address != b.Resource.Address {
			return a.Resource.Address < b.Resource.Address
		}
		return a.Message < b.Message
	})
}

func build(r engine.Result, idx addressIndex) (Finding, error) {
	doc, rule := r.Document, r.Rule
	f := Finding{
		RuleID:      rule.ID,
		Title:       rule.Title,
		Severity:    rule.Severity,
		Category:    rule.Category,
		Level:       r.Level,
		Message:     r.Message,
		Description: rule.Description,
		Risk:        rule.Risk,
		Remediation: rule.Remediation,
		References:  rule.References,
		Frameworks:  rule.Frameworks,
	}
	f.Resource = Resource{Kind: doc.Kind, Path: doc.Path, Address: r.Resource}
	var res *normalizers.Resource
	if r.Resource != "" {
		res = idx.lookup(doc, r.Resource)
		if res == nil {
			return f, fmt.Errorf("%s: rule %s names resource %q, which the document does not have", doc.Path, rule.ID, r.Resource)
		}
	}
	f.Location = Location{Path: doc.Path, StartLine: 1, EndLine: 1}
	if res != nil {
		f.Resource.Type = res.Type
		f.Resource.Path = res.Location.Path
		f.Resource.StartLine = res.Location.StartLine
		f.Resource.EndLine = res.Location.EndLine
		f.Location = Location(res.Location)
		if len(r.Attribute) > 0 {
			f.Attribute = FormatAttribute(r.Attribute)
			if res.Lines != nil {
				if loc, ok := res.Lines.Lookup(r.Attribute); ok && loc.StartLine > 0 {
					if loc.Path == "" {
						loc.Path = res.Location.Path
					}
					f.Location = Location(loc)
				}
			}
		}
	}
	f.Fingerprint = Fingerprint(rule.ID, f.Resource.Path, f.Resource.Address, f.Message)
	f.ID = f.Fingerprint[:12]
	return f, nil
}

// addressIndex maps each document's addresses to its resources, built on
// first use: a Terraform root can hold thousands of resources and as many
// findings, so a linear search per finding would be quadratic.
type addressIndex map[*normalizers.Document]map[string]*normalizers.Resource

func (x addressIndex) lookup(doc *normalizers.Document, address string) *normalizers.Resource {
	m, ok := x[doc]
	if !ok {
		m = make(map[string]*normalizers.Resource, len(doc.Resources))
		for _, r := range doc.Resources {
			if _, dup := m[r.Address]; !dup {
				m[r.Address] = r
			}
		}
		x[doc] = m
	}
	return m[address]
}

// Fingerprint identifies a finding independently of line numbers: the rule,
// the file, the resource address and the rule's message (messages must not
// carry line numbers). Moving a resource within its file keeps it.
func Fingerprint(ruleID, path, address, message string) string {
	h := sha256.New()
	for _, s := range []string{ruleID, path, address, strings.Join(strings.Fields(message), " ")} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FormatAttribute renders a path as "spec.containers[0].image".
func FormatAttribute(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch v := p.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(v) + "]")
		default:
			s := fmt.Sprint(v)
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
		}
	}
	return b.String()
}
