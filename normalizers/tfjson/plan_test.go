package tfjson

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/normalizers"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// normalizeOne normalizes a file that must give one document and no
// diagnostics, and indexes its resources by address.
func normalizeOne(t *testing.T, n normalizers.Normalizer, path string, content []byte) (*normalizers.Document, map[string]*normalizers.Resource) {
	t.Helper()
	docs, diags := n.Normalize(context.Background(), normalizers.File{Path: path, Content: content})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	byAddr := map[string]*normalizers.Resource{}
	for _, r := range docs[0].Resources {
		byAddr[r.Address] = r
	}
	return docs[0], byAddr
}

func TestPlanFull(t *testing.T) {
	doc, rs := normalizeOne(t, NewPlan(), "plans/prod.json", readTestdata(t, "valid/plan-full.json"))
	if doc.Kind != "terraform-plan" || doc.Path != "plans/prod.json" {
		t.Fatalf("document kind %q path %q", doc.Kind, doc.Path)
	}
	wantAddrs := []string{
		"aws_db_instance.main",
		"aws_kms_key.logs",
		"aws_s3_bucket_server_side_encryption_configuration.logs",
		"aws_security_group.ssh",
		`aws_ssm_parameter.config["db_host"]`,
		`aws_ssm_parameter.config["db_name"]`,
		"data.aws_iam_policy_document.logs",
		"module.assets.aws_s3_bucket.this[0]",
		"module.assets.aws_s3_bucket.this[1]",
		"module.assets.aws_s3_bucket_public_access_block.this[0]",
		"module.assets.aws_s3_bucket_public_access_block.this[1]",
		"module.logs.aws_s3_bucket.this[0]",
		"module.logs.aws_s3_bucket.this[1]",
		"module.logs.aws_s3_bucket_public_access_block.this[0]",
		"module.logs.aws_s3_bucket_public_access_block.this[1]",
		"data.aws_vpc.default",
		"provider.aws",
		"terraform",
		"provider.aws.us",
	}
	var got []string
	for _, r := range doc.Resources {
		got = append(got, r.Address)
		if r.Location.Path != "plans/prod.json" || r.Location.StartLine < 1 || r.Location.EndLine < r.Location.StartLine {
			t.Errorf("%s: location %+v", r.Address, r.Location)
		}
	}
	if diff := cmp.Diff(wantAddrs, got); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}

	sg := rs["aws_security_group.ssh"]
	ingress := sg.Config["ingress"].([]any)[0].(map[string]any)
	if ingress["from_port"] != int64(22) || ingress["cidr_blocks"].([]any)[0] != "0.0.0.0/0" {
		t.Errorf("ingress = %v", ingress)
	}
	if _, ok := sg.Config["arn"]; ok || !slices.Contains(sg.Unknown, "arn") {
		t.Errorf("arn: config %v, unknown %v", sg.Config["arn"], sg.Unknown)
	}
	if diff := cmp.Diff(map[string][]string{"vpc_id": {"data.aws_vpc.default"}}, sg.References); diff != "" {
		t.Errorf("security group references (-want +got):\n%s", diff)
	}
	if sg.Type != "aws_security_group" || sg.Provider != "aws" {
		t.Errorf("type %q provider %q", sg.Type, sg.Provider)
	}

	db := rs["aws_db_instance.main"]
	if db.Config["password"] != "(sensitive)" {
		t.Errorf("password = %v", db.Config["password"])
	}
	if got := db.Config["vpc_security_group_ids"]; !cmp.Equal(got, []any{nil}) || !slices.Contains(db.Unknown, "vpc_security_group_ids.0") {
		t.Errorf("vpc_security_group_ids = %v, unknown %v", got, db.Unknown)
	}
	if db.Config["allocated_storage"] != int64(20) {
		t.Errorf("allocated_storage = %#v", db.Config["allocated_storage"])
	}

	sse := rs["aws_s3_bucket_server_side_encryption_configuration.logs"]
	const kmsPath = "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"
	if diff := cmp.Diff(map[string][]string{kmsPath: {"aws_kms_key.logs"}}, sse.References); diff != "" {
		t.Errorf("sse references (-want +got):\n%s", diff)
	}
	if !slices.Contains(sse.Unknown, kmsPath) {
		t.Errorf("sse unknown %v", sse.Unknown)
	}

	pab := rs["module.logs.aws_s3_bucket_public_access_block.this[1]"]
	if got := pab.References["bucket"]; !cmp.Equal(got, []string{"module.logs.aws_s3_bucket.this"}) {
		t.Errorf("public access block bucket references %v", got)
	}

	if got := rs[`aws_ssm_parameter.config["db_name"]`].Config["value"]; got != "(sensitive)" {
		t.Errorf("ssm db_name value = %v", got)
	}
	if _, ok := rs[`aws_ssm_parameter.config["db_host"]`].Config["value"]; ok {
		t.Errorf("unknown ssm db_host value is in config")
	}

	if got := rs["data.aws_vpc.default"].Config["cidr_block"]; got != "172.31.0.0/16" {
		t.Errorf("data.aws_vpc.default cidr_block = %v", got)
	}

	alias := rs["provider.aws.us"]
	if diff := cmp.Diff(map[string]any{
		"alias":        "us",
		"region":       "us-east-1",
		"default_tags": []any{map[string]any{"tags": map[string]any{"Owner": "platform"}}},
	}, alias.Config); diff != "" || alias.Type != "provider" || alias.Provider != "aws" {
		t.Errorf("provider.aws.us type %q provider %q config (-want +got):\n%s", alias.Type, alias.Provider, diff)
	}
	tf := rs["terraform"]
	want := map[string]any{"required_providers": map[string]any{"aws": map[string]any{"source": "hashicorp/aws", "version": "~> 5.0"}}}
	if diff := cmp.Diff(want, tf.Config); diff != "" {
		t.Errorf("terraform config (-want +got):\n%s", diff)
	}

	if diff := cmp.Diff(map[string]any{
		"terraform_version": "1.9.5",
		"variables":         map[string]any{"db_password": "(sensitive)", "environment": "prod"},
	}, doc.Extra); diff != "" {
		t.Errorf("extras (-want +got):\n%s", diff)
	}
}

// TestPlanLines checks attribute lines against the text of the file.
func TestPlanLines(t *testing.T) {
	content := readTestdata(t, "valid/plan-full.json")
	lines := strings.Split(string(content), "\n")
	_, rs := normalizeOne(t, NewPlan(), "plan.json", content)
	tests := []struct {
		addr string
		path []any
		text string // expected on the first line of the result
	}{
		{"aws_security_group.ssh", []any{"ingress", 0, "cidr_blocks", 0}, `"0.0.0.0/0"`},
		{"aws_security_group.ssh", []any{"ingress", 0, "from_port"}, `"from_port": 22`},
		{"aws_db_instance.main", []any{"password"}, `"password":`},
		{"aws_db_instance.main", []any{"publicly_accessible"}, `"publicly_accessible": false`},
		{"module.logs.aws_s3_bucket.this[1]", []any{"tags", "Name"}, `"Name": "logs-1"`},
		{"provider.aws.us", []any{"region"}, `"region"`},
		{"provider.aws.us", []any{"default_tags", 0, "tags", "Owner"}, `"Owner": "platform"`},
		{"terraform", []any{"required_providers", "aws", "version"}, `"version_constraint": "~> 5.0"`},
		{"terraform", []any{"required_providers", "aws", "source"}, `"full_name"`},
		{"aws_db_instance.main", []any{}, `"address": "aws_db_instance.main"`},
	}
	for _, tt := range tests {
		r := rs[tt.addr]
		loc, ok := r.Lines.Lookup(tt.path)
		if !ok || loc.Path != "plan.json" || loc.StartLine < r.Location.StartLine || loc.EndLine > r.Location.EndLine {
			t.Errorf("%s Lookup(%v) = %+v %v, resource at %+v", tt.addr, tt.path, loc, ok, r.Location)
			continue
		}
		if tt.addr != "aws_db_instance.main" || len(tt.path) > 0 {
			if line := lines[loc.StartLine-1]; !strings.Contains(line, tt.text) {
				t.Errorf("%s Lookup(%v) = line %d %q, want it to contain %q", tt.addr, tt.path, loc.StartLine, line, tt.text)
			}
		} else if line := lines[loc.StartLine]; !strings.Contains(line, tt.text) {
			t.Errorf("%s: the line after %d is %q, want %q", tt.addr, loc.StartLine, line, tt.text)
		}
	}
	// An attribute that is not there resolves to the resource.
	r := rs["aws_kms_key.logs"]
	if loc, ok := r.Lines.Lookup([]any{"no_such_attribute"}); ok || loc != r.Location {
		t.Errorf("Lookup(no_such_attribute) = %+v %v", loc, ok)
	}
}

func TestPlanCompactLines(t *testing.T) {
	_, rs := normalizeOne(t, NewPlan(), "p.json", readTestdata(t, "valid/plan-compact.json"))
	for addr, r := range rs {
		if r.Location.StartLine != 1 || r.Location.EndLine != 1 {
			t.Errorf("%s: location %+v in a one-line file", addr, r.Location)
		}
	}
	p := rs["module.net.provider.aws.east"]
	if p == nil || !cmp.Equal(p.Unknown, []string{"assume_role.0.role_arn"}) {
		t.Fatalf("module provider %+v", p)
	}
	if rs["module.net.terraform"] == nil {
		t.Errorf("no module.net.terraform resource")
	}
}

func TestRefTarget(t *testing.T) {
	tests := []struct {
		ref, prefix, want string
	}{
		{"aws_s3_bucket.b", "", "aws_s3_bucket.b"},
		{"aws_s3_bucket.b.id", "", "aws_s3_bucket.b"},
		{"aws_s3_bucket.b[0].id", "", "aws_s3_bucket.b"},
		{`aws_s3_bucket.b["k"]`, "module.m.", "module.m.aws_s3_bucket.b"},
		{"data.aws_iam_policy_document.p.json", "", "data.aws_iam_policy_document.p"},
		{`data.aws_iam_policy_document.p["x"]`, "module.a.module.b.", "module.a.module.b.data.aws_iam_policy_document.p"},
		{"my-type_x.name-1", "", "my-type_x.name-1"},
		{"var.x", "", ""},
		{"local.x", "", ""},
		{"module.m.out", "", ""},
		{"module.m", "", ""},
		{"count.index", "", ""},
		{"each.value", "", ""},
		{"path.module", "", ""},
		{"self.id", "", ""},
		{"terraform.workspace", "", ""},
		{"data.x", "", ""},
		{"aws_s3_bucket", "", ""},
		{"aws_s3_bucket[0]", "", ""},
		{"1abc.x", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		got, ok := refTarget(tt.ref, tt.prefix)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("refTarget(%q, %q) = %q %v, want %q", tt.ref, tt.prefix, got, ok, tt.want)
		}
	}
}

func TestAddresses(t *testing.T) {
	strip := map[string]string{
		"aws_s3_bucket.b":                              "aws_s3_bucket.b",
		"aws_s3_bucket.b[0]":                           "aws_s3_bucket.b",
		`module.m["a.b]"].aws_s3_bucket.b["x\"]"]`:     "module.m.aws_s3_bucket.b",
		`module.m[1].module.n["k"].data.aws_vpc.v[12]`: "module.m.module.n.data.aws_vpc.v",
		"broken[": "broken",
	}
	for in, want := range strip {
		if got := stripKeys(in); got != want {
			t.Errorf("stripKeys(%q) = %q, want %q", in, got, want)
		}
	}
	quote := map[string]string{
		"a":        `"a"`,
		`q"\`:      `"q\"\\"`,
		"nl\n\x01": `"nl\n\u0001"`,
		"${x}%{y}": `"$${x}%%{y}"`,
		"é":        `"é"`,
	}
	for in, want := range quote {
		if got := quoteKey(in); got != want {
			t.Errorf("quoteKey(%q) = %s, want %s", in, got, want)
		}
	}
	providers := map[string]string{
		`provider["registry.terraform.io/hashicorp/aws"]`:                "aws",
		`provider["registry.terraform.io/hashicorp/aws"].west`:           "aws",
		`module.m.provider["registry.terraform.io/integrations/github"]`: "github",
		"provider.aws":              "aws",
		"provider.aws.west":         "aws",
		"module.m.provider.google":  "google",
		"module.m.provider.aws.eu":  "aws",
		"nonsense":                  "",
		`provider["unterminated`:    "",
		"myprovider.notaprovider.x": "",
	}
	for in, want := range providers {
		if got := stateProviderName(in); got != want {
			t.Errorf("stateProviderName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRemoveUnknownAndRedact(t *testing.T) {
	config := map[string]any{
		"name":  "x",
		"arn":   nil,
		"rule":  []any{map[string]any{"id": "r", "filter": []any{"a", "b"}}},
		"tags":  map[string]any{"secret": "s", "Name": "n"},
		"list":  []any{"a", "b"},
		"token": nil,
	}
	unknown := map[string]any{
		"arn":  true,
		"rule": []any{map[string]any{"id": true, "filter": []any{false, true}}},
		"new":  true,
		"tags": map[string]any{},
	}
	got := removeUnknown(config, unknown, "", nil)
	if diff := cmp.Diff([]string{"arn", "new", "rule.0.filter.1", "rule.0.id"}, got); diff != "" {
		t.Errorf("unknown paths (-want +got):\n%s", diff)
	}
	redactMask(config, map[string]any{"tags": map[string]any{"secret": true}, "list": true, "token": true, "missing": true})
	want := map[string]any{
		"name":  "x",
		"rule":  []any{map[string]any{"filter": []any{"a", nil}}},
		"tags":  map[string]any{"secret": "(sensitive)", "Name": "n"},
		"list":  "(sensitive)",
		"token": nil,
	}
	if diff := cmp.Diff(want, config); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
}

func TestContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	docs, diags := NewPlan().Normalize(ctx, normalizers.File{Path: "p.json", Content: readTestdata(t, "valid/plan-full.json")})
	if len(docs) != 1 || len(diags) != 1 || !strings.Contains(diags[0].Message, "reading stopped") {
		t.Fatalf("docs %d, diags %v", len(docs), diags)
	}
	docs, diags = NewState().Normalize(ctx, normalizers.File{Path: "s.json", Content: readTestdata(t, "valid/state-full.json")})
	if len(docs) != 1 || len(docs[0].Resources) != 0 || len(diags) != 1 {
		t.Fatalf("state: docs %v, diags %v", docs, diags)
	}
}

func TestPanicIsReported(t *testing.T) {
	docs, diags := normalize(context.Background(), normalizers.File{Path: "p.json", Content: []byte("{}")}, PlanName,
		nil, func(*builder, val) bool { panic("boom") })
	if len(docs) != 0 || len(diags) != 1 || diags[0].Severity != normalizers.SeverityError ||
		!strings.Contains(diags[0].Message, "internal error") || diags[0].Line != 1 {
		t.Fatalf("docs %v, diags %v", docs, diags)
	}
}
