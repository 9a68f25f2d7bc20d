package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/engine"
)

func TestParseValid(t *testing.T) {
	src := `fail_on: medium
exclude: ["**/testdata/**"]
policies: [./policies]
frameworks: [cis-kubernetes]
rules:
  RMP-K8S-004:
    enabled: false
  RMP-K8S-011:
    severity: low
  RMP-K8S-006:
    parameters:
      allowed: [NET_BIND_SERVICE]
ignore:
  - rule: RMP-AWS-S3-001
    resources: [aws_s3_bucket.site]
    reason: public website
    until: 2027-01-31
`
	c, err := Parse("/repo/.rampart.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "medium" || len(c.Exclude) != 1 || c.Frameworks[0] != "cis-kubernetes" {
		t.Errorf("config = %+v", c)
	}
	wantOverrides := map[string]engine.Override{"RMP-K8S-004": {Disabled: true}, "RMP-K8S-011": {Severity: engine.Low}}
	if diff := cmp.Diff(wantOverrides, c.Overrides()); diff != "" {
		t.Errorf("overrides (-want +got):\n%s", diff)
	}
	if got := c.Parameters()["RMP-K8S-006"]["allowed"]; !cmp.Equal(got, []any{"NET_BIND_SERVICE"}) {
		t.Errorf("parameters = %v", got)
	}
	if c.Ignore[0].Line != 14 || c.Ignore[0].Expires.Format("2006-01-02") != "2027-01-31" {
		t.Errorf("ignore = %+v", c.Ignore[0])
	}
	if got := c.PolicyPaths(); got[0] != filepath.Join("/repo", "policies") {
		t.Errorf("policy paths = %v", got)
	}
}

func TestParseErrorsNameFileAndLine(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown key", "fail_on: high\nfial_on: low\n", "line 2: field fial_on not found"},
		{"bad severity", "fail_on: severe\n", ".rampart.yaml:1: fail_on: unknown severity"},
		{"bad rule severity", "rules:\n  RMP-K8S-001:\n    severity: huge\n", "rules.RMP-K8S-001.severity"},
		{"bad rule id", "rules:\n  privileged:\n    enabled: false\n", `"privileged" is not a rule id`},
		{"ignore without reason", "ignore:\n  - rule: RMP-K8S-001\n    paths: [a]\n", ".rampart.yaml:2: ignore: a reason is required"},
		{"ignore everywhere", "ignore:\n  - rule: RMP-K8S-001\n    reason: x\n", "give paths or resources"},
		{"bad date", "ignore:\n  - rule: RMP-K8S-001\n    paths: [a]\n    reason: x\n    until: soon\n", `until "soon" is not a date`},
		{"bad framework", "frameworks: [cis-k8s]\n", `unknown framework "cis-k8s"`},
		{"bad yaml", "rules: [\n", ".rampart.yaml: line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(".rampart.yaml", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v does not contain %q", err, tc.want)
			}
		})
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	if p, err := Find("", []string{dir}); err != nil || p != "" {
		t.Errorf("no file: got %q, %v", p, err)
	}
	want := filepath.Join(dir, FileName)
	if err := os.WriteFile(want, []byte("fail_on: low\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, _ := Find("", []string{dir}); p != want {
		t.Errorf("Find = %q, want %q", p, want)
	}
	if _, err := Find(filepath.Join(dir, "missing.yaml"), nil); err == nil {
		t.Error("an explicit missing --config must be an error")
	}
}
