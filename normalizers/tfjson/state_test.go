package tfjson

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/normalizers"
)

func TestStateFull(t *testing.T) {
	content := readTestdata(t, "valid/state-full.json")
	doc, rs := normalizeOne(t, NewState(), "terraform.tfstate", content)
	if doc.Kind != "terraform-state" {
		t.Fatalf("kind %q", doc.Kind)
	}
	if diff := cmp.Diff(map[string]any{
		"terraform_version": "1.9.5",
		"serial":            int64(17),
		"lineage":           "8d1c3a4e-5b6f-4a7b-9c8d-0e1f2a3b4c5d",
	}, doc.Extra); diff != "" {
		t.Errorf("extras (-want +got):\n%s", diff)
	}
	if len(doc.Resources) != 16 {
		t.Errorf("%d resources, want 16", len(doc.Resources))
	}
	// The plan and the state of the same configuration give the same
	// addresses, types and providers.
	_, planned := normalizeOne(t, NewPlan(), "plan.json", readTestdata(t, "valid/plan-full.json"))
	for addr, p := range planned {
		if p.Type == "provider" || p.Type == "terraform" {
			continue
		}
		s, ok := rs[addr]
		if !ok {
			t.Errorf("%s is in the plan, not in the state", addr)
			continue
		}
		if s.Type != p.Type || s.Provider != p.Provider {
			t.Errorf("%s: state %s/%s, plan %s/%s", addr, s.Type, s.Provider, p.Type, p.Provider)
		}
	}

	db := rs["aws_db_instance.main"]
	if db.Config["password"] != "(sensitive)" || db.Config["port"] != int64(5432) {
		t.Errorf("db config %v", db.Config)
	}
	if diff := cmp.Diff(map[string][]string{"depends_on": {"aws_security_group.ssh", "data.aws_vpc.default"}}, db.References); diff != "" {
		t.Errorf("db references (-want +got):\n%s", diff)
	}
	b := rs["module.logs.aws_s3_bucket.this[1]"]
	if b.Config["bucket"] != "logs-1" || b.Provider != "aws" {
		t.Errorf("bucket %+v", b)
	}
	lines := strings.Split(string(content), "\n")
	loc, ok := b.Lines.Lookup([]any{"versioning", 0, "enabled"})
	if !ok || !strings.Contains(lines[loc.StartLine-1], `"enabled": false`) {
		t.Errorf("Lookup(versioning.0.enabled) = %+v", loc)
	}
	if first := lines[b.Location.StartLine-1]; strings.TrimSpace(first) != "{" || !strings.Contains(lines[b.Location.StartLine], `"index_key": 1`) {
		t.Errorf("bucket location starts at %q", first)
	}
	ssm := rs[`aws_ssm_parameter.config["db_host"]`]
	if ssm == nil || ssm.Config["value"] != "(sensitive)" {
		t.Errorf("ssm parameter %+v", ssm)
	}
}

func TestStateLegacy(t *testing.T) {
	_, rs := normalizeOne(t, NewState(), "terraform.tfstate", readTestdata(t, "valid/state-legacy.json"))
	want := map[string]string{
		`module.net.aws_subnet.private["eu-west-1a"]`:            "aws",
		`module.net.aws_subnet.private["eu-west-1b \"quoted\""]`: "aws",
		"data.aws_ami.ubuntu":                                    "aws",
		"aws_instance.web":                                       "aws",
	}
	if len(rs) != len(want) {
		t.Errorf("%d resources, want %d (the deposed object is left out)", len(rs), len(want))
	}
	for addr, provider := range want {
		r, ok := rs[addr]
		if !ok || r.Provider != provider {
			t.Errorf("%s: %+v", addr, r)
		}
	}
	flat := rs[`module.net.aws_subnet.private["eu-west-1b \"quoted\""]`]
	if flat.Config["map_public_ip_on_launch"] != "true" {
		t.Errorf("attributes_flat config %v", flat.Config)
	}
	if loc, ok := flat.Lines.Lookup([]any{"cidr_block"}); !ok || loc.StartLine != 36 {
		t.Errorf("attributes_flat Lookup(cidr_block) = %+v %v", loc, ok)
	}
	web := rs["aws_instance.web"]
	if diff := cmp.Diff(map[string][]string{"depends_on": {"data.aws_ami.ubuntu", "module.net.aws_subnet.private"}}, web.References); diff != "" {
		t.Errorf("references (-want +got):\n%s", diff)
	}
	if got := rs["data.aws_ami.ubuntu"].Config["root_device_size"]; got != 8.5 {
		t.Errorf("float attribute = %#v", got)
	}
}

func TestSensitivePaths(t *testing.T) {
	attrs := func() map[string]any {
		return map[string]any{
			"password": "p",
			"nested":   []any{map[string]any{"secret": "s", "public": "x"}},
			"tags":     map[string]any{"k": "v", "0": "zero"},
			"set":      []any{map[string]any{"a": "b"}},
			"null":     nil,
		}
	}
	tests := []struct {
		name string
		sa   any
		want map[string]any
	}{
		{"canonical", []any{
			[]any{map[string]any{"type": "get_attr", "value": "password"}},
			[]any{
				map[string]any{"type": "get_attr", "value": "nested"},
				map[string]any{"type": "index", "value": map[string]any{"value": int64(0), "type": "number"}},
				map[string]any{"type": "get_attr", "value": "secret"},
			},
			[]any{
				map[string]any{"type": "get_attr", "value": "tags"},
				map[string]any{"type": "index", "value": map[string]any{"value": "k", "type": "string"}},
			},
			[]any{map[string]any{"type": "get_attr", "value": "null"}},
		}, map[string]any{
			"password": Redacted,
			"nested":   []any{map[string]any{"secret": Redacted, "public": "x"}},
			"tags":     map[string]any{"k": Redacted, "0": "zero"},
			"set":      []any{map[string]any{"a": "b"}},
			"null":     nil,
		}},
		{"set element and unknown step", []any{
			[]any{
				map[string]any{"type": "get_attr", "value": "set"},
				map[string]any{"type": "index", "value": map[string]any{"value": map[string]any{"a": "b"}, "type": []any{"object"}}},
			},
			[]any{map[string]any{"type": "get_attr", "value": "password"}, map[string]any{"type": "future_step"}},
		}, map[string]any{
			"password": Redacted,
			"nested":   []any{map[string]any{"secret": "s", "public": "x"}},
			"tags":     map[string]any{"k": "v", "0": "zero"},
			"set":      Redacted,
			"null":     nil,
		}},
		{"bare steps, dotted strings, numeric map key", []any{
			[]any{"nested", int64(0), "public"},
			"tags.0",
			[]any{"missing", "deeper"},
			[]any{"nested", int64(5)},
		}, map[string]any{
			"password": "p",
			"nested":   []any{map[string]any{"secret": "s", "public": Redacted}},
			"tags":     map[string]any{"k": "v", "0": Redacted},
			"set":      []any{map[string]any{"a": "b"}},
			"null":     nil,
		}},
		{"mask", map[string]any{"tags": map[string]any{"k": true}, "password": true}, map[string]any{
			"password": Redacted,
			"nested":   []any{map[string]any{"secret": "s", "public": "x"}},
			"tags":     map[string]any{"k": Redacted, "0": "zero"},
			"set":      []any{map[string]any{"a": "b"}},
			"null":     nil,
		}},
		{"unplaceable first step", []any{
			[]any{map[string]any{"type": "future_step", "value": "password"}},
		}, map[string]any{
			"password": Redacted, "nested": Redacted, "tags": Redacted, "set": Redacted, "null": nil,
		}},
		{"unreadable", "password", map[string]any{
			"password": Redacted, "nested": Redacted, "tags": Redacted, "set": Redacted, "null": nil,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &builder{ctx: context.Background(), file: normalizers.File{Path: "s"}}
			config := attrs()
			b.redactState(config, val{v: tt.sa, n: -1}, "x.y")
			if diff := cmp.Diff(tt.want, config); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
			if unreadable := tt.name == "unreadable"; unreadable != (len(b.diags) == 1) {
				t.Errorf("diagnostics %v", b.diags)
			}
		})
	}
}
