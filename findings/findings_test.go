package findings_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
	"github.com/rampart-iac/rampart/normalizers"
)

// lines is a LineIndex keyed by FormatAttribute of the path.
type lines map[string]int

func (l lines) Lookup(path []any) (normalizers.Location, bool) {
	for n := len(path); n > 0; n-- {
		if line, ok := l[findings.FormatAttribute(path[:n])]; ok {
			return normalizers.Location{StartLine: line, EndLine: line}, true
		}
	}
	return normalizers.Location{}, false
}

var (
	critical = &engine.Rule{ID: "T-001", Title: "critical thing", Severity: engine.Critical, Category: "Compute",
		Kinds: []string{"kubernetes"}, Types: []string{"Pod"},
		Frameworks: map[string]map[string][]string{"cis-kubernetes": {"1.8.0": {"5.2.2"}}}}
	low = &engine.Rule{ID: "T-002", Title: "low thing", Severity: engine.Low, Category: "Network",
		Kinds: []string{"kubernetes"}, Types: []string{"Service"},
		Frameworks: map[string]map[string][]string{"cis-kubernetes": {"1.8.0": {"5.3.2", "5.2.10"}}}}
	docker = &engine.Rule{ID: "T-003", Title: "docker thing", Severity: engine.High, Category: "Compute",
		Kinds: []string{"dockerfile"}, Frameworks: map[string]map[string][]string{"cis-docker": {"1.6.0": {"4.1"}}}}
)

func doc(offset int) *normalizers.Document {
	return &normalizers.Document{Kind: "kubernetes", Path: "k8s/app.yaml", Resources: []*normalizers.Resource{
		{Address: "Pod/web", Type: "Pod", Location: normalizers.Location{Path: "k8s/app.yaml", StartLine: 1 + offset, EndLine: 20 + offset},
			Lines: lines{"spec.containers[0]": 8 + offset, "spec.containers[0].securityContext.privileged": 12 + offset}},
		{Address: "Pod/db", Type: "Pod", Location: normalizers.Location{Path: "k8s/app.yaml", StartLine: 22 + offset, EndLine: 40 + offset}},
	}}
}

func TestBuildLocatesAndFingerprints(t *testing.T) {
	d := doc(0)
	results := []engine.Result{
		{Rule: critical, Level: engine.LevelDeny, Document: d, Resource: "Pod/web", Message: "privileged",
			Attribute: []any{"spec", "containers", 0, "securityContext", "privileged"}},
		{Rule: critical, Level: engine.LevelDeny, Document: d, Resource: "Pod/web", Message: "missing key",
			Attribute: []any{"spec", "containers", 0, "securityContext", "runAsNonRoot"}},
		{Rule: low, Level: engine.LevelWarn, Document: d, Resource: "Pod/db", Message: "db"},
		{Rule: low, Level: engine.LevelWarn, Document: d, Resource: "Pod/db", Message: "db"}, // duplicate
		{Rule: low, Level: engine.LevelDeny, Document: d, Message: "file-level"},
	}
	fs, errs := findings.Build(results)
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	type loc struct {
		Rule, Resource, Msg string
		Line, ResLine       int
		Attr                string
	}
	var got []loc
	for _, f := range fs {
		got = append(got, loc{f.RuleID, f.Resource.Address, f.Message, f.Location.StartLine, f.Resource.StartLine, f.Attribute})
	}
	want := []loc{
		{"T-001", "Pod/web", "missing key", 8, 1, "spec.containers[0].securityContext.runAsNonRoot"},
		{"T-001", "Pod/web", "privileged", 12, 1, "spec.containers[0].securityContext.privileged"},
		{"T-002", "", "file-level", 1, 0, ""},
		{"T-002", "Pod/db", "db", 22, 22, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	for _, f := range fs {
		if len(f.Fingerprint) != 64 || f.ID != f.Fingerprint[:12] {
			t.Errorf("finding %s: fingerprint %q, id %q", f.RuleID, f.Fingerprint, f.ID)
		}
	}

	// The same findings after the resources moved down the file keep their fingerprints.
	moved, _ := findings.Build([]engine.Result{
		{Rule: critical, Level: engine.LevelDeny, Document: doc(7), Resource: "Pod/web", Message: "privileged",
			Attribute: []any{"spec", "containers", 0, "securityContext", "privileged"}},
	})
	if moved[0].Location.StartLine != 19 {
		t.Errorf("moved finding at line %d, want 19", moved[0].Location.StartLine)
	}
	if moved[0].Fingerprint != fs[1].Fingerprint {
		t.Errorf("fingerprint changed when the resource moved: %s vs %s", moved[0].Fingerprint, fs[1].Fingerprint)
	}
}

func TestBuildRejectsUnknownResource(t *testing.T) {
	_, errs := findings.Build([]engine.Result{{Rule: critical, Level: engine.LevelDeny, Document: doc(0), Resource: "Pod/nope", Message: "x"}})
	if len(errs) != 1 {
		t.Fatalf("want one error for an unknown resource, got %v", errs)
	}
}

func TestFingerprintDependsOnIdentity(t *testing.T) {
	base := findings.Fingerprint("R-1", "a.yaml", "Pod/a", "container x is bad")
	for name, fp := range map[string]string{
		"rule":     findings.Fingerprint("R-2", "a.yaml", "Pod/a", "container x is bad"),
		"path":     findings.Fingerprint("R-1", "b.yaml", "Pod/a", "container x is bad"),
		"resource": findings.Fingerprint("R-1", "a.yaml", "Pod/b", "container x is bad"),
		"message":  findings.Fingerprint("R-1", "a.yaml", "Pod/a", "container y is bad"),
	} {
		if fp == base {
			t.Errorf("changing the %s kept the fingerprint", name)
		}
	}
	if findings.Fingerprint("R-1", "a.yaml", "Pod/a", "container  x is\nbad") != base {
		t.Error("whitespace in the message changed the fingerprint")
	}
}

func TestSummariesAndFrameworks(t *testing.T) {
	d := doc(0)
	dockerDoc := &normalizers.Document{Kind: "dockerfile", Path: "Dockerfile"}
	fs, _ := findings.Build([]engine.Result{
		{Rule: critical, Level: engine.LevelDeny, Document: d, Resource: "Pod/web", Message: "a"},
		{Rule: critical, Level: engine.LevelDeny, Document: d, Resource: "Pod/web", Message: "b"},
		{Rule: critical, Level: engine.LevelDeny, Document: d, Resource: "Pod/db", Message: "c"},
	})
	fs[2].Suppressed = &findings.Suppression{Source: "inline", Reason: "accepted"}
	s := findings.Summarize(fs)
	if s.Total != 2 || s.Suppressed != 1 || s.BySeverity["critical"] != 2 || s.ByCategory["Compute"] != 2 || s.BySeverity["low"] != 0 {
		t.Errorf("summary = %+v", s)
	}
	rules := []*engine.Rule{critical, low, docker}
	rr := findings.Rules(rules, []*normalizers.Document{d, dockerDoc}, fs)
	wantRules := []findings.RuleResult{
		{RuleID: "T-001", Title: "critical thing", Severity: engine.Critical, Checked: 2, Failed: 1, Status: findings.StatusFail},
		{RuleID: "T-002", Title: "low thing", Severity: engine.Low, Checked: 0, Failed: 0, Status: findings.StatusNotApplicable},
		{RuleID: "T-003", Title: "docker thing", Severity: engine.High, Checked: 0, Failed: 0, Status: findings.StatusNotApplicable},
	}
	if diff := cmp.Diff(wantRules, rr); diff != "" {
		t.Errorf("rule results (-want +got):\n%s", diff)
	}
	fw := findings.Frameworks(rules, rr, false)
	wantFW := []findings.FrameworkResult{{
		Framework: "cis-kubernetes", Version: "1.8.0", Failed: 1, NA: 2,
		Controls: []findings.ControlResult{
			{ID: "5.2.2", Status: findings.StatusFail, Rules: []string{"T-001"}, Checked: 2, Failed: 1},
			{ID: "5.2.10", Status: findings.StatusNotApplicable, Rules: []string{"T-002"}},
			{ID: "5.3.2", Status: findings.StatusNotApplicable, Rules: []string{"T-002"}},
		},
	}}
	if diff := cmp.Diff(wantFW, fw); diff != "" {
		t.Errorf("frameworks (-want +got):\n%s", diff)
	}
	if all := findings.Frameworks(rules, rr, true); len(all) != 2 {
		t.Errorf("with all=true got %d frameworks, want 2 (cis-docker not applicable included)", len(all))
	}
}

func TestBlocking(t *testing.T) {
	f := findings.Finding{Severity: engine.High, Level: engine.LevelDeny}
	for _, tc := range []struct {
		threshold engine.Severity
		want      bool
	}{{engine.Critical, false}, {engine.High, true}, {engine.Low, true}, {"", false}} {
		if got := f.Blocking(tc.threshold); got != tc.want {
			t.Errorf("high finding, threshold %q: blocking=%v want %v", tc.threshold, got, tc.want)
		}
	}
	w := findings.Finding{Severity: engine.Critical, Level: engine.LevelWarn}
	if w.Blocking(engine.Low) {
		t.Error("a warn finding blocked the gate")
	}
	s := findings.Finding{Severity: engine.Critical, Level: engine.LevelDeny, Suppressed: &findings.Suppression{Source: "inline"}}
	if s.Blocking(engine.Low) {
		t.Error("a suppressed finding blocked the gate")
	}
}
