package engine

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Severity of a rule, from most to least serious.
type Severity string

// Severities, in decreasing order of seriousness.
const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
)

// Severities lists every severity, most serious first.
var Severities = []Severity{Critical, High, Medium, Low}

// Rank orders severities: critical 4, high 3, medium 2, low 1, unknown 0.
func (s Severity) Rank() int {
	switch s {
	case Critical:
		return 4
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// ParseSeverity accepts a severity name in any case.
func ParseSeverity(s string) (Severity, error) {
	sev := Severity(strings.ToLower(strings.TrimSpace(s)))
	if sev.Rank() == 0 {
		return "", fmt.Errorf("unknown severity %q (want critical, high, medium or low)", s)
	}
	return sev, nil
}

// Categories a rule may belong to.
var Categories = []string{"IAM", "Network", "Data", "Compute", "Logging", "Secrets"}

// Kinds of documents rules may apply to.
var Kinds = []string{
	"terraform", "terraform-plan", "terraform-state", "cloudformation",
	"kubernetes", "ansible", "dockerfile", "compose",
}

// Frameworks that rule metadata may map to.
var Frameworks = []string{"cis-aws-foundations", "cis-azure", "cis-gcp", "cis-kubernetes", "cis-docker"}

// AliasTools are the scanners whose check ids custom.aliases may list.
var AliasTools = []string{"checkov", "tfsec", "trivy", "kics"}

// Scope values of applies_to.scope.
const (
	ScopeDocument = "document"
	ScopeScan     = "scan"
)

// Rule is a policy package with its METADATA.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Severity    Severity `json:"severity"`
	Category    string   `json:"category"`
	Risk        string   `json:"risk"`
	Remediation string   `json:"remediation"`
	References  []string `json:"references,omitempty"`
	// Frameworks maps framework → version → control ids.
	Frameworks map[string]map[string][]string `json:"frameworks,omitempty"`
	// Kinds are the document kinds the rule reads.
	Kinds []string `json:"kinds"`
	// Types are the resource types it checks; empty means every resource.
	Types []string `json:"types,omitempty"`
	// Scope is ScopeDocument or ScopeScan.
	Scope string `json:"scope"`
	// Package is the Rego package path without "data.", e.g. "rampart.kubernetes.pods.privileged".
	Package string `json:"package"`
	// File is the source file of the package's METADATA.
	File string `json:"file"`
	// Bundle names the bundle the rule came from.
	Bundle string `json:"bundle"`
	// Aliases maps another scanner ("checkov", "tfsec", "trivy", "kics") to
	// the ids of its checks that test the same control, so that their inline
	// skip comments can be honoured.
	Aliases map[string][]string `json:"aliases,omitempty"`

	hasDeny bool
	hasWarn bool
}

// AppliesToKind reports whether the rule reads documents of kind.
func (r *Rule) AppliesToKind(kind string) bool {
	for _, k := range r.Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// AppliesToType reports whether the rule checks resources of type t.
func (r *Rule) AppliesToType(t string) bool {
	if len(r.Types) == 0 {
		return true
	}
	for _, x := range r.Types {
		if x == t {
			return true
		}
	}
	return false
}

var ruleIDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`)

// MetadataError is a rule package whose METADATA is missing or invalid.
type MetadataError struct {
	File     string
	Line     int
	Package  string
	Problems []string
}

func (e *MetadataError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	return fmt.Sprintf("%s: rule package %s has invalid METADATA: %s", loc, e.Package, strings.Join(e.Problems, "; "))
}

// ruleFromAnnotations builds a Rule from a package-scope METADATA block.
func ruleFromAnnotations(pkg, file string, a *ast.Annotations) (*Rule, error) {
	r := &Rule{Package: pkg, File: file, Scope: ScopeDocument}
	merr := &MetadataError{File: file, Package: pkg}
	if a == nil {
		merr.Problems = append(merr.Problems, "no package-scope # METADATA block")
		return nil, merr
	}
	if a.Location != nil {
		merr.Line = a.Location.Row
	}
	problem := func(format string, args ...any) {
		merr.Problems = append(merr.Problems, fmt.Sprintf(format, args...))
	}
	r.Title = strings.TrimSpace(a.Title)
	r.Description = strings.TrimSpace(a.Description)
	if r.Title == "" {
		problem("title is required")
	}
	if r.Description == "" {
		problem("description is required")
	}
	c := a.Custom
	str := func(key string) string {
		v, ok := c[key]
		if !ok || v == nil {
			problem("custom.%s is required", key)
			return ""
		}
		s, ok := v.(string)
		if !ok || strings.TrimSpace(s) == "" {
			problem("custom.%s must be a non-empty string", key)
			return ""
		}
		return strings.TrimSpace(s)
	}
	r.ID = str("id")
	if r.ID != "" && !ruleIDPattern.MatchString(r.ID) {
		problem("custom.id %q must look like RMP-K8S-001 (upper-case words joined by dashes)", r.ID)
	}
	if s := str("severity"); s != "" {
		sev, err := ParseSeverity(s)
		if err != nil {
			problem("custom.severity: %v", err)
		}
		r.Severity = sev
	}
	if cat := str("category"); cat != "" {
		r.Category = canonical(cat, Categories)
		if r.Category == "" {
			problem("custom.category %q is not one of %s", cat, strings.Join(Categories, ", "))
		}
	}
	r.Risk = str("risk")
	r.Remediation = str("remediation")
	if v, ok := c["references"]; ok {
		refs, ok := stringList(v)
		if !ok {
			problem("custom.references must be a list of strings")
		}
		r.References = refs
	}
	for _, rr := range a.RelatedResources {
		if rr != nil && rr.Ref.String() != "" {
			r.References = append(r.References, rr.Ref.String())
		}
	}
	if v, ok := c["aliases"]; ok {
		aliases, err := parseAliases(v)
		if err != nil {
			problem("custom.aliases: %v", err)
		}
		r.Aliases = aliases
	}
	if v, ok := c["frameworks"]; ok {
		fw, err := parseFrameworks(v)
		if err != nil {
			problem("custom.frameworks: %v", err)
		}
		r.Frameworks = fw
	}
	applies, ok := c["applies_to"].(map[string]any)
	if !ok {
		problem("custom.applies_to is required (an object with kinds)")
	} else {
		kinds, ok := stringList(applies["kinds"])
		if !ok || len(kinds) == 0 {
			problem("custom.applies_to.kinds must be a non-empty list of document kinds")
		}
		for _, k := range kinds {
			if canonical(k, Kinds) != k {
				problem("custom.applies_to.kinds: unknown kind %q (known: %s)", k, strings.Join(Kinds, ", "))
			}
		}
		r.Kinds = kinds
		if t, present := applies["types"]; present {
			types, ok := stringList(t)
			if !ok {
				problem("custom.applies_to.types must be a list of strings")
			}
			r.Types = types
		}
		if s, present := applies["scope"]; present {
			scope, _ := s.(string)
			if scope != ScopeDocument && scope != ScopeScan {
				problem("custom.applies_to.scope must be %q or %q", ScopeDocument, ScopeScan)
			} else {
				r.Scope = scope
			}
		}
	}
	if len(merr.Problems) > 0 {
		return nil, merr
	}
	return r, nil
}

func canonical(s string, allowed []string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			return a
		}
	}
	return ""
}

func stringList(v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok || s == "" {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func parseFrameworks(v any) (map[string]map[string][]string, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("must map a framework name to {version: [control ids]}")
	}
	out := make(map[string]map[string][]string, len(m))
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if canonical(name, Frameworks) != name {
			return nil, fmt.Errorf("unknown framework %q (known: %s)", name, strings.Join(Frameworks, ", "))
		}
		versions, ok := m[name].(map[string]any)
		if !ok || len(versions) == 0 {
			return nil, fmt.Errorf("%s must map a version to a list of control ids", name)
		}
		out[name] = make(map[string][]string, len(versions))
		for ver, ids := range versions {
			list, ok := stringList(ids)
			if !ok || len(list) == 0 {
				return nil, fmt.Errorf("%s %s must be a non-empty list of control ids", name, ver)
			}
			out[name][ver] = list
		}
	}
	return out, nil
}

func parseAliases(v any) (map[string][]string, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("must map a scanner name to a list of its check ids")
	}
	out := make(map[string][]string, len(m))
	for tool, ids := range m {
		if canonical(tool, AliasTools) != tool {
			return nil, fmt.Errorf("unknown scanner %q (known: %s)", tool, strings.Join(AliasTools, ", "))
		}
		list, ok := stringList(ids)
		if !ok || len(list) == 0 {
			return nil, fmt.Errorf("%s must be a non-empty list of check ids", tool)
		}
		out[tool] = list
	}
	return out, nil
}
