package suppress

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
	"github.com/rampart-iac/rampart/gate/config"
	"github.com/rampart-iac/rampart/normalizers"
)

var now = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func finding(rule, path, address string, resLine, endLine, line int) findings.Finding {
	return findings.Finding{
		RuleID: rule, Severity: engine.High, Level: engine.LevelDeny, Message: "m",
		Resource: findings.Resource{Path: path, Address: address, StartLine: resLine, EndLine: endLine},
		Location: findings.Location{Path: path, StartLine: line, EndLine: line},
	}
}

var rules = map[string]*engine.Rule{
	"RMP-AWS-S3-004": {ID: "RMP-AWS-S3-004", Aliases: map[string][]string{"checkov": {"CKV_AWS_19"}, "tfsec": {"aws-s3-enable-bucket-encryption"}, "trivy": {"AVD-AWS-0088"}}},
}

func TestInlineDirectives(t *testing.T) {
	files := map[string]string{
		"main.tf": `# rampart:ignore RMP-AWS-S3-004 reason="encrypted by the account default" until=2027-01-31
resource "aws_s3_bucket" "a" {
  bucket = "a"
}

# rampart:ignore RMP-AWS-S3-004 until=2026-01-31 reason="old exception"
resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket" "c" { # rampart:ignore RMP-AWS-S3-004
  bucket = "c"
}

resource "aws_s3_bucket" "d" {
  #checkov:skip=CKV_AWS_19:logs bucket, SSE-S3 is enough
  bucket = "d"
}

#tfsec:ignore:aws-s3-enable-bucket-encryption
resource "aws_s3_bucket" "e" {
  bucket = "e"
}

# rampart:ignore RMP-OTHER-001 reason="other rule"
resource "aws_s3_bucket" "f" {
  bucket = "f"
}

resource "aws_s3_bucket" "g" {
  # kics-scan ignore-line
  acl = "public-read"
}

resource "aws_s3_bucket" "h" {
  bucket = "h" # trivy:ignore:AVD-AWS-0088
}
`,
	}
	fs := []findings.Finding{
		finding("RMP-AWS-S3-004", "main.tf", "aws_s3_bucket.a", 2, 4, 2),
		finding("RMP-AWS-S3-004", "main.tf", "aws_s3_bucket.b", 7, 9, 7),
		finding("RMP-AWS-S3-004", "main.tf", "aws_s3_bucket.c", 11, 13, 11),
		finding("RMP-AWS-S3-004", "main.tf", "aws_s3_bucket.d", 15, 18, 15),
		finding("RMP-AWS-S3-004", "main.tf", "aws_s3_bucket.e", 21, 23, 21),
		finding("RMP-AWS-S3-004", "main.tf", "aws_s3_bucket.f", 26, 28, 26),
		finding("RMP-AWS-S3-001", "main.tf", "aws_s3_bucket.g", 30, 33, 32),
		finding("RMP-AWS-S3-004", "main.tf", "aws_s3_bucket.h", 35, 37, 36),
	}
	res := Apply(fs, nil, rules, Options{Now: now, ReadFile: func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, fmt.Errorf("no %s", p)
	}})
	got := map[string]string{}
	for _, f := range fs {
		if f.Suppressed != nil {
			got[f.Resource.Address] = f.Suppressed.Source + ": " + f.Suppressed.Reason
		}
	}
	want := map[string]string{
		"aws_s3_bucket.a": "inline: encrypted by the account default",
		"aws_s3_bucket.c": "inline: (no reason given)",
		"aws_s3_bucket.d": "inline: logs bucket, SSE-S3 is enough",
		"aws_s3_bucket.e": "inline: suppressed with a tfsec comment",
		"aws_s3_bucket.g": "inline: suppressed with a kics-scan comment",
		"aws_s3_bucket.h": "inline: suppressed with a trivy comment",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suppressed (-want +got):\n%s", diff)
	}
	if len(res.Added) != 1 || res.Added[0].RuleID != "RMP-META-001" || res.Added[0].Location.StartLine != 11 || res.Added[0].Severity != engine.Low {
		t.Errorf("want one low RMP-META-001 finding at main.tf:11 for the reasonless comment, got %+v", res.Added)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Message, "expired on 2026-01-31") || res.Warnings[0].Line != 6 {
		t.Errorf("want one expiry warning at line 6, got %+v", res.Warnings)
	}
}

func TestParseLine(t *testing.T) {
	tests := []struct {
		line string
		want []Directive
	}{
		{`# rampart:ignore RMP-K8S-001 reason="debug pod, deleted nightly"`, []Directive{{Tool: "rampart", Rules: []string{"RMP-K8S-001"}, Reason: "debug pod, deleted nightly", Line: 1, Scope: "resource"}}},
		{`    privileged: true  # rampart:ignore RMP-K8S-001,RMP-K8S-002 reason='x'`, []Directive{{Tool: "rampart", Rules: []string{"RMP-K8S-001", "RMP-K8S-002"}, Reason: "x", Line: 1, Scope: "resource"}}},
		{`// rampart:ignore * reason="generated"`, []Directive{{Tool: "rampart", Rules: []string{"*"}, Reason: "generated", Line: 1, Scope: "resource"}}},
		{`value = "# rampart:ignore RMP-X-001"`, nil},
		{`  # kics-scan ignore-block`, []Directive{{Tool: "kics", Line: 1, Scope: "block", Reason: "suppressed with a kics-scan comment"}}},
	}
	for _, tc := range tests {
		got := parseLine(tc.line, 1)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("parseLine(%q) (-want +got):\n%s", tc.line, diff)
		}
	}
}

func TestMetadataAndConfig(t *testing.T) {
	doc := &normalizers.Document{Kind: "kubernetes", Path: "k.yaml", Resources: []*normalizers.Resource{{
		Address: "Pod/debug", Location: normalizers.Location{Path: "k.yaml", StartLine: 1, EndLine: 9},
		Config: map[string]any{"metadata": map[string]any{"annotations": map[string]any{
			"rampart.io/ignore": `RMP-K8S-001 reason="break-glass debug pod"; RMP-K8S-008 reason="needs host pids" until=2025-01-01`,
		}}},
	}}}
	fs := []findings.Finding{
		finding("RMP-K8S-001", "k.yaml", "Pod/debug", 1, 9, 5),
		finding("RMP-K8S-008", "k.yaml", "Pod/debug", 1, 9, 6),
		finding("RMP-K8S-011", "legacy/app.yaml", "Deployment/app", 1, 30, 12),
		finding("RMP-K8S-011", "new/app.yaml", "Deployment/app", 1, 30, 12),
	}
	ignores := []config.Ignore{{Rule: "RMP-K8S-011", Paths: []string{"legacy/**"}, Reason: "legacy, being replaced"}}
	res := Apply(fs, []*normalizers.Document{doc}, rules, Options{Now: now, Ignore: ignores, ReadFile: func(string) ([]byte, error) { return []byte(""), nil }})
	if fs[0].Suppressed == nil || fs[0].Suppressed.Reason != "break-glass debug pod" {
		t.Errorf("annotation suppression not applied: %+v", fs[0].Suppressed)
	}
	if fs[1].Suppressed != nil {
		t.Errorf("expired annotation suppression applied")
	}
	if fs[2].Suppressed == nil || fs[2].Suppressed.Source != "config" {
		t.Errorf("config ignore not applied to legacy/: %+v", fs[2].Suppressed)
	}
	if fs[3].Suppressed != nil {
		t.Errorf("config ignore applied outside its paths")
	}
	if len(res.Warnings) != 1 {
		t.Errorf("want one expiry warning, got %+v", res.Warnings)
	}
}
