package engine_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/bundles"
	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/normalizers"
)

const privilegedRule = `# METADATA
# title: Privileged container
# description: Containers must not run privileged.
# custom:
#   id: TEST-K8S-001
#   severity: critical
#   category: Compute
#   risk: Host takeover.
#   remediation: Drop privileged.
#   references: [https://example.com/privileged]
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.2.2"]}
#   applies_to: {kinds: [kubernetes], types: [Pod]}
package test.privileged

deny contains result if {
	input.kind == "kubernetes"
	some r in input.resources
	some i, c in r.config.spec.containers
	c.securityContext.privileged == true
	result := {"msg": sprintf("container %q is privileged", [c.name]), "resource": r.address,
		"attribute": ["spec", "containers", i, "securityContext", "privileged"]}
}

warn contains "bare warning" if {
	input.kind == "kubernetes"
	count(input.resources) > 1
}
`

const dockerRule = `# METADATA
# title: Docker thing
# description: d
# custom:
#   id: TEST-DOCKER-001
#   severity: low
#   category: Compute
#   risk: r
#   remediation: m
#   applies_to: {kinds: [dockerfile]}
package test.docker

deny contains {"msg": "docker", "resource": r.address} if {
	input.kind == "dockerfile"
	some r in input.resources
}
`

const scanRule = `# METADATA
# title: Counts documents
# description: d
# custom:
#   id: TEST-SCAN-001
#   severity: medium
#   category: Network
#   risk: r
#   remediation: m
#   applies_to: {kinds: [kubernetes], scope: scan}
package test.scanwide

deny contains {"msg": sprintf("%d kubernetes documents", [count(input.documents)]), "path": d.path, "resource": d.resources[0].address} if {
	input.kind == "scan"
	some d in input.documents
	d.path == "b.yaml"
}
`

func bundleOf(t testing.TB, files map[string]string) *bundles.Bundle {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	b, err := bundles.FromFS(fsys, "test", "")
	if err != nil {
		t.Fatalf("load bundle: %v", err)
	}
	return b
}

func newEngine(t testing.TB, files map[string]string) *engine.Engine {
	t.Helper()
	e, err := engine.New(context.Background(), engine.Options{Bundles: []*bundles.Bundle{bundleOf(t, files)}, Workers: 2})
	if err != nil {
		t.Fatalf("engine.New: %v", err)
	}
	return e
}

func pod(address string, privileged bool) *normalizers.Resource {
	return &normalizers.Resource{
		Address: address, Type: "Pod", Provider: "kubernetes",
		Config: map[string]any{
			"kind": "Pod",
			"spec": map[string]any{"containers": []any{
				map[string]any{"name": "ok"},
				map[string]any{"name": "bad", "securityContext": map[string]any{"privileged": privileged}},
			}},
		},
		Location: normalizers.Location{Path: "x.yaml", StartLine: 1, EndLine: 9},
	}
}

type got struct {
	Rule, Level, Path, Resource, Msg, Attr string
}

func collect(res []engine.Result) []got {
	var out []got
	for _, r := range res {
		attr := ""
		if r.Attribute != nil {
			attr = fmt.Sprint(r.Attribute)
		}
		out = append(out, got{r.Rule.ID, r.Level, r.Document.Path, r.Resource, r.Message, attr})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return a.Rule+a.Path+a.Level+a.Resource+a.Msg < b.Rule+b.Path+b.Level+b.Resource+b.Msg
	})
	return out
}

func TestEvaluate(t *testing.T) {
	e := newEngine(t, map[string]string{"k8s/privileged.rego": privilegedRule, "docker/docker.rego": dockerRule, "scan.rego": scanRule})
	docs := []*normalizers.Document{
		{Kind: "kubernetes", Path: "a.yaml", Resources: []*normalizers.Resource{pod("Pod/a", true), pod("Pod/b", false)}},
		{Kind: "kubernetes", Path: "b.yaml", Resources: []*normalizers.Resource{pod("Pod/c", false)}},
		{Kind: "dockerfile", Path: "Dockerfile", Resources: []*normalizers.Resource{{Address: "stage[0]", Type: "stage"}}},
	}
	res, errs := e.Evaluate(context.Background(), docs)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := []got{
		{"TEST-DOCKER-001", "deny", "Dockerfile", "stage[0]", "docker", ""},
		{"TEST-K8S-001", "deny", "a.yaml", "Pod/a", `container "bad" is privileged`, "[spec containers 1 securityContext privileged]"},
		{"TEST-K8S-001", "warn", "a.yaml", "", "bare warning", ""},
		{"TEST-SCAN-001", "deny", "b.yaml", "Pod/c", "2 kubernetes documents", ""},
	}
	if diff := cmp.Diff(want, collect(res)); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

func TestCatalogue(t *testing.T) {
	e := newEngine(t, map[string]string{"k8s/privileged.rego": privilegedRule, "scan.rego": scanRule})
	r, ok := e.Rule("TEST-K8S-001")
	if !ok {
		t.Fatal("rule TEST-K8S-001 missing from catalogue")
	}
	want := &engine.Rule{
		ID: "TEST-K8S-001", Title: "Privileged container", Description: "Containers must not run privileged.",
		Severity: engine.Critical, Category: "Compute", Risk: "Host takeover.", Remediation: "Drop privileged.",
		References: []string{"https://example.com/privileged"},
		Frameworks: map[string]map[string][]string{"cis-kubernetes": {"1.8.0": {"5.2.2"}}},
		Kinds:      []string{"kubernetes"}, Types: []string{"Pod"}, Scope: engine.ScopeDocument,
		Package: "test.privileged", File: "k8s/privileged.rego", Bundle: "test",
	}
	if diff := cmp.Diff(want, r, cmp.AllowUnexported(engine.Rule{})); diff != "" && !strings.Contains(diff, "hasDeny") {
		t.Errorf("rule (-want +got):\n%s", diff)
	}
	if got := len(e.Rules()); got != 2 {
		t.Errorf("catalogue has %d rules, want 2", got)
	}
	if s, _ := e.Rule("TEST-SCAN-001"); s.Scope != engine.ScopeScan {
		t.Errorf("scan rule scope = %q", s.Scope)
	}
}

func TestLoadErrors(t *testing.T) {
	noMeta := "package test.nometa\n\ndeny contains \"x\" if { input.kind == \"kubernetes\" }\n"
	badSeverity := strings.Replace(privilegedRule, "severity: critical", "severity: catastrophic", 1)
	noKinds := strings.Replace(privilegedRule, "applies_to: {kinds: [kubernetes], types: [Pod]}", "applies_to: {types: [Pod]}", 1)
	badKind := strings.Replace(privilegedRule, "kinds: [kubernetes]", "kinds: [kubernetis]", 1)
	badCategory := strings.Replace(privilegedRule, "category: Compute", "category: Stuff", 1)
	badFramework := strings.Replace(privilegedRule, "cis-kubernetes:", "cis-k8s:", 1)
	dupID := strings.Replace(dockerRule, "TEST-DOCKER-001", "TEST-K8S-001", 1)
	network := strings.Replace(dockerRule, `input.kind == "dockerfile"`, `input.kind == "dockerfile"
	http.send({"method": "get", "url": "http://example.com"})`, 1)
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"missing metadata", map[string]string{"nometa.rego": noMeta}, []string{"nometa.rego", "no package-scope # METADATA"}},
		{"bad severity", map[string]string{"p.rego": badSeverity}, []string{"p.rego:1", "custom.severity", "catastrophic"}},
		{"no kinds", map[string]string{"p.rego": noKinds}, []string{"applies_to.kinds"}},
		{"unknown kind", map[string]string{"p.rego": badKind}, []string{`unknown kind "kubernetis"`}},
		{"bad category", map[string]string{"p.rego": badCategory}, []string{`custom.category "Stuff"`}},
		{"bad framework", map[string]string{"p.rego": badFramework}, []string{`unknown framework "cis-k8s"`}},
		{"duplicate id", map[string]string{"a.rego": privilegedRule, "b.rego": dupID}, []string{"rule id TEST-K8S-001 is already used"}},
		{"network builtin", map[string]string{"p.rego": network}, []string{"p.rego", "http.send"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engine.New(context.Background(), engine.Options{Bundles: []*bundles.Bundle{bundleOf(t, tc.files)}})
			if err == nil {
				t.Fatal("engine.New succeeded, want an error")
			}
			var le *engine.LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error %T is not a *LoadError: %v", err, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestParseErrorNamesFileAndLine(t *testing.T) {
	fsys := fstest.MapFS{"broken.rego": &fstest.MapFile{Data: []byte("package x\n\ndeny contains msg if {\n  input.kind ==\n}\n")}}
	_, err := bundles.FromFS(fsys, "user", "")
	if err == nil || !strings.Contains(err.Error(), "broken.rego:") {
		t.Fatalf("want a parse error naming broken.rego:<line>, got %v", err)
	}
}

func TestBadResultsAreReported(t *testing.T) {
	bad := strings.Replace(dockerRule, `deny contains {"msg": "docker", "resource": r.address} if {`, `deny contains {"resource": r.address} if {`, 1)
	e := newEngine(t, map[string]string{"d.rego": bad})
	docs := []*normalizers.Document{{Kind: "dockerfile", Path: "Dockerfile", Resources: []*normalizers.Resource{{Address: "stage[0]", Type: "stage"}}}}
	res, errs := e.Evaluate(context.Background(), docs)
	if len(res) != 0 {
		t.Errorf("got %d results from a rule without msg", len(res))
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "TEST-DOCKER-001") || !strings.Contains(errs[0].Error(), "no msg") {
		t.Errorf("want one error naming the rule and the missing msg, got %v", errs)
	}
}

func TestParseAttribute(t *testing.T) {
	tests := []struct {
		in   any
		want []any
	}{
		{"spec.containers[0].image", []any{"spec", "containers", 0, "image"}},
		{`metadata.annotations["a.b/c"]`, []any{"metadata", "annotations", `a.b/c`}},
		{[]any{"spec", float64(2), "x"}, []any{"spec", 2, "x"}},
		{"instructions[3]", []any{"instructions", 3}},
	}
	for _, tc := range tests {
		got, err := engine.ParseAttribute(tc.in)
		if err != nil {
			t.Errorf("ParseAttribute(%v): %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParseAttribute(%v) (-want +got):\n%s", tc.in, diff)
		}
	}
}

const paramRule = `# METADATA
# title: Too many replicas
# description: d
# custom:
#   id: TEST-PARAM-001
#   severity: low
#   category: Compute
#   risk: r
#   remediation: m
#   applies_to: {kinds: [kubernetes]}
package test.param

import data.rampart.lib.config

deny contains {"msg": sprintf("limit %v", [config.param("TEST-PARAM-001", "limit", 1)]), "resource": r.address} if {
	input.kind == "kubernetes"
	some r in input.resources
}
`

func TestOverridesAndParameters(t *testing.T) {
	lib := `package rampart.lib.config

param(rule_id, name, fallback) := value if {
	value := data.rampart.parameters[rule_id][name]
} else := fallback
`
	files := map[string]string{"k8s/privileged.rego": privilegedRule, "param.rego": paramRule, "lib/config.rego": lib}
	docs := []*normalizers.Document{{Kind: "kubernetes", Path: "a.yaml", Resources: []*normalizers.Resource{pod("Pod/a", true)}}}

	e, err := engine.New(context.Background(), engine.Options{
		Bundles:    []*bundles.Bundle{bundleOf(t, files)},
		Overrides:  map[string]engine.Override{"TEST-K8S-001": {Severity: engine.Low}},
		Parameters: map[string]map[string]any{"TEST-PARAM-001": {"limit": 5}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := e.Rule("TEST-K8S-001"); r.Severity != engine.Low {
		t.Errorf("severity override not applied: %s", r.Severity)
	}
	res, _ := e.Evaluate(context.Background(), docs)
	msgs := map[string]bool{}
	for _, r := range res {
		msgs[r.Message] = true
	}
	if !msgs["limit 5"] {
		t.Errorf("parameter not visible to the policy: %v", msgs)
	}

	e, err = engine.New(context.Background(), engine.Options{
		Bundles:   []*bundles.Bundle{bundleOf(t, files)},
		Overrides: map[string]engine.Override{"TEST-K8S-001": {Disabled: true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, _ = e.Evaluate(context.Background(), docs)
	for _, r := range res {
		if r.Rule.ID == "TEST-K8S-001" {
			t.Errorf("disabled rule produced %q", r.Message)
		}
		if r.Message != "limit 1" {
			t.Errorf("default parameter not used: %q", r.Message)
		}
	}
	if len(e.Disabled()) != 1 || len(e.Rules()) != 1 {
		t.Errorf("rules %d, disabled %d; want 1 and 1", len(e.Rules()), len(e.Disabled()))
	}

	_, err = engine.New(context.Background(), engine.Options{
		Bundles:   []*bundles.Bundle{bundleOf(t, files)},
		Overrides: map[string]engine.Override{"TEST-NOPE-001": {Disabled: true}},
	})
	if err == nil || !strings.Contains(err.Error(), "TEST-NOPE-001") {
		t.Errorf("unknown rule in overrides: want an error naming it, got %v", err)
	}
}

// TestTypesSelectRules: a rule whose applies_to.types names none of a
// document's resource types is not evaluated on it.
func TestTypesSelectRules(t *testing.T) {
	anyResource := `# METADATA
# title: Any resource
# description: d
# custom:
#   id: TEST-TYPES-001
#   severity: low
#   category: Compute
#   risk: r
#   remediation: m
#   applies_to: {kinds: [kubernetes], types: [Pod]}
package test.types

deny contains {"msg": "seen", "resource": r.address} if {
	input.kind == "kubernetes"
	some r in input.resources
}
`
	e := newEngine(t, map[string]string{"types.rego": anyResource})
	svc := &normalizers.Resource{Address: "Service/web", Type: "Service"}
	docs := []*normalizers.Document{
		{Kind: "kubernetes", Path: "svc.yaml", Resources: []*normalizers.Resource{svc}},
		{Kind: "kubernetes", Path: "both.yaml", Resources: []*normalizers.Resource{svc, pod("Pod/a", false)}},
	}
	res, errs := e.Evaluate(context.Background(), docs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := map[string]bool{}
	for _, r := range res {
		got[r.Document.Path+" "+r.Resource] = true
	}
	want := map[string]bool{"both.yaml Service/web": true, "both.yaml Pod/a": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}
