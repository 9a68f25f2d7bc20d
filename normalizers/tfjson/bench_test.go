package tfjson

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
)

// largePlan generates a plan of n S3 buckets, security groups and database
// instances spread over modules, shaped like terraform show -json output.
func largePlan(tb testing.TB, n int, indent bool) []byte {
	tb.Helper()
	const aws = "registry.terraform.io/hashicorp/aws"
	modules := map[string][]any{}
	var changes []any
	configResources := map[string][]any{}
	for i := range n {
		mod := fmt.Sprintf("module.m%d", i%20)
		var typ string
		var values map[string]any
		switch i % 3 {
		case 0:
			typ = "aws_s3_bucket"
			values = map[string]any{
				"bucket": fmt.Sprintf("bucket-%d", i), "force_destroy": false,
				"tags":     map[string]any{"Name": fmt.Sprintf("bucket-%d", i), "Team": "platform"},
				"tags_all": map[string]any{"Name": fmt.Sprintf("bucket-%d", i), "Team": "platform"},
				"timeouts": nil,
			}
		case 1:
			typ = "aws_security_group"
			rule := map[string]any{"cidr_blocks": []any{"10.0.0.0/8"}, "description": "internal", "from_port": 443,
				"ipv6_cidr_blocks": []any{}, "prefix_list_ids": []any{}, "protocol": "tcp", "security_groups": []any{},
				"self": false, "to_port": 443}
			values = map[string]any{"description": "sg", "name": fmt.Sprintf("sg-%d", i), "ingress": []any{rule, rule},
				"egress": []any{rule}, "revoke_rules_on_delete": false, "tags": map[string]any{"Name": "sg"}, "vpc_id": "vpc-1"}
		default:
			typ = "aws_db_instance"
			values = map[string]any{"allocated_storage": 20, "engine": "postgres", "engine_version": "16.3",
				"identifier": fmt.Sprintf("db-%d", i), "instance_class": "db.t4g.micro", "password": "secret",
				"publicly_accessible": false, "storage_encrypted": true, "username": "app", "backup_retention_period": 7}
		}
		idx := i / 60
		addr := fmt.Sprintf("%s.%s.r[%d]", mod, typ, idx)
		modules[mod] = append(modules[mod], map[string]any{
			"address": addr, "mode": "managed", "type": typ, "name": "r", "index": idx,
			"provider_name": aws, "schema_version": 0, "values": values,
			"sensitive_values": map[string]any{"password": true, "tags": map[string]any{}},
		})
		changes = append(changes, map[string]any{
			"address": addr, "module_address": mod, "mode": "managed", "type": typ, "name": "r", "index": idx,
			"provider_name": aws,
			"change": map[string]any{
				"actions": []any{"create"}, "before": nil, "after": values,
				"after_unknown":    map[string]any{"arn": true, "id": true, "tags_all": map[string]any{}},
				"before_sensitive": false, "after_sensitive": map[string]any{"password": true},
			},
		})
		if idx == 0 {
			configResources[mod] = append(configResources[mod], map[string]any{
				"address": typ + ".r", "mode": "managed", "type": typ, "name": "r", "provider_config_key": "aws",
				"expressions": map[string]any{
					"name":   map[string]any{"references": []any{"var.name", "count.index"}},
					"vpc_id": map[string]any{"references": []any{"aws_vpc.main.id", "aws_vpc.main"}},
				},
				"count_expression": map[string]any{"constant_value": 34},
			})
		}
	}
	var children []any
	calls := map[string]any{}
	for mod, rs := range modules {
		children = append(children, map[string]any{"address": mod, "resources": rs})
		calls[mod[len("module."):]] = map[string]any{"source": "./mod", "module": map[string]any{"resources": configResources[mod]}}
	}
	plan := map[string]any{
		"format_version": "1.2", "terraform_version": "1.9.5",
		"variables":        map[string]any{"name": map[string]any{"value": "x"}},
		"planned_values":   map[string]any{"root_module": map[string]any{"child_modules": children}},
		"resource_changes": changes,
		"configuration": map[string]any{
			"provider_config": map[string]any{"aws": map[string]any{"name": "aws", "full_name": aws, "version_constraint": "~> 5.0",
				"expressions": map[string]any{"region": map[string]any{"constant_value": "eu-west-1"}}}},
			"root_module": map[string]any{"module_calls": calls},
		},
	}
	var out []byte
	var err error
	if indent {
		out, err = json.MarshalIndent(plan, "", "  ")
	} else {
		out, err = json.Marshal(plan)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func benchmarkPlan(b *testing.B, indent bool) {
	content := largePlan(b, 2000, indent)
	f := normalizers.File{Path: "plan.json", Content: content}
	n := NewPlan()
	ctx := context.Background()
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		docs, diags := n.Normalize(ctx, f)
		if len(docs) != 1 || len(diags) != 0 || len(docs[0].Resources) != 2002 {
			b.Fatalf("%d documents, diagnostics %v", len(docs), diags)
		}
	}
}

// BenchmarkPlan normalizes a 2,000-resource plan as jq pretty-prints it.
func BenchmarkPlan(b *testing.B) { benchmarkPlan(b, true) }

// BenchmarkPlanCompact normalizes the same plan as Terraform prints it, on
// one line.
func BenchmarkPlanCompact(b *testing.B) { benchmarkPlan(b, false) }

// BenchmarkParseJSON measures the JSON parser alone, for comparison with
// encoding/json below.
func BenchmarkParseJSON(b *testing.B) {
	content := largePlan(b, 2000, true)
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, err := parseJSON(content); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodingJSON decodes the same plan with encoding/json (values
// only, no lines), as a reference point.
func BenchmarkEncodingJSON(b *testing.B) {
	content := largePlan(b, 2000, true)
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(content, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLargePlan(t *testing.T) {
	content := largePlan(t, 300, true)
	docs, diags := NewPlan().Normalize(context.Background(), normalizers.File{Path: "plan.json", Content: content})
	checkInvariants(t, "plan.json", content, docs, diags)
	if len(diags) != 0 || len(docs[0].Resources) != 302 {
		t.Fatalf("%d resources, diagnostics %v", len(docs[0].Resources), diags)
	}
	for _, r := range docs[0].Resources {
		if r.Type == "aws_db_instance" && r.Config["password"] != Redacted {
			t.Fatalf("%s: password not redacted", r.Address)
		}
		if r.Type == "aws_s3_bucket" && len(r.References["vpc_id"]) != 1 {
			t.Fatalf("%s: references %v", r.Address, r.References)
		}
	}
}
