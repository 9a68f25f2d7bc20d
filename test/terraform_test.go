package test

import (
	"context"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/normalizers/all"
	"github.com/rampart-iac/rampart/scan"
)

// ruleAddresses scans a path and returns "RULE address" for the given rules.
func ruleAddresses(t *testing.T, path string, rules ...string) ([]string, *scan.Result) {
	t.Helper()
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{path}, Registry: all.Registry(), Engine: builtinEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Errorf("input error: %s", e.Error())
	}
	want := map[string]bool{}
	for _, r := range rules {
		want[r] = true
	}
	var out []string
	for _, f := range res.Findings {
		if want[f.RuleID] {
			out = append(out, f.RuleID+" "+f.Resource.Address)
		}
	}
	sort.Strings(out)
	return out, res
}

// TestTerraformHCLPlanStateAgree: the same misconfiguration written as HCL,
// as `terraform show -json` plan output and as a state file gives the same
// rule ids at the same addresses.
func TestTerraformHCLPlanStateAgree(t *testing.T) {
	want := []string{"RMP-AWS-EC2-001 aws_security_group.ssh", "RMP-AWS-S3-001 aws_s3_bucket.logs"}
	for _, kind := range []string{"hcl", "plan", "state"} {
		t.Run(kind, func(t *testing.T) {
			got, res := ruleAddresses(t, "testdata/tf-equivalence/"+kind, "RMP-AWS-S3-001", "RMP-AWS-EC2-001")
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			if len(res.Documents) != 1 {
				t.Fatalf("want one document, got %d", len(res.Documents))
			}
		})
	}
}

// TestTerraformCountAndModules: count = 3 gives three findings with distinct
// addresses; a module called twice gives findings under both module
// addresses, located in the module's own file.
func TestTerraformCountAndModules(t *testing.T) {
	got, res := ruleAddresses(t, "testdata/tf-modules", "RMP-AWS-S3-004")
	want := []string{
		"RMP-AWS-S3-004 aws_s3_bucket.shards[0]",
		"RMP-AWS-S3-004 aws_s3_bucket.shards[1]",
		"RMP-AWS-S3-004 aws_s3_bucket.shards[2]",
		"RMP-AWS-S3-004 module.assets.aws_s3_bucket.this",
		"RMP-AWS-S3-004 module.logs.aws_s3_bucket.this",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	for _, f := range res.Findings {
		if f.RuleID == "RMP-AWS-S3-004" && len(f.Resource.Address) > 7 && f.Resource.Address[:7] == "module." {
			if f.Location.Path != "testdata/tf-modules/modules/bucket/main.tf" || f.Resource.StartLine != 5 {
				t.Errorf("%s located at %s:%d, want the module's file at line 5", f.Resource.Address, f.Location.Path, f.Resource.StartLine)
			}
		}
	}
}
