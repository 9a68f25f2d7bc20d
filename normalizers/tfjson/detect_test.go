package tfjson

import "testing"

func TestNames(t *testing.T) {
	if got := NewPlan().Name(); got != "terraform-plan" {
		t.Errorf("NewPlan().Name() = %q", got)
	}
	if got := NewState().Name(); got != "terraform-state" {
		t.Errorf("NewState().Name() = %q", got)
	}
}

func TestDetect(t *testing.T) {
	const (
		plan     = `{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{}}}`
		state    = "{\n  \"version\": 4,\n  \"terraform_version\": \"1.9.5\",\n  \"serial\": 1,\n  \"resources\": []\n}\n"
		neither  = 0
		isPlan   = 1
		isState  = 2
		manifest = `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"plan.json": "{\"format_version\": \"1.2\", \"planned_values\": {}}"}}`
	)
	tests := []struct {
		name, path, content string
		want                int
	}{
		{"plan", "plan.json", plan, isPlan},
		{"plan with resource_changes only", "out/tfplan.json", `{"format_version": "1.0", "resource_changes": []}`, isPlan},
		{"plan with BOM and blanks", "PLAN.JSON", "\ufeff\n  " + plan, isPlan},
		{"plan.tfplan.json", "x.tfplan.json", plan, isPlan},
		{"state", "terraform.tfstate", state, isState},
		{"state backup", "terraform.tfstate.backup", state, isState},
		{"state json", "prod/state.json", state, isState},
		{"state compact", "s.json", `{"version":4,"terraform_version":"1.0.0","resources":[]}`, isState},
		{"state version last", "s.json", `{"terraform_version":"1.0.0","resources":[],"version" : 4}`, isState},
		{"state version 3", "terraform.tfstate", `{"version": 3, "terraform_version": "0.11.0", "modules": [{"resources": {}}]}`, neither},
		{"state version 40", "terraform.tfstate", `{"version": 40, "terraform_version": "x", "resources": []}`, neither},
		{"state version 4.5", "terraform.tfstate", `{"version": 4.5, "terraform_version": "x", "resources": []}`, neither},
		{"state version as string", "terraform.tfstate", `{"version": "4", "terraform_version": "x", "resources": []}`, neither},
		{"state without resources", "terraform.tfstate", `{"version": 4, "terraform_version": "1.9.5"}`, neither},
		{"state wrong extension", "terraform.tfstate.txt", state, neither},
		{"plan wrong extension", "plan.out", plan, neither},
		{"plan as tfstate", "plan.tfstate", plan, neither},
		{"show -json of a state", "state.json", `{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{"resources":[]}}}`, neither},
		{"keys inside a string", "x.json", `{"note": "\"format_version\": 1, \"planned_values\": {}"}`, neither},
		{"escaped backslash before key", "x.json", `{"a": "\\", "format_version": "1.0", "planned_values": {}}`, isPlan},
		{"key without colon", "x.json", `{"list": ["format_version", "planned_values"]}`, neither},
		{"top-level array", "x.json", `[{"format_version": "1.0", "planned_values": {}}]`, neither},
		{"kubernetes", "cm.json", manifest, neither},
		{"kubernetes with state-like keys", "cm.json", `{"apiVersion": "v1", "kind": "ConfigMap", "data": {"version": 4}}`, neither},
		{"CloudFormation", "stack.json", `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, neither},
		{"Terraform JSON configuration", "main.tf.json", `{"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}, "terraform": {"required_version": ">= 1.0"}}`, neither},
		{"package.json", "package.json", `{"name": "x", "version": "4.0.0", "resources": []}`, neither},
		{"empty", "plan.json", "", neither},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := []byte(tt.content)
			if got := NewPlan().Detect(tt.path, content); got != (tt.want == isPlan) {
				t.Errorf("Plan.Detect(%q) = %v", tt.path, got)
			}
			if got := NewState().Detect(tt.path, content); got != (tt.want == isState) {
				t.Errorf("State.Detect(%q) = %v", tt.path, got)
			}
		})
	}
}
