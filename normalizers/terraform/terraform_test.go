package terraform

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/normalizers"
)

// fixture normalizes a fixture with its options from the fixtures table,
// or with opts when given.
func fixture(t *testing.T, name string, opts ...Options) ([]*normalizers.Document, []normalizers.Diagnostic) {
	t.Helper()
	o := fixtures[name]
	if len(opts) > 0 {
		o = opts[0]
	}
	docs, diags := normalizeFixture(t, name, o)
	for _, d := range docs {
		checkDocument(t, d)
		checkNoSecret(t, d)
	}
	return docs, diags
}

// resource returns the resource with the given address.
func resource(t *testing.T, docs []*normalizers.Document, addr string) *normalizers.Resource {
	t.Helper()
	for _, d := range docs {
		for _, r := range d.Resources {
			if r.Address == addr {
				return r
			}
		}
	}
	var have []string
	for _, d := range docs {
		for _, r := range d.Resources {
			have = append(have, r.Address)
		}
	}
	t.Fatalf("no resource %s; have %v", addr, have)
	return nil
}

// get reads a dotted path (list indexes as numbers) in a config.
func get(v any, path string) (any, bool) {
	if path == "" {
		return v, true
	}
	for _, el := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[el]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(el)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// want is an expected value at a path of a resource's config.
type want struct {
	addr, path string
	value      any
}

// checkValues compares config values.
func checkValues(t *testing.T, docs []*normalizers.Document, wants []want) {
	t.Helper()
	for _, w := range wants {
		r := resource(t, docs, w.addr)
		got, ok := get(r.Config, w.path)
		if !ok {
			t.Errorf("%s: no %s in config (unknown: %v)", w.addr, w.path, r.Unknown)
			continue
		}
		if diff := cmp.Diff(w.value, got); diff != "" {
			t.Errorf("%s %s (-want +got):\n%s", w.addr, w.path, diff)
		}
	}
}

// checkUnknown asserts that paths are listed as unknown and absent from
// the config.
func checkUnknown(t *testing.T, docs []*normalizers.Document, addr string, paths ...string) {
	t.Helper()
	r := resource(t, docs, addr)
	for _, p := range paths {
		if !slices.Contains(r.Unknown, p) {
			t.Errorf("%s: %s not in unknown %v", addr, p, r.Unknown)
		}
		if v, ok := get(r.Config, p); ok && v != nil {
			t.Errorf("%s: unknown %s has a value in config: %v", addr, p, v)
		}
	}
}

// hasDiag reports a diagnostic of the given severity whose path ends with
// file, at line (0: any), whose message contains msg.
func hasDiag(diags []normalizers.Diagnostic, sev normalizers.Severity, file string, line int, msg string) bool {
	for _, d := range diags {
		if d.Severity == sev && strings.HasSuffix(d.Path, file) && (line == 0 || d.Line == line) && strings.Contains(d.Message, msg) {
			return true
		}
	}
	return false
}

func TestDetect(t *testing.T) {
	n := New(Options{})
	for path, want := range map[string]bool{
		"main.tf":                true,
		"infra/net/vpc.tf":       true,
		"main.tf.json":           true,
		"override.tf":            true,
		"terraform.tfvars":       false,
		"x.auto.tfvars.json":     false,
		"main.tf.bak":            false,
		"notes.json":             false,
		".tf":                    false,
		"Dockerfile":             false,
		"modules/x/variables.tf": true,
	} {
		if got := n.Detect(path, nil); got != want {
			t.Errorf("Detect(%q) = %v, want %v", path, got, want)
		}
	}
	if n.Name() != "terraform" {
		t.Errorf("Name() = %q", n.Name())
	}
}

func TestVariableSources(t *testing.T) {
	docs, diags := fixture(t, "variables")
	vars := docs[0].Extra["variables"].(map[string]any)
	for name, want := range map[string]any{
		"only_default":    "declared-default",
		"env_only":        "from-env",           // TF_VAR_
		"env_vs_tfvars":   "tfvars",             // terraform.tfvars beats the environment
		"tfvars_vs_json":  "json",               // terraform.tfvars.json after terraform.tfvars
		"auto_order":      "b.auto.tfvars.json", // *.auto.tfvars in lexical order
		"varfile_vs_auto": "varfile",            // --var-file after auto files
		"cli_vs_varfile":  "cli",                // --var last
		"typed_number":    int64(42),            // converted to the declared type
		"typed_list":      []any{"a", "b"},      // parsed as HCL for complex types
		"not_nullable":    "kept",               // null on a non-nullable variable: default
		"nullable_null":   nil,                  // null on a nullable variable: null
		"validated":       "ok",                 // validation blocks ignored
		"db_password":     "(sensitive)",
		"server": map[string]any{ // optional() attributes with defaults
			"name": "web", "size": int64(10), "tags": map[string]any{},
			"disk": map[string]any{"encrypted": true, "gb": int64(20)},
		},
	} {
		if diff := cmp.Diff(want, vars[name]); diff != "" {
			t.Errorf("variables.%s (-want +got):\n%s", name, diff)
		}
	}
	if _, ok := vars["unset"]; ok {
		t.Errorf("variable without a value has one: %v", vars["unset"])
	}
	checkUnknown(t, docs, "var.unset", "value")
	checkUnknown(t, docs, "aws_db_instance.db", "owner")
	checkValues(t, docs, []want{
		{"aws_db_instance.db", "identifier", "web"},
		{"aws_db_instance.db", "size", int64(10)},
		{"aws_db_instance.db", "encrypted", true},
		{"aws_db_instance.db", "port", int64(42)},
		{"var.server", "type", "object({\n    name = string\n    size = optional(number, 10)\n    tags = optional(map(string), {})\n    disk = optional(object({\n      encrypted = optional(bool, true)\n      gb        = number\n    }))\n  })"},
		{"var.unset", "description", "nobody sets this one"},
	})
	if !hasDiag(diags, normalizers.SeverityWarning, "variables/terraform.tfvars", 5, `undeclared variable`) ||
		!hasDiag(diags, normalizers.SeverityWarning, "variables/terraform.tfvars", 5, `"undeclared"`) {
		t.Errorf("no warning for the undeclared variable in terraform.tfvars: %v", diags)
	}
	for _, d := range diags {
		if strings.Contains(d.Message, "TF_VAR_undeclared") || strings.Contains(d.Message, "ignored\"") {
			t.Errorf("environment variables for undeclared variables are not reported: %v", d)
		}
	}
}

func TestSensitive(t *testing.T) {
	docs, _ := fixture(t, "variables")
	checkValues(t, docs, []want{
		{"var.db_password", "default", "(sensitive)"},
		{"var.db_password", "value", "(sensitive)"},
		{"var.db_password", "sensitive", true},
		{"aws_db_instance.db", "password", "(sensitive)"},
		// Derived values stay sensitive.
		{"aws_db_instance.db", "conn", "(sensitive)"},
		{"output.conn", "value", "(sensitive)"},
		{"output.conn", "sensitive", true},
	})
	// checkDocument (run by fixture) also checks that the secret appears
	// nowhere in the output.
}

func TestACLDefaultAndOverride(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"default", Options{}, "public-read"},
		{"--var", Options{Vars: []string{"acl=private"}}, "private"},
		{"TF_VAR_", Options{Env: []string{"TF_VAR_acl=private"}}, "private"},
		{"--var beats TF_VAR_", Options{Env: []string{"TF_VAR_acl=authenticated-read"}, Vars: []string{"acl=private"}}, "private"},
		{"--var-file", Options{VarFiles: []string{writeFile(t, "acl.tfvars", `acl = "private"`)}}, "private"},
		{"--var beats --var-file", Options{VarFiles: []string{writeFile(t, "acl2.tfvars", `acl = "log-delivery-write"`)}, Vars: []string{"acl=private"}}, "private"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, diags := fixture(t, "acl", tt.opts)
			if len(diags) > 0 {
				t.Errorf("diagnostics: %v", diags)
			}
			checkValues(t, docs, []want{{"aws_s3_bucket.b", "acl", tt.want}})
		})
	}
}

// writeFile writes a temporary file and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExpressions(t *testing.T) {
	docs, diags := fixture(t, "expressions")
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	checkValues(t, docs, []want{
		// locals chain, declared out of order
		{"aws_instance.web", "tags.Name", "shop-PRO"},
		// conditionals
		{"aws_instance.web", "instance_type", "m5.large"},
		{"aws_instance.web", "monitoring", true},
		// for expressions, splats
		{"aws_instance.web", "subnets", []any{"a"}},
		{"aws_instance.web", "by_name", map[string]any{"a": "10.0.1.0/24", "b": "10.0.2.0/24"}},
		{"aws_instance.web", "cidrs", []any{"10.0.1.0/24", "10.0.2.0/24"}},
		// heredoc template with a directive
		{"aws_instance.web", "user_data", "Hello shop-PRO\npublic: a\n\n"},
		// path.* relative, never the host's; terraform.workspace
		{"aws_instance.web", "module", "."},
		{"aws_instance.web", "root", "."},
		{"aws_instance.web", "cwd", "."},
		{"aws_instance.web", "workspace", "default"},
		{"aws_iam_policy.p", "policy", `{"Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`},
	})
}

func TestFunctions(t *testing.T) {
	docs, _ := fixture(t, "expressions")
	r := resource(t, docs, "test_functions.f")
	if len(r.Config) < 10 {
		t.Skipf("the function library is not available yet (%d functions evaluated)", len(r.Config))
	}
	checkValues(t, docs, []want{
		{"test_functions.f", "lookup", "fallback"},
		{"test_functions.f", "merge", map[string]any{"a": int64(1), "b": int64(2)}},
		{"test_functions.f", "concat", []any{"a", "b", "c"}},
		{"test_functions.f", "coalesce", "first"},
		{"test_functions.f", "try", "none"},
		{"test_functions.f", "can", false},
		{"test_functions.f", "length", int64(2)},
		{"test_functions.f", "element", "b"},
		{"test_functions.f", "join", "a,b"},
		{"test_functions.f", "split", []any{"a", "b", "c"}},
		{"test_functions.f", "format", "id-007"},
		{"test_functions.f", "lower", "abc"},
		{"test_functions.f", "upper", "ABC"},
		{"test_functions.f", "replace", "a_b_c"},
		{"test_functions.f", "contains", true},
		{"test_functions.f", "keys", []any{"a", "b"}},
		{"test_functions.f", "values", []any{int64(2), int64(1)}},
		{"test_functions.f", "tomap", map[string]any{"a": "1"}},
		{"test_functions.f", "tolist", []any{"a", "b"}},
		{"test_functions.f", "toset", []any{"a", "b"}},
		{"test_functions.f", "jsondecode", map[string]any{"k": []any{int64(1), int64(2)}}},
		{"test_functions.f", "cidrsubnet", "10.0.2.0/24"},
		{"test_functions.f", "file", "{\"Statement\": []}\n"},
		{"test_functions.f", "templatefile", "#!/bin/sh\necho shop\nopen 80\nopen 443\n"},
		{"test_functions.f", "flatten", []any{"a", "b", "c"}},
		{"test_functions.f", "distinct", []any{"a", "b"}},
		{"test_functions.f", "zipmap", map[string]any{"a": int64(1), "b": int64(2)}},
		{"test_functions.f", "range", []any{int64(0), int64(1), int64(2)}},
		{"test_functions.f", "min", int64(1)},
		{"test_functions.f", "max", int64(3)},
		{"test_functions.f", "float", 1.5},
		{"test_functions.f", "big", int64(12345678901234)},
	})
	// Impure functions are unknown.
	checkUnknown(t, docs, "test_functions.f", "timestamp", "uuid")
}

func TestCountAndForEach(t *testing.T) {
	docs, diags := fixture(t, "count_foreach")
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	checkValues(t, docs, []want{
		{"aws_instance.three[0]", "instance_type", "m5.large"},
		{"aws_instance.three[1]", "instance_type", "t3.micro"},
		{"aws_instance.three[2]", "tags.Name", "web-2"},
		{"aws_instance.three[2]", "count", int64(3)},
		{`aws_s3_bucket.map["assets"]`, "acl", "public-read"},
		{`aws_s3_bucket.map["logs"]`, "versioning.0.enabled", true},
		{`aws_s3_bucket.map["logs"]`, "for_each.key", "logs"},
		{`aws_iam_user.set["alice"]`, "path", "/alice/"},
		{`aws_iam_user.set["bob"]`, "name", "bob"},
		// Unknown count: one resource, literal attributes visible.
		{"aws_instance.unknown_count", "instance_type", "t3.micro"},
		{"aws_subnet.s", "map_public_ip_on_launch", true},
	})
	var addrs []string
	for _, r := range docs[0].Resources {
		addrs = append(addrs, r.Address)
	}
	for _, a := range addrs {
		if strings.HasPrefix(a, "aws_instance.none") {
			t.Errorf("count = 0 produced %s", a)
		}
	}
	if n := countPrefix(addrs, "aws_instance.three["); n != 3 {
		t.Errorf("count = 3 gave %d instances: %v", n, addrs)
	}
	checkUnknown(t, docs, "aws_instance.unknown_count", "count", "name")
	checkUnknown(t, docs, "aws_subnet.s", "for_each", "cidr_block")
	// each.value carries the references of the for_each.
	if got := resource(t, docs, "aws_s3_bucket_versioning.v").References["bucket"]; !slices.Equal(got, []string{"aws_s3_bucket.map"}) {
		t.Errorf("each.value.id references %v", got)
	}
}

func countPrefix(list []string, prefix string) int {
	n := 0
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			n++
		}
	}
	return n
}

func TestDynamicBlocks(t *testing.T) {
	docs, diags := fixture(t, "dynamic")
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	checkValues(t, docs, []want{
		{"aws_security_group.sg", "ingress.0.description", "static"},
		{"aws_security_group.sg", "ingress.1.description", "rule 0"},
		{"aws_security_group.sg", "ingress.2.cidr_blocks", []any{"0.0.0.0/0"}},
		{"aws_security_group.sg", "ingress.2.from_port", int64(443)},
		{"aws_security_group.sg", "egress.0.index", int64(0)}, // iterator = e
		// nested dynamic blocks
		{"aws_s3_bucket_lifecycle_configuration.lc", "rule.0.id", "expire"},
		{"aws_s3_bucket_lifecycle_configuration.lc", "rule.0.expiration.0.days", int64(30)},
		{"aws_s3_bucket_lifecycle_configuration.lc", "rule.0.filter.1.prefix", "tmp/"},
		// unknown for_each: one block with the literal arguments
		{"aws_security_group.unknown", "ingress.0.from_port", int64(443)},
	})
	checkUnknown(t, docs, "aws_security_group.unknown", "ingress.0.cidr_blocks.0")
	if r := resource(t, docs, "aws_security_group.unknown"); !slices.Contains(r.Unknown, "ingress") {
		t.Errorf("the blocks of an unknown dynamic for_each are not listed as unknown: %v", r.Unknown)
	}
}

func TestModules(t *testing.T) {
	docs, diags := fixture(t, "modules")
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1 (called modules are not roots)", len(docs))
	}
	checkValues(t, docs, []want{
		// The same module called twice with different arguments.
		{"module.logs.aws_s3_bucket.this", "acl", "private"},
		{"module.site.aws_s3_bucket.this", "acl", "public-read"},
		{"module.site", "arguments.name", "site"},
		{"module.site", "resolved", true},
		// File functions in a module, relative to path.module.
		{"module.site.aws_s3_bucket_policy.this", "policy", "{\"Resource\": \"arn:aws:s3:::site/*\"}\n"},
		{"module.site.aws_s3_bucket_policy.this", "where", "modules/bucket"},
		{"module.vpc.aws_vpc.this", "enable_dns_hostnames", true},
		// count and for_each on module calls
		{"module.many[1].aws_s3_bucket.this", "bucket", "many-1"},
		{`module.keyed["x"].aws_s3_bucket.this`, "bucket", "keyed-x"},
		// Outputs computed from known values are known in the caller.
		{"aws_s3_bucket_policy.logs", "bucket", "logs-bucket"},
		{"output.names", "value", []any{"logs-bucket", "many-1-bucket", "keyed-x-bucket"}},
		// An argument reading an output of its own call.
		{"module.self_ref.aws_s3_bucket.this", "acl", "private"},
		// A module downloaded by terraform init, and a local module in it.
		{"module.vpc.aws_vpc.this", "cidr_block", "10.0.0.0/16"},
		{"module.vpc.module.sub.aws_subnet.this", "map_public_ip_on_launch", true},
		{"module.vpc", "version", "5.0.0"},
		// A remote module that was not downloaded.
		{"module.remote", "resolved", false},
		{"module.remote", "arguments.region", "eu-west-1"},
	})
	checkUnknown(t, docs, "aws_s3_bucket_policy.logs", "policy")
	checkUnknown(t, docs, "output.remote", "value")
	// Module resources are located in the module's file.
	for _, addr := range []string{"module.logs.aws_s3_bucket.this", "module.site.aws_s3_bucket.this"} {
		r := resource(t, docs, addr)
		if r.Location.Path != "testdata/modules/modules/modules/bucket/main.tf" || r.Location.StartLine != 10 || r.Location.EndLine != 13 {
			t.Errorf("%s at %+v", addr, r.Location)
		}
	}
	remote := resource(t, docs, "module.remote")
	if reason, _ := remote.Config["reason"].(string); !strings.Contains(reason, "not fetched") {
		t.Errorf("module.remote reason %q", reason)
	}
	if !hasDiag(diags, normalizers.SeverityWarning, "modules/main.tf", 42, "module.remote") {
		t.Errorf("no warning naming module.remote: %v", diags)
	}
	// References never leave a module: the call's argument carries the
	// caller's reference, the module's input variable none.
	call := resource(t, docs, "module.site.module.pab")
	if got := call.References["arguments.bucket"]; !slices.Equal(got, []string{"module.site.aws_s3_bucket.this"}) {
		t.Errorf("references of the module argument: %v", got)
	}
	pab := resource(t, docs, "module.site.module.pab.aws_s3_bucket_public_access_block.this")
	if got := pab.References["bucket"]; len(got) != 0 {
		t.Errorf("references through the module input: %v", got)
	}
	modules := docs[0].Extra["modules"].([]any)
	byAddr := map[string]map[string]any{}
	for _, m := range modules {
		e := m.(map[string]any)
		byAddr[e["address"].(string)] = e
	}
	if e := byAddr["module.vpc"]; e == nil || e["dir"] != "testdata/modules/modules/.terraform/modules/vpc" || e["resolved"] != true {
		t.Errorf("modules extra for module.vpc: %v", e)
	}
	if e := byAddr["module.remote"]; e == nil || e["resolved"] != false || e["reason"] == "" || e["dir"] != "" {
		t.Errorf("modules extra for module.remote: %v", e)
	}
	if e := byAddr["module.logs.module.pab"]; e == nil || e["dir"] != "testdata/modules/modules/modules/pab" {
		t.Errorf("modules extra for a nested call: %v", e)
	}
}

func TestModuleCycleStops(t *testing.T) {
	start := time.Now()
	docs, diags := fixture(t, "cycle")
	if time.Since(start) > 5*time.Second {
		t.Errorf("cycle took %v", time.Since(start))
	}
	if !hasDiag(diags, normalizers.SeverityError, "cycle/b/main.tf", 2, "module cycle") {
		t.Errorf("no error for the module cycle: %v", diags)
	}
	// Directories only reachable through a cycle are still evaluated.
	var paths []string
	for _, d := range docs {
		paths = append(paths, d.Path)
	}
	if !slices.Equal(paths, []string{"testdata/modules/cycle", "testdata/modules/cycle/ring/x"}) {
		t.Errorf("roots %v", paths)
	}
	checkValues(t, docs, []want{{"module.a.module.b.module.a", "resolved", false}})
}

func TestModuleDepthLimit(t *testing.T) {
	root := t.TempDir()
	dir := root
	for i := 0; i < 6; i++ {
		write(t, filepath.Join(dir, "main.tf"), `module "next" { source = "./next" }`+"\n"+`resource "null_resource" "r" {}`)
		dir = filepath.Join(dir, "next")
	}
	docs, diags := New(Options{MaxModuleDepth: 3}).NormalizeTree(context.Background(), root, scanFiles(t, root))
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	if !hasDiag(diags, normalizers.SeverityError, "main.tf", 1, "more than 3 levels") {
		t.Errorf("no depth error: %v", diags)
	}
	resource(t, docs, "module.next.module.next.module.next.null_resource.r")
	for _, r := range docs[0].Resources {
		if strings.Count(r.Address, "module.") > 4 {
			t.Errorf("%s is deeper than the limit", r.Address)
		}
	}
}

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHugeCounts(t *testing.T) {
	start := time.Now()
	docs, diags := fixture(t, "huge")
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
	for _, line := range []int{2, 8, 16, 26} {
		if !hasDiag(diags, normalizers.SeverityError, "huge/main.tf", line, "exceeds the limit of 100") {
			t.Errorf("no input error at line %d: %v", line, diags)
		}
	}
	checkUnknown(t, docs, "aws_instance.huge", "count")
	checkValues(t, docs, []want{
		{"aws_instance.huge", "ami", "ami-123"},
		{"aws_iam_user.many", "path", "/users/"},
		{"aws_security_group.rules", "ingress.0.protocol", "tcp"},
		{"module.fleet.aws_instance.node", "ami", "ami-fleet"},
	})
	// The default limit is 10,000.
	if New(Options{}).opts.MaxInstances != 10_000 || New(Options{}).opts.MaxModuleDepth != 32 {
		t.Errorf("defaults: %+v", New(Options{}).opts)
	}
}

func TestNothingRunsOrEscapes(t *testing.T) {
	for _, p := range []string{"/tmp/rampart-external-ran", "/tmp/rampart-provisioner-ran"} {
		_ = os.Remove(p)
	}
	docs, diags := fixture(t, "sandbox")
	for _, p := range []string{"/tmp/rampart-external-ran", "/tmp/rampart-provisioner-ran"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s exists: something ran", p)
		}
	}
	checkUnknown(t, docs, "local_file.escape", "content", "absolute")
	if !hasDiag(diags, normalizers.SeverityWarning, "sandbox/main.tf", 3, "") ||
		!hasDiag(diags, normalizers.SeverityWarning, "sandbox/main.tf", 4, "") {
		t.Errorf("no warnings for files outside the scanned path: %v", diags)
	}
	checkValues(t, docs, []want{
		{"data.external.run", "program", []any{"sh", "-c", "touch /tmp/rampart-external-ran"}},
		{"null_resource.provision", "provisioner.0.type", "local-exec"},
		{"null_resource.provision", "provisioner.0.when", "destroy"},
		{"null_resource.provision", "provisioner.0.on_failure", "continue"},
		{"null_resource.provision", "provisioner.1.connection.0.type", "ssh"},
	})
	checkUnknown(t, docs, "null_resource.provision", "provisioner.1.connection.0.host", "triggers.always")
}

func TestSyntaxError(t *testing.T) {
	docs, diags := fixture(t, "syntax_error")
	if !hasDiag(diags, normalizers.SeverityError, "syntax_error/broken.tf", 6, "") {
		t.Fatalf("no error at broken.tf:6: %v", diags)
	}
	for _, d := range diags {
		if d.Line == 0 || d.Column == 0 {
			t.Errorf("syntax error without line and column: %v", d)
		}
	}
	checkValues(t, docs, []want{{"aws_s3_bucket.good", "bucket", "still-evaluated"}})
	for _, r := range docs[0].Resources {
		if strings.Contains(r.Location.Path, "broken.tf") {
			t.Errorf("%s from the broken file was evaluated", r.Address)
		}
	}
}

func TestJSONSyntax(t *testing.T) {
	docs, diags := fixture(t, "json")
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	checkValues(t, docs, []want{
		{"aws_s3_bucket.b[1]", "bucket", "json-public-read-1"},
		{"aws_s3_bucket.b[0]", "acl", "public-read"},
		{"aws_s3_bucket.b[0]", "tags", map[string]any{"Name": "x", "Team": "y"}},
		{"aws_s3_bucket.b[0]", "versioning.0.enabled", true},
		{"aws_s3_bucket.b[0]", "server_side_encryption_configuration.0.rule.0.apply_server_side_encryption_by_default.0.sse_algorithm", "aws:kms"},
		{"aws_s3_bucket.b[0]", "depends_on", []any{"aws_kms_key.k"}},
		{"aws_s3_bucket.b[0]", "provider", "aws.west"},
		{"aws_security_group.sg", "ingress.1.from_port", int64(443)},
		{"provider.aws.west", "region", "us-west-2"},
		{"terraform", "backend.0.config.encrypt", true},
		{"var.ports", "type", "list(number)"},
		{"output.name", "value", "json-public-read"},
	})
	r := resource(t, docs, "aws_s3_bucket.b[0]")
	if r.Provider != "aws" {
		t.Errorf("provider %q", r.Provider)
	}
	key := "server_side_encryption_configuration.0.rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"
	checkUnknown(t, docs, "aws_s3_bucket.b[0]", key)
	if !slices.Equal(r.References[key], []string{"aws_kms_key.k"}) || !slices.Equal(r.References["depends_on"], []string{"aws_kms_key.k"}) {
		t.Errorf("references %v", r.References)
	}
}

func TestEvaluationWarnings(t *testing.T) {
	docs, diags := fixture(t, "warnings")
	for _, w := range []struct {
		file string
		line int
		msg  string
	}{
		{"warnings/main.tf", 6, "Cycle in local values"},
		{"warnings/main.tf", 13, "nosuchfunction"},
		{"warnings/main.tf", 14, "number is required"},
		{"warnings/main.tf", 15, "aws_nothing"},
		{"warnings/main.tf", 16, `"each"`},
		{"warnings/terraform.tfvars", 1, `variable "port"`},
	} {
		if !hasDiag(diags, normalizers.SeverityWarning, w.file, w.line, w.msg) {
			t.Errorf("no warning %q at %s:%d", w.msg, w.file, w.line)
		}
	}
	for _, d := range diags {
		if d.Severity != normalizers.SeverityWarning {
			t.Errorf("evaluation problem reported as %s: %v", d.Severity, d)
		}
	}
	checkUnknown(t, docs, "aws_instance.w", "cycle", "missing", "bad_type", "undeclared", "each_out", "port", "arn")
	checkValues(t, docs, []want{{"aws_instance.w", "ok", "still evaluated"}})
}

func TestOverrideFiles(t *testing.T) {
	docs, _ := fixture(t, "override")
	checkValues(t, docs, []want{
		{"aws_s3_bucket.b", "acl", "private"},
		{"aws_s3_bucket.b", "bucket", "data"},
		{"aws_s3_bucket.b", "versioning", []any{map[string]any{"enabled": true}}},
		{"aws_s3_bucket.b", "logging.0.target_bucket", "logs"},
		{"output.env", "value", "prod"},
	})
}

func TestReferences(t *testing.T) {
	docs, _ := fixture(t, "references")
	for _, tt := range []struct {
		addr, path string
		want       []string
	}{
		// through a local
		{"aws_s3_bucket_public_access_block.b", "bucket", []string{"aws_s3_bucket.b"}},
		// nested block attribute, through two locals
		{"aws_s3_bucket_server_side_encryption_configuration.b", "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id", []string{"aws_kms_key.k"}},
		{"aws_s3_bucket_policy.b", "policy", []string{"data.aws_iam_policy_document.p"}},
		{"aws_s3_bucket_policy.b", "tags", []string{"aws_kms_key.k"}},
		{"data.aws_iam_policy_document.p", "statement.0.resources", []string{"aws_s3_bucket.b"}},
	} {
		if got := resource(t, docs, tt.addr).References[tt.path]; !slices.Equal(got, tt.want) {
			t.Errorf("%s %s references %v, want %v", tt.addr, tt.path, got, tt.want)
		}
	}
	checkUnknown(t, docs, "aws_s3_bucket_public_access_block.b", "bucket")
	checkUnknown(t, docs, "aws_s3_bucket_policy.b", "tags.Arn", "list.1")
	checkValues(t, docs, []want{
		{"aws_s3_bucket_policy.b", "tags", map[string]any{"Name": "x"}},
		{"aws_s3_bucket_policy.b", "list", []any{"known", nil}},
	})
}

func TestProvidersAndTerraformBlock(t *testing.T) {
	docs, _ := fixture(t, "providers")
	checkValues(t, docs, []want{
		{"terraform", "required_version", ">= 1.5.0"},
		{"terraform", "required_providers.aws.source", "hashicorp/aws"},
		{"terraform", "required_providers.aws.version", "~> 5.0"},
		{"terraform", "required_providers.aws.configuration_aliases", []any{"aws.west"}},
		{"terraform", "required_providers.random.version", "~> 3.0"},
		{"terraform", "backend.0.type", "s3"},
		{"terraform", "backend.0.config.encrypt", true},
		{"provider.aws", "region", "us-east-1"},
		{"provider.aws", "default_tags.0.tags.Owner", "platform"},
		{"provider.aws.west", "alias", "west"},
		{"provider.aws.west", "assume_role.0.role_arn", "arn:aws:iam::123456789012:role/deploy"},
		{"aws_s3_bucket.west", "provider", "aws.west"},
	})
	for addr, want := range map[string]string{"provider.aws.west": "aws", "aws_s3_bucket.west": "aws", "random_id.r": "random", "terraform": "terraform"} {
		if got := resource(t, docs, addr).Provider; got != want {
			t.Errorf("%s provider %q, want %q", addr, got, want)
		}
	}
}

func TestLines(t *testing.T) {
	docs, _ := fixture(t, "dynamic")
	docs2, _ := fixture(t, "providers")
	docs3, _ := fixture(t, "modules")
	docs4, _ := fixture(t, "count_foreach")
	all := append(append(append(docs, docs2...), docs3...), docs4...)
	for _, tt := range []struct {
		addr       string
		path       []any
		start, end int
		ok         bool
	}{
		{"aws_security_group.sg", []any{"name"}, 15, 15, true},
		{"aws_security_group.sg", []any{"ingress", 0}, 17, 22, true},
		{"aws_security_group.sg", []any{"ingress", 0, "cidr_blocks"}, 21, 21, true},
		// Blocks generated by a dynamic block point at its content.
		{"aws_security_group.sg", []any{"ingress", 1}, 26, 31, true},
		{"aws_security_group.sg", []any{"ingress", 2, "cidr_blocks"}, 30, 30, true},
		{"aws_security_group.sg", []any{"ingress", int64(2), "from_port"}, 28, 28, true},
		// Unknown keys fall back to the deepest known prefix.
		{"aws_security_group.sg", []any{"ingress", 2, "nope"}, 26, 31, true},
		{"aws_security_group.sg", []any{"nope"}, 14, 43, false},
		{"aws_security_group.sg", []any{}, 14, 43, true},
		{"aws_s3_bucket_lifecycle_configuration.lc", []any{"rule", 0, "filter", 1, "prefix"}, 58, 58, true},
		{"provider.aws", []any{"default_tags", 0, "tags", "Owner"}, 4, 4, true},
		{"terraform", []any{"backend", 0, "config", "encrypt"}, 6, 6, true},
		{"terraform", []any{"required_providers", "aws", "version"}, 7, 7, true},
		{"module.site.aws_s3_bucket.this", []any{"acl"}, 12, 12, true},
		{"module.site", []any{"arguments", "acl"}, 10, 10, true},
		{"aws_instance.three[1]", []any{"tags", "Name"}, 17, 17, true},
		{"aws_instance.three[1]", []any{"count"}, 13, 13, true},
	} {
		r := resource(t, all, tt.addr)
		loc, ok := r.Lines.Lookup(tt.path)
		if loc.StartLine != tt.start || loc.EndLine != tt.end || ok != tt.ok {
			t.Errorf("%s Lookup(%v) = %d-%d %v, want %d-%d %v", tt.addr, tt.path, loc.StartLine, loc.EndLine, ok, tt.start, tt.end, tt.ok)
		}
	}
	// Lines name the file of the attribute: the terraform block merges
	// backend.tf and versions.tf.
	r := resource(t, docs2, "terraform")
	if loc, _ := r.Lines.Lookup([]any{"required_version"}); !strings.HasSuffix(loc.Path, "versions.tf") {
		t.Errorf("required_version in %s", loc.Path)
	}
}

func TestNormalizeSingleFile(t *testing.T) {
	content, err := os.ReadFile("testdata/modules/modules/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	src := string(content) + "\nresource \"local_file\" \"f\" {\n  content = file(\"main.tf\")\n}\n"
	docs, diags := New(Options{}).Normalize(context.Background(), normalizers.File{Path: "infra/main.tf", Content: []byte(src)})
	if len(docs) != 1 || docs[0].Path != "infra" {
		t.Fatalf("documents %v", docs)
	}
	checkDocument(t, docs[0])
	checkValues(t, docs, []want{{"module.logs", "resolved", false}})
	checkUnknown(t, docs, "local_file.f", "content")
	if !hasDiag(diags, normalizers.SeverityWarning, "infra/main.tf", 0, "not available") {
		t.Errorf("file() in single-file mode: %v", diags)
	}
}

func TestSymlinkOutsideRoot(t *testing.T) {
	outside := t.TempDir()
	write(t, filepath.Join(outside, "main.tf"), `resource "aws_s3_bucket" "secret" { bucket = "outside" }`)
	write(t, filepath.Join(outside, "secret.txt"), "hunter2")
	root := t.TempDir()
	write(t, filepath.Join(root, "main.tf"), `
module "m" {
  source = "./linked"
}
resource "local_file" "f" {
  content = file("${path.module}/leak.txt")
}
`)
	if err := os.Symlink(outside, filepath.Join(root, "linked")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(root, "leak.txt")); err != nil {
		t.Skip(err)
	}
	files := []normalizers.File{{Path: filepath.ToSlash(filepath.Join(root, "main.tf")), Content: mustRead(t, filepath.Join(root, "main.tf"))}}
	docs, _ := New(Options{}).NormalizeTree(context.Background(), root, files)
	checkDocument(t, docs[0])
	checkValues(t, docs, []want{{"module.m", "resolved", false}})
	checkUnknown(t, docs, "local_file.f", "content")
	for _, r := range docs[0].Resources {
		if strings.Contains(r.Address, "secret") {
			t.Errorf("read a module through a symbolic link leaving the root: %s", r.Address)
		}
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDeepNestingIsAnError(t *testing.T) {
	for name, src := range map[string]string{
		"parens":    "locals {\n  x = " + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000) + "\n}\n",
		"unary":     "locals {\n  x = " + strings.Repeat("!", 100000) + "true\n}\n",
		"chain":     "locals {\n  x = 1" + strings.Repeat(" + 1", 100000) + "\n}\n",
		"ternaries": "locals {\n  x = " + strings.Repeat("true ? 1 : ", 100000) + "0\n}\n",
		"templates": "locals {\n  x = \"" + strings.Repeat("%{ if true }", 50000) + strings.Repeat("%{ endif }", 50000) + "\"\n}\n",
		"json":      `{"locals": {"x": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "}}",
		"jsontmpl":  `{"locals": {"x": "${` + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000) + `}"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			path := "deep/main.tf"
			if strings.HasPrefix(name, "json") {
				path += ".json"
			}
			docs, diags := New(Options{}).Normalize(context.Background(), normalizers.File{Path: path, Content: []byte(src)})
			if !hasDiag(diags, normalizers.SeverityError, path, 0, "nested too deeply") {
				t.Errorf("no nesting error: %v", diags)
			}
			if len(docs) != 1 {
				t.Errorf("%d documents", len(docs))
			}
		})
	}
	// Deep but reasonable nesting is fine.
	src := "locals {\n  x = " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n}\n"
	if _, diags := New(Options{}).Normalize(context.Background(), normalizers.File{Path: "main.tf", Content: []byte(src)}); len(diags) > 0 {
		t.Errorf("diagnostics for 100 levels: %v", diags)
	}
}

func TestLongLocalChain(t *testing.T) {
	var b strings.Builder
	// Declared from the end of the chain, so that evaluating the first
	// local walks the whole chain.
	b.WriteString("locals {\n")
	for i := 2999; i > 0; i-- {
		b.WriteString("  l" + strconv.Itoa(i) + " = local.l" + strconv.Itoa(i-1) + "\n")
	}
	b.WriteString("  l0 = \"x\"\n}\nresource \"null_resource\" \"r\" {\n  v = local.l2999\n  w = local.l10\n}\n")
	docs, diags := New(Options{}).Normalize(context.Background(), normalizers.File{Path: "main.tf", Content: []byte(b.String())})
	checkDocument(t, docs[0])
	// Beyond the evaluation depth the value is unknown, with a warning,
	// instead of exhausting the stack.
	if !hasDiag(diags, normalizers.SeverityWarning, "main.tf", 0, "nested too deeply") {
		t.Errorf("no depth warning: %v", diags[:min(len(diags), 3)])
	}
	checkValues(t, docs, []want{{"null_resource.r", "w", "x"}})
}

func TestRootModules(t *testing.T) {
	docs, _ := fixture(t, "modules")
	if len(docs) != 1 || docs[0].Path != "testdata/modules/modules" {
		t.Errorf("roots: %v", docs)
	}
	// Every scanned directory is a root when nothing calls it.
	root := t.TempDir()
	write(t, filepath.Join(root, "a", "main.tf"), `resource "null_resource" "a" {}`)
	write(t, filepath.Join(root, "b", "main.tf"), `module "c" { source = "../c" }`)
	write(t, filepath.Join(root, "c", "main.tf"), `resource "null_resource" "c" {}`)
	docs, _ = New(Options{}).NormalizeTree(context.Background(), root, scanFiles(t, root))
	var paths []string
	for _, d := range docs {
		paths = append(paths, filepath.Base(d.Path))
	}
	if !slices.Equal(paths, []string{"a", "b"}) {
		t.Errorf("roots %v, want a and b", paths)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	root := filepath.Join("testdata", "modules", "modules")
	docs, diags := New(Options{}).NormalizeTree(ctx, root, scanFiles(t, root))
	if len(docs) != 0 || !hasDiag(diags, normalizers.SeverityError, "modules", 0, "canceled") {
		t.Errorf("canceled: %d documents, %v", len(docs), diags)
	}
}

func TestDeepJSONTypeString(t *testing.T) {
	src := `{"variable": {"v": {"type": "` + strings.Repeat("list(", 100000) + "string" + strings.Repeat(")", 100000) + `"}}}`
	docs, _ := New(Options{}).Normalize(context.Background(), normalizers.File{Path: "main.tf.json", Content: []byte(src)})
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
}

func TestDeepTemplatesAreRefused(t *testing.T) {
	root := t.TempDir()
	deep := "${" + strings.Repeat("(", 200000) + "1" + strings.Repeat(")", 200000) + "}"
	write(t, filepath.Join(root, "deep.tpl"), deep)
	write(t, filepath.Join(root, "ok.tpl"), "n=${n}")
	write(t, filepath.Join(root, "main.tf"), `
resource "x" "y" {
  deep   = templatefile("${path.module}/deep.tpl", {})
  string = templatestring(file("${path.module}/deep.tpl"), {})
  ok     = templatefile("${path.module}/ok.tpl", { n = 1 })
}
`)
	docs, diags := New(Options{}).NormalizeTree(context.Background(), root, scanFiles(t, root))
	if !hasDiag(diags, normalizers.SeverityWarning, "main.tf", 3, "more than 500 levels") ||
		!hasDiag(diags, normalizers.SeverityWarning, "main.tf", 4, "more than 500 levels") {
		t.Errorf("deep templates: %v", diags)
	}
	checkUnknown(t, docs, "x.y", "deep", "string")
	checkValues(t, docs, []want{{"x.y", "ok", "n=1"}})
}
