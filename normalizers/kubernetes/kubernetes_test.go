package kubernetes

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

func normalize(t *testing.T, path string, content []byte) (*normalizers.Document, []normalizers.Diagnostic) {
	t.Helper()
	docs, diags := New().Normalize(context.Background(), normalizers.File{Path: path, Content: content})
	if len(docs) != 1 {
		t.Fatalf("Normalize returned %d documents, want 1", len(docs))
	}
	d := docs[0]
	if d.Kind != "kubernetes" || d.Path != path {
		t.Fatalf("document kind %q path %q", d.Kind, d.Path)
	}
	return d, diags
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestName(t *testing.T) {
	if got := New().Name(); got != "kubernetes" {
		t.Errorf("Name() = %q", got)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name    string
		path    string
		content string
		want    bool
	}{
		{"manifest", "deploy/web.yaml", "apiVersion: v1\nkind: Pod\n", true},
		{"yml", "web.yml", "# c\nkind: Pod\napiVersion: v1\n", true},
		{"upper case extension", "WEB.YAML", "apiVersion: v1\nkind: Pod\n", true},
		{"multi-document", "all.yaml", "---\napiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: Secret\n", true},
		{"key with the value on the next line", "a.yaml", "apiVersion:\n  v1\nkind:\n  Pod\n", true},
		{"quoted keys", "a.yaml", "\"apiVersion\": v1\n'kind': Pod\n", true},
		{"CRLF", "a.yaml", "apiVersion: v1\r\nkind: Pod\r\n", true},
		{"BOM", "a.yaml", "\ufeffapiVersion: v1\nkind: Pod\n", true},
		{"UTF-16", "a.yaml", string(utf16LE("apiVersion: v1\nkind: Pod\n")), true},
		{"JSON", "pod.json", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\"\n}", true},
		{"minified JSON", "pod.json", `{"kind":"Pod","apiVersion":"v1"}`, true},
		{"flow YAML", "pod.yaml", "{apiVersion: v1, kind: Pod}\n", true},
		{"JSON with brackets in strings", "pod.json", `{"a": "}{][", "b": ['x'], "apiVersion": "v1", "kind": "Pod"}`, true},
		{"JSON with escaped quotes", "pod.json", `{"a": "\"kind\": 1", "apiVersion": "v1", "kind": "Pod"}`, true},
		{"kubectl List JSON", "list.json", "{\n\"apiVersion\": \"v1\",\n\"items\": [],\n\"kind\": \"List\"\n}", true},
		{"Helm template", "chart/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n", true},
		{"Helm template with a leading action", "chart/templates/deploy.yaml", "{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\n{{- end }}\n", true},

		{"wrong extension", "pod.txt", "apiVersion: v1\nkind: Pod\n", false},
		{"no extension", "Dockerfile", "apiVersion: v1\nkind: Pod\n", false},
		{"only apiVersion", "Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n", false},
		{"only kind", "a.yaml", "kind: Pod\n", false},
		{"indented keys", "playbook.yml", "- hosts: all\n  tasks:\n  - k8s:\n      definition:\n        apiVersion: v1\n        kind: Pod\n", false},
		{"keys inside a value", "a.yaml", "description: apiVersion: v1 kind: Pod\n", false},
		{"no colon", "a.yaml", "apiVersion v1\nkind Pod\n", false},
		{"longer key", "a.yaml", "apiVersionX: v1\nkindly: yes\n", false},
		{"CloudFormation", "stack.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n", false},
		{"CloudFormation JSON", "stack.json", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, false},
		{"compose", "compose.yaml", "services:\n  web:\n    image: nginx\n    labels:\n      kind: web\n", false},
		{"package.json", "package.json", `{"name": "x", "version": "1.0.0"}`, false},
		{"JSON with nested keys only", "schema.json", `{"properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"}}}`, false},
		{"JSON with a nested kind", "policy.json", `{"apiVersion": "2021-06-01", "resources": [{"kind": "StorageV2"}]}`, false},
		{"JSON key in a string", "a.json", `{"apiVersion": "v1", "description": "\"kind\": x"}`, false},
		{"JSON array", "a.json", `[{"apiVersion": "v1", "kind": "Pod"}]`, false},
		{"empty", "a.yaml", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := New().Detect(tt.path, []byte(tt.content)); got != tt.want {
				t.Errorf("Detect(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// TestMultiDocument checks the resources of testdata/valid/multi-doc.yaml and
// the exact lines of the privileged Deployment among them.
func TestMultiDocument(t *testing.T) {
	doc, diags := normalize(t, "deploy/multi-doc.yaml", readTestdata(t, "valid/multi-doc.yaml"))
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	type res struct {
		Address, Type, Provider string
		Start, End              int
	}
	var got []res
	for _, r := range doc.Resources {
		got = append(got, res{r.Address, r.Type, r.Provider, r.Location.StartLine, r.Location.EndLine})
		if r.Location.Path != "deploy/multi-doc.yaml" {
			t.Errorf("%s location path %q", r.Address, r.Location.Path)
		}
	}
	want := []res{
		{"ConfigMap/prod/web-config", "ConfigMap", "kubernetes", 5, 14},
		{"Deployment/prod/web", "Deployment", "kubernetes", 18, 46},
		{"Service/prod/web", "Service", "kubernetes", 51, 60},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("resources (-want +got):\n%s", diff)
	}

	deploy := doc.Resources[1]
	privileged := deploy.Config["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)["securityContext"].(map[string]any)["privileged"]
	if privileged != true {
		t.Errorf("privileged = %#v, want true", privileged)
	}
	lines := []struct {
		path       []any
		start, end int
		ok         bool
	}{
		{[]any{"spec", "template", "spec", "containers", 0, "securityContext", "privileged"}, 41, 41, true},
		{[]any{"spec", "template", "spec", "containers", 0, "securityContext"}, 40, 42, true},
		{[]any{"spec", "template", "spec", "containers", 0}, 36, 42, true},
		{[]any{"spec", "template", "spec", "containers", 1, "args"}, 45, 46, true},
		{[]any{"spec", "template", "spec", "containers", 1, "args", 1}, 45, 45, true},
		{[]any{"spec", "replicas"}, 26, 26, true},
		{[]any{"metadata", "labels", "app"}, 24, 24, true},
		// The deepest known prefix.
		{[]any{"spec", "template", "spec", "hostNetwork"}, 34, 46, true},
		{[]any{"status"}, 18, 46, false},
		{nil, 18, 46, true},
	}
	for _, l := range lines {
		loc, ok := deploy.Lines.Lookup(l.path)
		wantLoc := normalizers.Location{Path: "deploy/multi-doc.yaml", StartLine: l.start, EndLine: l.end}
		if loc != wantLoc || ok != l.ok {
			t.Errorf("Lookup(%v) = %+v, %v; want %+v, %v", l.path, loc, ok, wantLoc, l.ok)
		}
	}
}

func TestLists(t *testing.T) {
	tests := []struct {
		file      string
		addresses []string
		starts    []int
		ends      []int
		// itemPath is looked up in the first resource.
		itemPath []any
		itemLine int
	}{
		{
			file:      "valid/list.yaml",
			addresses: []string{"ServiceAccount/ci/builder", "ClusterRoleBinding/builder-admin"},
			starts:    []int{6, 11}, ends: []int{10, 22},
			itemPath: []any{"metadata", "namespace"}, itemLine: 10,
		},
		{
			file:      "valid/kubectl-get.json",
			addresses: []string{"Deployment/default/api", "Service/default/api"},
			starts:    []int{4, 95}, ends: []int{94, 116},
			itemPath: []any{"spec", "template", "spec", "containers", 0, "securityContext", "privileged"}, itemLine: 69,
		},
		{
			file:      "valid/typed-list.json",
			addresses: []string{"Pod/default/a", "Pod/default/b"},
			starts:    []int{6, 10}, ends: []int{9, 14},
			itemPath: []any{"spec", "containers", 0, "image"}, itemLine: 8,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, diags := normalize(t, tt.file, readTestdata(t, tt.file))
			if len(diags) != 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			var addrs []string
			var starts, ends []int
			for _, r := range doc.Resources {
				addrs = append(addrs, r.Address)
				starts = append(starts, r.Location.StartLine)
				ends = append(ends, r.Location.EndLine)
			}
			if diff := cmp.Diff(tt.addresses, addrs); diff != "" {
				t.Errorf("addresses (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.starts, starts); diff != "" {
				t.Errorf("start lines (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.ends, ends); diff != "" {
				t.Errorf("end lines (-want +got):\n%s", diff)
			}
			loc, ok := doc.Resources[0].Lines.Lookup(tt.itemPath)
			if !ok || loc.StartLine != tt.itemLine {
				t.Errorf("Lookup(%v) = %+v, %v; want line %d", tt.itemPath, loc, ok, tt.itemLine)
			}
		})
	}
}

func TestKubectlOutput(t *testing.T) {
	doc, _ := normalize(t, "get.json", readTestdata(t, "valid/kubectl-get.json"))
	cfg := doc.Resources[0].Config
	meta := cfg["metadata"].(map[string]any)
	if _, ok := meta["managedFields"].([]any); !ok {
		t.Error("managedFields dropped")
	}
	if _, ok := cfg["status"].(map[string]any); !ok {
		t.Error("status dropped")
	}
	if got := meta["generation"]; got != int64(1) {
		t.Errorf("generation = %#v, want int64(1)", got)
	}
	containers := cfg["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)
	if img := containers[0].(map[string]any)["image"]; img != "registry.example.com/api:2.1" {
		t.Errorf(`image = %q ("\/" not unescaped)`, img)
	}
}

func TestAddresses(t *testing.T) {
	doc, diags := normalize(t, "addresses.yaml", readTestdata(t, "valid/addresses.yaml"))
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	seen := map[string]bool{}
	for _, r := range doc.Resources {
		got = append(got, r.Address)
		if seen[r.Address] {
			t.Errorf("address %s repeated", r.Address)
		}
		seen[r.Address] = true
	}
	want := []string{
		"Namespace/team-a",
		"ConfigMap/team-a/settings",
		"ConfigMap/team-a/settings#2",
		"ConfigMap/settings",
		"Job/team-a/migrate-",
		"Secret[5]",
		"ConfigMap/team-a/settings#3",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
}

// TestAddressCollisions checks that a generated suffix never collides with a
// name that looks like one.
func TestAddressCollisions(t *testing.T) {
	src := "kind: A\napiVersion: v1\nmetadata: {name: 'x#2'}\n---\n" +
		"kind: A\napiVersion: v1\nmetadata: {name: x}\n---\n" +
		"kind: A\napiVersion: v1\nmetadata: {name: x}\n---\n" +
		"kind: A\napiVersion: v1\n---\n" +
		"kind: A\napiVersion: v1\nmetadata: {name: 'A[4]'}\n"
	doc, _ := normalize(t, "c.yaml", []byte(src))
	var got []string
	for _, r := range doc.Resources {
		got = append(got, r.Address)
	}
	want := []string{"A/x#2", "A/x", "A/x#3", "A[3]", "A/A[4]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
}

func TestDiagnostics(t *testing.T) {
	type diag struct {
		Severity normalizers.Severity
		Line     int
		Contains string
	}
	tests := []struct {
		file      string
		addresses []string
		diags     []diag
	}{
		{
			file:      "invalid/broken-middle.yaml",
			addresses: []string{"ConfigMap/before", "ConfigMap/after"},
			diags: []diag{
				{normalizers.SeverityError, 12, "malformed YAML: mapping values are not allowed"},
				{normalizers.SeverityError, 18, "malformed YAML: did not find expected ',' or ']'"},
			},
		},
		{
			file: "invalid/broken.json",
			diags: []diag{
				{normalizers.SeverityError, 7, "malformed JSON: invalid character '\"' after object key:value pair"},
			},
		},
		{
			file:      "invalid/alias-bomb.yaml",
			addresses: []string{"ConfigMap/survivor"},
			diags:     []diag{{normalizers.SeverityError, 12, "alias bomb"}},
		},
		{
			file:      "invalid/alias-cycle.yaml",
			addresses: []string{"ConfigMap/after-cycle"},
			diags:     []diag{{normalizers.SeverityError, 6, "alias *d refers to a node that contains it"}},
		},
		{
			file:      "invalid/duplicate-keys.yaml",
			addresses: []string{"Pod/dup"},
			diags:     []diag{{normalizers.SeverityWarning, 11, `duplicate key "privileged" (first at line 10)`}},
		},
		{
			file:      "invalid/not-objects.yaml",
			addresses: []string{"ConfigMap/kept", "Pod/valid"},
			diags: []diag{
				{normalizers.SeverityWarning, 2, "document is a string"},
				{normalizers.SeverityWarning, 4, "document has no apiVersion or kind"},
				{normalizers.SeverityWarning, 7, "document has no kind"},
				{normalizers.SeverityWarning, 11, "document is a sequence"},
				{normalizers.SeverityWarning, 21, "item 1 of List is a string"},
				{normalizers.SeverityWarning, 22, "item 2 of List has no apiVersion"},
			},
		},
		{
			file: "invalid/bad-values.yaml",
			diags: []diag{
				{normalizers.SeverityError, 6, `cannot decode "three" as !!int`},
				{normalizers.SeverityError, 13, "merge key << needs a mapping"},
				{normalizers.SeverityError, 19, "unknown anchor 'missing'"},
				{normalizers.SeverityError, 26, "found character that cannot start any token"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, diags := normalize(t, tt.file, readTestdata(t, tt.file))
			var addrs []string
			for _, r := range doc.Resources {
				addrs = append(addrs, r.Address)
			}
			if diff := cmp.Diff(tt.addresses, addrs); diff != "" {
				t.Errorf("addresses (-want +got):\n%s", diff)
			}
			if len(diags) != len(tt.diags) {
				t.Fatalf("diagnostics: %v, want %d", diags, len(tt.diags))
			}
			for i, want := range tt.diags {
				d := diags[i]
				if d.Severity != want.Severity || d.Line != want.Line || d.Path != tt.file || !strings.Contains(d.Message, want.Contains) {
					t.Errorf("diagnostic %d = %+v, want %+v", i, d, want)
				}
			}
		})
	}
}

// TestAliasBombBounded checks that a "billion laughs" document costs a
// bounded amount of memory and leaves the other documents of its file alone.
func TestAliasBombBounded(t *testing.T) {
	content := readTestdata(t, "invalid/alias-bomb.yaml")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	doc, diags := normalize(t, "bomb.yaml", content)
	runtime.ReadMemStats(&after)
	if len(diags) != 1 || diags[0].Severity != normalizers.SeverityError || len(doc.Resources) != 1 {
		t.Fatalf("diagnostics %v, %d resources; want one error and the survivor", diags, len(doc.Resources))
	}
	// Expanded in full, the bomb would need tens of gigabytes.
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("alias bomb: %d MiB allocated", alloc>>20)
	if alloc > 1<<30 {
		t.Errorf("alias bomb allocated %d MiB", alloc>>20)
	}
}

// TestLineEndings checks that CRLF line endings and byte order marks give
// the same documents as the plain file.
func TestLineEndings(t *testing.T) {
	for _, name := range []string{"valid/multi-doc.yaml", "valid/anchors.yaml", "valid/pod.json", "valid/kubectl-get.yaml"} {
		plain := readTestdata(t, name)
		want, _ := normalize(t, name, plain)
		variants := map[string][]byte{
			"CRLF":       bytes.ReplaceAll(plain, []byte("\n"), []byte("\r\n")),
			"BOM":        append([]byte("\ufeff"), plain...),
			"BOM+CRLF":   append([]byte("\ufeff"), bytes.ReplaceAll(plain, []byte("\n"), []byte("\r\n"))...),
			"UTF-16":     utf16LE(string(plain)),
			"no newline": bytes.TrimRight(plain, "\n"),
		}
		for variant, content := range variants {
			t.Run(name+"/"+variant, func(t *testing.T) {
				if !New().Detect(name, content) {
					t.Error("not detected")
				}
				got, diags := normalize(t, name, content)
				if len(diags) != 0 {
					t.Fatalf("diagnostics: %v", diags)
				}
				if diff := cmp.Diff(want.Input(), got.Input()); diff != "" {
					t.Errorf("documents differ (-plain +%s):\n%s", variant, diff)
				}
			})
		}
	}
}

func TestEmptyInputs(t *testing.T) {
	for _, src := range []string{"", "\n", "# only a comment\n", "---\n", "---\n# c\n---\n...\n", "\ufeff"} {
		doc, diags := normalize(t, "empty.yaml", []byte(src))
		if len(doc.Resources) != 0 || len(diags) != 0 {
			t.Errorf("%q: %d resources, diagnostics %v", src, len(doc.Resources), diags)
		}
	}
}

// TestYAML11Booleans checks that values Kubernetes reads as booleans are
// booleans.
func TestYAML11Booleans(t *testing.T) {
	src := "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: yes\n  hostIPC: On\n  hostNetwork: \"yes\"\n"
	doc, _ := normalize(t, "p.yaml", []byte(src))
	spec := doc.Resources[0].Config["spec"].(map[string]any)
	want := map[string]any{"hostPID": true, "hostIPC": true, "hostNetwork": "yes"}
	if diff := cmp.Diff(want, spec); diff != "" {
		t.Errorf("spec (-want +got):\n%s", diff)
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	docs, diags := New().Normalize(ctx, normalizers.File{Path: "a.yaml", Content: readTestdata(t, "valid/multi-doc.yaml")})
	if len(docs) != 1 || len(docs[0].Resources) != 0 {
		t.Errorf("cancelled Normalize returned resources")
	}
	if len(diags) != 1 || diags[0].Severity != normalizers.SeverityError || !strings.Contains(diags[0].Message, "context canceled") {
		t.Errorf("diagnostics %v, want one cancellation error", diags)
	}
}

// TestConfigIsPlainJSON checks every value of every valid test file.
func TestConfigIsPlainJSON(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "valid", "*"))
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := normalize(t, file, content)
		for _, r := range doc.Resources {
			normtest.CheckPlain(t, r.Address, r.Config)
		}
	}
}
