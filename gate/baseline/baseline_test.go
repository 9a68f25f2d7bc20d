package baseline

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rampart-iac/rampart/findings"
)

// finding builds a finding the way findings.Build does: the fingerprint
// depends on rule, path, address and message, not on the lines.
func finding(rule, path, address, message string, start, end int) findings.Finding {
	f := findings.Finding{
		RuleID:   rule,
		Resource: findings.Resource{Kind: "terraform", Type: "aws_s3_bucket", Address: address, Path: path, StartLine: start, EndLine: end},
		Location: findings.Location{Path: path, StartLine: start, EndLine: end},
		Message:  message,
	}
	f.Fingerprint = findings.Fingerprint(rule, path, address, message)
	f.ID = f.Fingerprint[:12]
	return f
}

// scan is a first scan of a project.
func scan() []findings.Finding {
	return []findings.Finding{
		finding("RMP-AWS-S3-001", "infra/s3.tf", "aws_s3_bucket.logs", "Bucket logs is not encrypted", 10, 20),
		finding("RMP-AWS-S3-002", "infra/s3.tf", "aws_s3_bucket.logs", "Bucket logs  has\tno versioning", 10, 20),
		finding("RMP-AWS-EC2-001", "infra/ec2.tf", "aws_instance.web", "Instance web has a public IP", 3, 9),
		finding("RMP-DOCKER-001", "Dockerfile", "", "The image runs as root", 0, 0),
	}
}

// rescan is the same project after lines were inserted above every resource
// and the messages were re-wrapped: the same findings with new lines.
func rescan() []findings.Finding {
	return []findings.Finding{
		finding("RMP-AWS-S3-001", "infra/s3.tf", "aws_s3_bucket.logs", "Bucket logs is not encrypted", 25, 35),
		finding("RMP-AWS-S3-002", "infra/s3.tf", "aws_s3_bucket.logs", "Bucket logs has no versioning", 25, 35),
		finding("RMP-AWS-EC2-001", "infra/ec2.tf", "aws_instance.web", "Instance web has a public IP", 40, 46),
		finding("RMP-DOCKER-001", "Dockerfile", "", "The image runs as root", 0, 0),
	}
}

func TestFromFindings(t *testing.T) {
	fs := scan()
	fs = append(fs,
		fs[0], // duplicate
		finding("RMP-AWS-S3-003", "infra/s3.tf", "aws_s3_bucket.logs", "inline suppressed", 10, 20),
		finding("RMP-AWS-S3-004", "infra/s3.tf", "aws_s3_bucket.logs", "config suppressed", 10, 20),
		finding("RMP-AWS-S3-005", "infra/s3.tf", "aws_s3_bucket.logs", "baseline suppressed", 10, 20),
	)
	fs[len(fs)-3].Suppressed = &findings.Suppression{Source: "inline", Reason: "accepted"}
	fs[len(fs)-2].Suppressed = &findings.Suppression{Source: "config", Reason: "accepted"}
	fs[len(fs)-1].Suppressed = &findings.Suppression{Source: Source, Reason: "in baseline old.json"}
	noFingerprint := finding("RMP-K8S-001", "k8s/pod.yaml", "Pod/default/web", "Runs privileged", 1, 9)
	noFingerprint.Fingerprint = ""
	fs = append(fs, noFingerprint)

	got := FromFindings(fs)
	want := &File{
		Version: Version,
		Tool:    Tool,
		Findings: []Entry{
			{Fingerprint: fs[3].Fingerprint, RuleID: "RMP-DOCKER-001", Path: "Dockerfile", Message: "The image runs as root"},
			{Fingerprint: fs[2].Fingerprint, RuleID: "RMP-AWS-EC2-001", Path: "infra/ec2.tf", Address: "aws_instance.web", Message: "Instance web has a public IP"},
			{Fingerprint: fs[0].Fingerprint, RuleID: "RMP-AWS-S3-001", Path: "infra/s3.tf", Address: "aws_s3_bucket.logs", Message: "Bucket logs is not encrypted"},
			{Fingerprint: fs[1].Fingerprint, RuleID: "RMP-AWS-S3-002", Path: "infra/s3.tf", Address: "aws_s3_bucket.logs", Message: "Bucket logs  has\tno versioning"},
			{Fingerprint: fs[7].Fingerprint, RuleID: "RMP-AWS-S3-005", Path: "infra/s3.tf", Address: "aws_s3_bucket.logs", Message: "baseline suppressed"},
			{Fingerprint: findings.Fingerprint("RMP-K8S-001", "k8s/pod.yaml", "Pod/default/web", "Runs privileged"), RuleID: "RMP-K8S-001", Path: "k8s/pod.yaml", Address: "Pod/default/web", Message: "Runs privileged"},
		},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(File{})); diff != "" {
		t.Errorf("FromFindings (-want +got):\n%s", diff)
	}

	if got := FromFindings(nil); got.Findings == nil || len(got.Findings) != 0 {
		t.Errorf("FromFindings(nil).Findings = %#v, want empty, non-nil", got.Findings)
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	created := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	tests := []struct {
		name      string
		file      *File
		wantJSON  []string
		forbidden []string
	}{
		{
			name:     "with created_at",
			file:     func() *File { f := FromFindings(scan()); f.CreatedAt = created; return f }(),
			wantJSON: []string{`"version": 1`, `"tool": "rampart"`, `"created_at": "2025-03-04T05:06:07Z"`, `"rule_id": "RMP-AWS-S3-001"`, `"address": "aws_instance.web"`},
		},
		{
			name:      "without created_at",
			file:      FromFindings(scan()),
			wantJSON:  []string{`"version": 1`},
			forbidden: []string{"created_at"},
		},
		{
			name:     "empty",
			file:     FromFindings(nil),
			wantJSON: []string{`"findings": []`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "rampart-baseline.json")
			if err := Write(path, tt.file); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.wantJSON {
				if !strings.Contains(string(data), s) {
					t.Errorf("written file lacks %s:\n%s", s, data)
				}
			}
			for _, s := range tt.forbidden {
				if strings.Contains(string(data), s) {
					t.Errorf("written file has %s:\n%s", s, data)
				}
			}
			got, err := Read(path)
			if err != nil {
				t.Fatal(err)
			}
			if got.Path() != path {
				t.Errorf("Path() = %q, want %q", got.Path(), path)
			}
			if diff := cmp.Diff(tt.file, got, cmpopts.IgnoreUnexported(File{})); diff != "" {
				t.Errorf("round trip (-wrote +read):\n%s", diff)
			}

			// Writing what was read gives the same bytes: the format is
			// deterministic.
			path2 := filepath.Join(t.TempDir(), "again.json")
			if err := Write(path2, got); err != nil {
				t.Fatal(err)
			}
			data2, err := os.ReadFile(path2)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != string(data2) {
				t.Errorf("rewrite differs:\n%s\nvs\n%s", data, data2)
			}
		})
	}
}

func TestWriteSortsAndReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "baseline.json")
	if err := os.WriteFile(path, []byte("old content"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := &File{Findings: []Entry{
		{Fingerprint: "b", RuleID: "R2", Path: "z.tf"},
		{Fingerprint: "a", RuleID: "R1", Path: "a.tf"},
	}}
	if err := Write(path, f); err != nil {
		t.Fatal(err)
	}
	if f.Findings[0].Fingerprint != "b" {
		t.Errorf("Write reordered the caller's entries")
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != Version || got.Tool != Tool {
		t.Errorf("version, tool = %d, %q; want %d, %q", got.Version, got.Tool, Version, Tool)
	}
	if fps := []string{got.Findings[0].Fingerprint, got.Findings[1].Fingerprint}; fps[0] != "a" || fps[1] != "b" {
		t.Errorf("entries not sorted: %v", fps)
	}
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("mode = %v, want 0644", fi.Mode().Perm())
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
		file *File
		want string
	}{
		{"nil baseline", filepath.Join(dir, "a.json"), nil, "no baseline"},
		{"unknown version", filepath.Join(dir, "b.json"), &File{Version: 7}, "unsupported version 7"},
		{"missing directory", filepath.Join(dir, "missing", "c.json"), FromFindings(scan()), "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(tt.path, tt.file)
			if err == nil {
				t.Fatal("Write succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q should name %s and say %q", err, tt.path, tt.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    string
	}{
		{"empty", "", "file is empty"},
		{"blank", " \n\t", "file is empty"},
		{"corrupt", `{"version": 1, "findings": [`, "not a baseline file"},
		{"not JSON", "version: 1\n", "not a baseline file"},
		{"not an object", `[1, 2]`, "not a baseline file"},
		{"no version", `{"findings": []}`, "no version"},
		{"future version", `{"version": 2, "findings": [{"fp": 1}]}`, "unsupported version 2"},
		{"version zero", `{"version": 0, "findings": []}`, "unsupported version 0"},
		{"version not a number", `{"version": "1"}`, "not a baseline file"},
		{"findings wrong shape", `{"version": 1, "findings": {"a": 1}}`, "not a baseline file"},
		{"trailing data", `{"version": 1, "findings": []} {}`, "not a baseline file: invalid character '{' after top-level value"},
		{"entry without fingerprint", `{"version": 1, "findings": [{"rule_id": "R1", "path": "a.tf"}]}`, `finding 1 (rule "R1", path "a.tf") has no fingerprint`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "baseline.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Read(path)
			if err == nil {
				t.Fatal("Read succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q should name %s and say %q", err, path, tt.want)
			}
		})
	}

	t.Run("missing file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nope.json")
		_, err := Read(path)
		if err == nil || !os.IsNotExist(unwrapAll(err)) || !strings.Contains(err.Error(), path) {
			t.Errorf("Read(missing) = %v, want a not-exist error naming the file", err)
		}
	})
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return err
		}
		next := u.Unwrap()
		if next == nil {
			return err
		}
		err = next
	}
}

func TestApplyAfterLinesInserted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := Write(path, FromFindings(scan())); err != nil {
		t.Fatal(err)
	}
	b, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}

	fs := rescan()
	newFinding := finding("RMP-AWS-S3-001", "infra/s3.tf", "aws_s3_bucket.data", "Bucket data is not encrypted", 50, 60)
	inline := finding("RMP-AWS-EC2-001", "infra/ec2.tf", "aws_instance.web", "Instance web has a public IP", 40, 46)
	inline.Suppressed = &findings.Suppression{Source: "inline", Reason: "bastion host"}
	fs[2] = inline
	fs = append(fs, newFinding)

	if got, want := b.Apply(fs), 3; got != want {
		t.Errorf("Apply matched %d, want %d", got, want)
	}
	want := &findings.Suppression{Source: "baseline", Reason: "in baseline " + path}
	for i, f := range fs {
		switch {
		case i == 2:
			if diff := cmp.Diff(&findings.Suppression{Source: "inline", Reason: "bastion host"}, f.Suppressed); diff != "" {
				t.Errorf("existing suppression overridden (-want +got):\n%s", diff)
			}
		case f.Resource.Address == "aws_s3_bucket.data":
			if f.Suppressed != nil {
				t.Errorf("new finding suppressed: %+v", f.Suppressed)
			}
		default:
			if diff := cmp.Diff(want, f.Suppressed); diff != "" {
				t.Errorf("finding %s %s (-want +got):\n%s", f.RuleID, f.Resource.Address, diff)
			}
		}
	}

	// Idempotent.
	if got := b.Apply(fs); got != 3 {
		t.Errorf("second Apply matched %d, want 3", got)
	}
	if stale := b.Stale(fs); len(stale) != 0 {
		t.Errorf("Stale = %v, want none", stale)
	}
}

func TestApplyInMemoryReason(t *testing.T) {
	fs := scan()
	if got := FromFindings(fs).Apply(fs); got != len(fs) {
		t.Errorf("Apply matched %d, want %d", got, len(fs))
	}
	if fs[0].Suppressed == nil || fs[0].Suppressed.Reason != "in baseline" {
		t.Errorf("Suppressed = %+v, want reason \"in baseline\"", fs[0].Suppressed)
	}
	var nilFile *File
	if got := nilFile.Apply(fs); got != 0 {
		t.Errorf("nil baseline matched %d", got)
	}
	if got := nilFile.Stale(fs); got != nil {
		t.Errorf("nil baseline stale %v", got)
	}
}

func TestApplyChangedIdentity(t *testing.T) {
	b := FromFindings(scan())
	tests := []struct {
		name string
		f    findings.Finding
	}{
		{"other rule", finding("RMP-AWS-S3-009", "infra/s3.tf", "aws_s3_bucket.logs", "Bucket logs is not encrypted", 10, 20)},
		{"other file", finding("RMP-AWS-S3-001", "infra/storage.tf", "aws_s3_bucket.logs", "Bucket logs is not encrypted", 10, 20)},
		{"renamed resource", finding("RMP-AWS-S3-001", "infra/s3.tf", "aws_s3_bucket.audit", "Bucket logs is not encrypted", 10, 20)},
		{"other message", finding("RMP-AWS-S3-001", "infra/s3.tf", "aws_s3_bucket.logs", "Bucket logs is encrypted with a default key", 10, 20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := []findings.Finding{tt.f}
			if got := b.Apply(fs); got != 0 || fs[0].Suppressed != nil {
				t.Errorf("Apply matched %d, suppressed %+v; want a new finding", got, fs[0].Suppressed)
			}
		})
	}
}

func TestStale(t *testing.T) {
	b := FromFindings(scan())
	fs := rescan()
	// The EC2 and Dockerfile issues were fixed; S3-002 is now suppressed
	// inline, which still counts as present.
	fs[1].Suppressed = &findings.Suppression{Source: "inline"}
	fs = []findings.Finding{fs[0], fs[1]}
	got := b.Stale(fs)
	want := []Entry{
		{Fingerprint: scan()[3].Fingerprint, RuleID: "RMP-DOCKER-001", Path: "Dockerfile", Message: "The image runs as root"},
		{Fingerprint: scan()[2].Fingerprint, RuleID: "RMP-AWS-EC2-001", Path: "infra/ec2.tf", Address: "aws_instance.web", Message: "Instance web has a public IP"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Stale (-want +got):\n%s", diff)
	}
	if got := b.Apply(fs); got != 1 {
		t.Errorf("Apply matched %d, want 1", got)
	}
	if all := b.Stale(nil); len(all) != len(b.Findings) {
		t.Errorf("Stale(nil) = %d entries, want all %d", len(all), len(b.Findings))
	}
}
