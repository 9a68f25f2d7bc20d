package cloudformation

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/normalizers"
)

// normalizeFile normalizes a file of testdata on its own.
func normalizeFile(t *testing.T, path string, opts Options) (*normalizers.Document, []normalizers.Diagnostic) {
	t.Helper()
	content, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	docs, diags := New(opts).Normalize(context.Background(), normalizers.File{Path: path, Content: content})
	if len(docs) != 1 {
		t.Fatalf("%s: %d documents", path, len(docs))
	}
	return docs[0], diags
}

// resource returns the resource of doc at addr.
func resource(t *testing.T, doc *normalizers.Document, addr string) *normalizers.Resource {
	t.Helper()
	for _, r := range doc.Resources {
		if r.Address == addr {
			return r
		}
	}
	t.Fatalf("%s: no resource %s", doc.Path, addr)
	return nil
}

func TestParameterOverride(t *testing.T) {
	doc, _ := normalizeFile(t, "valid/parameters.yaml", Options{})
	bucket := resource(t, doc, "Bucket")
	if _, ok := bucket.Config["BucketEncryption"]; ok {
		t.Errorf("EncryptionEnabled=false (default): BucketEncryption = %v, want absent", bucket.Config["BucketEncryption"])
	}
	if got := doc.Extra["inactive"]; !reflect.DeepEqual(got, []any{"LogGroup"}) {
		t.Errorf("inactive = %v, want [LogGroup]", got)
	}

	doc, _ = normalizeFile(t, "valid/parameters.yaml", Options{Parameters: map[string]any{"EncryptionEnabled": "true", "CreateLogs": "yes", "Retention": "7"}})
	bucket = resource(t, doc, "Bucket")
	want := map[string]any{"ServerSideEncryptionConfiguration": []any{
		map[string]any{"ServerSideEncryptionByDefault": map[string]any{"SSEAlgorithm": "aws:kms"}},
	}}
	if diff := cmp.Diff(want, bucket.Config["BucketEncryption"]); diff != "" {
		t.Errorf("EncryptionEnabled=true: BucketEncryption (-want +got):\n%s", diff)
	}
	if got := doc.Extra["inactive"]; !reflect.DeepEqual(got, []any{}) {
		t.Errorf("inactive = %v, want []", got)
	}
	if got := resource(t, doc, "LogGroup").Config["RetentionInDays"]; got != int64(7) {
		t.Errorf("RetentionInDays = %#v, want int64(7) (Number parameter)", got)
	}
}

func TestLines(t *testing.T) {
	doc, _ := normalizeFile(t, "valid/parameters.yaml", Options{Parameters: map[string]any{"EncryptionEnabled": "true"}})
	tests := []struct {
		addr       string
		path       []any
		start, end int
		ok         bool
	}{
		{"Bucket", []any{}, 31, 45, true},
		// Inside the Fn::If branch that was chosen.
		{"Bucket", []any{"BucketEncryption"}, 38, 43, true},
		{"Bucket", []any{"BucketEncryption", "ServerSideEncryptionConfiguration", 0}, 41, 42, true},
		{"Bucket", []any{"BucketEncryption", "ServerSideEncryptionConfiguration", "0", "ServerSideEncryptionByDefault", "SSEAlgorithm"}, 42, 42, true},
		{"Bucket", []any{"VersioningConfiguration", "Status"}, 45, 45, true},
		// Deepest known prefix, and the resource for an absent attribute.
		{"Bucket", []any{"VersioningConfiguration", "MFADelete"}, 44, 45, true},
		{"Bucket", []any{"LoggingConfiguration"}, 31, 45, false},
		{"Database", []any{"Tags", 0, "Value"}, 63, 63, true},
		{"Database", []any{"MasterUserPassword"}, 59, 59, true},
	}
	for _, tt := range tests {
		loc, ok := resource(t, doc, tt.addr).Lines.Lookup(tt.path)
		if loc.StartLine != tt.start || loc.EndLine != tt.end || ok != tt.ok || loc.Path != "valid/parameters.yaml" {
			t.Errorf("%s: Lookup(%v) = %+v, %v; want lines %d-%d, %v", tt.addr, tt.path, loc, ok, tt.start, tt.end, tt.ok)
		}
	}
}

func TestReferences(t *testing.T) {
	doc, _ := normalizeFile(t, "valid/intrinsics.yaml", Options{})
	tests := []struct {
		addr string
		want map[string][]string
	}{
		{"Subnet", map[string][]string{
			"VpcId":         {"Vpc"}, // Ref
			"Ipv6CidrBlock": {"Vpc"}, // !GetAtt Vpc.Ipv6CidrBlocks inside !Cidr
			"Tags.3.Value":  {"Vpc"}, // ${Vpc.CidrBlock} in !Sub
		}},
		{"Instance", map[string][]string{"SubnetId": {"Subnet"}}}, // !GetAtt [Subnet, SubnetId]
		{"Vpc", map[string][]string{}},                            // parameters and pseudo parameters are not references
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, resource(t, doc, tt.addr).References); diff != "" {
			t.Errorf("%s references (-want +got):\n%s", tt.addr, diff)
		}
	}
	doc, _ = normalizeFile(t, "valid/intrinsics.json", Options{})
	refs := resource(t, doc, "Subnet").References
	if !reflect.DeepEqual(refs["depends_on"], []string{"Vpc"}) || !reflect.DeepEqual(refs["Tags.2.Value"], []string{"Vpc"}) {
		t.Errorf("Subnet references = %v, want depends_on and ${Vpc}/${Vpc.CidrBlock} in Fn::Sub", refs)
	}
}

// TestSecrets checks that NoEcho parameter values and dynamic references
// are never printed.
func TestSecrets(t *testing.T) {
	for _, tc := range []struct {
		file    string
		opts    Options
		secrets []string
	}{
		{"valid/parameters.yaml", Options{Parameters: map[string]any{"MasterPassword": "from-the-params-file"}}, []string{"from-the-params-file", "t0ken-default"}},
		{"valid/intrinsics.yaml", Options{}, []string{"hunter2"}},
		{"valid/intrinsics.json", Options{}, []string{"hunter2"}},
	} {
		doc, diags := normalizeFile(t, tc.file, tc.opts)
		out, err := json.Marshal([]any{doc.Input(), diags})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range tc.secrets {
			if strings.Contains(string(out), s) {
				t.Errorf("%s: the output holds the NoEcho value %q", tc.file, s)
			}
		}
		if !strings.Contains(string(out), redacted) {
			t.Errorf("%s: no %s in the output", tc.file, redacted)
		}
	}
	// Nor in warnings about values computed from them.
	src := `Parameters:
  Key: {Type: String, NoEcho: true, Default: s3cr3t-key}
  Net: {Type: String, NoEcho: true, Default: "s3cr3t/99"}
Mappings:
  M: {a: {b: c}}
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      A: !FindInMap [M, !Ref Key, b]
      B: !Cidr [!Ref Net, 2, 8]
      C: !Select [0, !Cidr [!Sub "10.0.0.0/${Net}", 1, 8]]
      D: !Equals [!Ref Key, x]
`
	docs, diags := New(Options{}).Normalize(context.Background(), normalizers.File{Path: "s.yaml", Content: []byte(src)})
	out, _ := json.Marshal([]any{docs[0].Input(), diags})
	if strings.Contains(string(out), "s3cr3t") || len(diags) < 3 {
		t.Errorf("NoEcho values in warnings: %s", out)
	}

	doc, _ := normalizeFile(t, "valid/dynamic-refs.yaml", Options{})
	db := resource(t, doc, "Db")
	for _, attr := range []string{"MasterUsername", "MasterUserPassword", "DBName"} {
		if v, ok := db.Config[attr]; ok {
			t.Errorf("dynamic reference %s = %v, want unknown", attr, v)
		}
	}
	if !reflect.DeepEqual(db.Unknown, []string{"DBName", "MasterUserPassword", "MasterUsername"}) {
		t.Errorf("unknown = %v", db.Unknown)
	}
}

func TestYAMLBooleans(t *testing.T) {
	src := "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n" +
		"      A: yes\n      B: Off\n      C: 'yes'\n      D: y\n      E: N\n      F: true\n      on: key\n"
	docs, diags := New(Options{}).Normalize(context.Background(), normalizers.File{Path: "t.yaml", Content: []byte(src)})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := map[string]any{"A": true, "B": false, "C": "yes", "D": "y", "E": "N", "F": true, "on": "key"}
	if diff := cmp.Diff(want, docs[0].Resources[0].Config); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
}

func TestCidr(t *testing.T) {
	tests := []struct {
		in    string
		count int
		bits  int
		want  []any
		ok    bool
	}{
		{"192.168.0.0/24", 6, 5, []any{"192.168.0.0/27", "192.168.0.32/27", "192.168.0.64/27", "192.168.0.96/27", "192.168.0.128/27", "192.168.0.160/27"}, true},
		{"10.0.0.0/16", 2, 8, []any{"10.0.0.0/24", "10.0.1.0/24"}, true},
		{"10.0.5.7/16", 1, 16, []any{"10.0.0.0/16"}, true},
		{"10.0.0.0/24", 256, 0, nil, true},
		{"10.0.0.0/24", 2, 8, nil, false},
		{"2001:db8::/56", 2, 64, []any{"2001:db8::/64", "2001:db8:0:1::/64"}, true},
	}
	for _, tt := range tests {
		got, ok := cidrs(mustPrefix(t, tt.in), tt.count, tt.bits)
		if ok != tt.ok {
			t.Errorf("cidrs(%s, %d, %d) ok = %v", tt.in, tt.count, tt.bits, ok)
			continue
		}
		if tt.want != nil && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("cidrs(%s, %d, %d) = %v, want %v", tt.in, tt.count, tt.bits, got, tt.want)
		}
		if tt.want == nil && ok && len(got) != tt.count {
			t.Errorf("cidrs(%s, %d, %d): %d blocks", tt.in, tt.count, tt.bits, len(got))
		}
	}
}

func TestParseSub(t *testing.T) {
	tests := []struct {
		in   string
		want []subPart
	}{
		{"plain", []subPart{{text: "plain"}}},
		{"${A}-${ B.C }", []subPart{{text: "A", isVar: true}, {text: "-"}, {text: "B.C", isVar: true}}},
		{"${!Literal}${A}", []subPart{{text: "${Literal}"}, {text: "A", isVar: true}}},
		{"a${}b${", []subPart{{text: "a${}b${"}}},
		{"arn:${AWS::Partition}:s3", []subPart{{text: "arn:"}, {text: "AWS::Partition", isVar: true}, {text: ":s3"}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, parseSub(tt.in), cmp.AllowUnexported(subPart{})); diff != "" {
			t.Errorf("parseSub(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestSingleFileNested checks that Normalize, which has no scanned
// directory, leaves local nested stacks unread.
func TestSingleFileNested(t *testing.T) {
	doc, _ := normalizeFile(t, "tree/nested/main.yaml", Options{})
	for _, r := range doc.Resources {
		if strings.Contains(r.Address, ".") {
			t.Errorf("nested resource %s read without a tree", r.Address)
		}
	}
	first := doc.Extra["nested_stacks"].([]any)[0].(map[string]any)
	if first["resolved"] != false || first["reason"] != errNoTree.Error() {
		t.Errorf("nested stack entry = %v", first)
	}
}

// writeTree writes files below a temporary directory and returns it with
// the files as discovery hands them over.
func writeTree(t *testing.T, files map[string]string) (string, []normalizers.File) {
	t.Helper()
	root := t.TempDir()
	var out []normalizers.File
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, normalizers.File{Path: normalizers.DisplayPath(p), Content: []byte(content)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return root, out
}

func stackTemplate(children ...string) string {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n")
	for i, c := range children {
		fmt.Fprintf(&b, "  S%d:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: %s\n", i, c)
	}
	return b.String()
}

func TestNestedLimits(t *testing.T) {
	t.Run("depth", func(t *testing.T) {
		files := map[string]string{}
		for i := 0; i < 13; i++ {
			files[fmt.Sprintf("d%02d.yaml", i)] = stackTemplate(fmt.Sprintf("d%02d.yaml", i+1))
		}
		files["d13.yaml"] = stackTemplate()
		root, list := writeTree(t, files)
		docs, diags := New(Options{}).NormalizeTree(context.Background(), root, list)
		// d00 to d10 in the first document; the templates below the limit
		// are scanned as a root of their own.
		if len(docs) != 2 || !strings.HasSuffix(docs[1].Path, "d11.yaml") {
			t.Fatalf("%d documents, want d00.yaml and d11.yaml", len(docs))
		}
		if n := len(docs[0].Resources); n != 2*(maxDepth+1) {
			t.Errorf("%d resources, want %d", n, 2*(maxDepth+1))
		}
		if len(diags) != 1 || diags[0].Severity != normalizers.SeverityError || !strings.Contains(diags[0].Message, "nested deeper than 10") {
			t.Errorf("diagnostics = %v, want one error about the depth", diags)
		}
	})
	t.Run("fan-out", func(t *testing.T) {
		files := map[string]string{}
		for i := 0; i < 8; i++ {
			next := fmt.Sprintf("f%d.yaml", i+1)
			files[fmt.Sprintf("f%d.yaml", i)] = stackTemplate(next, next, next)
		}
		files["f8.yaml"] = stackTemplate()
		root, list := writeTree(t, files)
		docs, diags := New(Options{}).NormalizeTree(context.Background(), root, list)
		if len(docs) != 1 {
			t.Fatalf("%d documents, want 1", len(docs))
		}
		found := false
		for _, d := range diags {
			found = found || strings.Contains(d.Message, fmt.Sprintf("more than %d stacks", maxStacks))
		}
		if !found {
			t.Errorf("no diagnostic about the stack budget in %v", diags[:min(len(diags), 3)])
		}
	})
	t.Run("symlink out of the tree", func(t *testing.T) {
		outside := filepath.Join(t.TempDir(), "outside.yaml")
		if err := os.WriteFile(outside, []byte(stackTemplate()), 0o644); err != nil {
			t.Fatal(err)
		}
		root, list := writeTree(t, map[string]string{"main.yaml": stackTemplate("link.yaml")})
		if err := os.Symlink(outside, filepath.Join(root, "link.yaml")); err != nil {
			t.Skip(err)
		}
		docs, diags := New(Options{}).NormalizeTree(context.Background(), root, list)
		entry := docs[0].Extra["nested_stacks"].([]any)[0].(map[string]any)
		if entry["resolved"] != false || len(diags) != 1 || !strings.Contains(diags[0].Message, "outside the scanned path") {
			t.Errorf("nested stack through a symlink: %v, %v", entry, diags)
		}
	})
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	content, err := os.ReadFile("testdata/valid/parameters.yaml")
	if err != nil {
		t.Fatal(err)
	}
	docs, diags := New(Options{}).Normalize(ctx, normalizers.File{Path: "p.yaml", Content: content})
	if len(docs) != 1 || len(docs[0].Resources) != 0 || len(diags) != 1 || !strings.Contains(diags[0].Message, "reading stopped") {
		t.Errorf("cancelled: %d documents, diagnostics %v", len(docs), diags)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		path, content string
		want          bool
	}{
		{"a.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", true},
		{"a.yml", "# comment\n---\nResources:\n  B:\n    Type: AWS::S3::Bucket\n", true},
		{"a.template", "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}", true},
		{"a.json", "{\n  \"Description\": \"x\",\n  \"AWSTemplateFormatVersion\": \"2010-09-09\"\n}", true},
		{"a.yaml", "Resources:\n  Skill:\n    Type: 'Alexa::ASK::Skill'\n", true},
		{"a.yaml", "Resources:\n  C:\n    Type: \"Custom::Thing\"\n", true},
		{"a.yaml", "  AWSTemplateFormatVersion: '2010-09-09'\n  Resources: {}\n", true},
		{"a.yaml", "{AWSTemplateFormatVersion: 2010-09-09, Resources: {}}", true},
		{"a.YAML", "AWSTemplateFormatVersion: '2010-09-09'\n", true},
		// Not by name alone, nor by extension alone.
		{"template.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Resources\n", false},
		{"a.txt", "AWSTemplateFormatVersion: '2010-09-09'\n", false},
		// Other formats.
		{"deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    metadata:\n      labels: {Type: AWS::S3::Bucket}\n", false},
		{"compose.yaml", "services:\n  web:\n    image: nginx\n    labels:\n      Type: AWS::Thing\n", false},
		{"site.yml", "- hosts: all\n  tasks:\n    - cloudformation:\n        template: x.json\n        Resources:\n          Type: AWS::S3::Bucket\n", false},
		{"serverless.yml", "service: x\nresources:\n  Resources:\n    B:\n      Type: AWS::S3::Bucket\n", false},
		{"plan.json", `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "aws_cloudformation_stack", "values": {"template_body": "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}"}}]}}}`, false},
		{"x.json", `{"Resources": {"B": {"Type": "Microsoft.Storage"}}}`, false},
		{"x.json", `{"Outputs": {"AWSTemplateFormatVersion": 1}}`, false},
		{"x.yaml", "Resources:\n  B:\n    Type: Microsoft.Storage\nOther:\n  Type: AWS::S3::Bucket\n", false},
		{"x.json", `[{"ParameterKey": "Resources", "ParameterValue": "AWS::S3::Bucket"}]`, false},
	}
	n := New(Options{})
	for _, tt := range tests {
		if got := n.Detect(tt.path, []byte(tt.content)); got != tt.want {
			t.Errorf("Detect(%s, %q) = %v, want %v", tt.path, tt.content, got, tt.want)
		}
	}
}

func mustPrefix(t *testing.T, s string) netip.Prefix {
	t.Helper()
	p, err := netip.ParsePrefix(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLargeMappings checks that mappings with more members than
// maxIndexedKeys are read (their members placed at the mapping instead of
// their own lines, which would take quadratic time).
func TestLargeMappings(t *testing.T) {
	const n = 3 * maxIndexedKeys
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  R%d:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Sub 't${AWS::Partition}%d'}\n", i, i)
	}
	content := []byte(b.String())
	docs, diags := New(Options{}).Normalize(context.Background(), normalizers.File{Path: "big.yaml", Content: content})
	checkTree(t, map[string][]byte{"big.yaml": content}, docs, diags)
	if len(diags) != 0 || len(docs[0].Resources) != n {
		t.Fatalf("%d resources, diagnostics %v", len(docs[0].Resources), diags)
	}
	if got := resource(t, docs[0], "R7").Config["TopicName"]; got != "taws7" {
		t.Errorf("TopicName = %v", got)
	}
}
