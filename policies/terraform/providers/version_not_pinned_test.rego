package rampart.terraform.providers.version_not_pinned_test

import data.rampart.lib.aws.testing as t
import data.rampart.terraform.providers.version_not_pinned as rule

_required(providers) := t.res("terraform", {"required_providers": providers})

_bucket := t.res("aws_s3_bucket.b", {})

test_entry_without_version if {
	results := rule.deny with input as t.tf([_required({"aws": {"source": "hashicorp/aws"}}), _bucket])
	t.hits(results) == {["terraform", ["required_providers", "aws"]]}
	some r in results
	contains(r.msg, `"aws"`)
}

test_no_entry_reported_on_the_terraform_block if {
	results := rule.deny with input as t.tf([_required({"aws": {"source": "hashicorp/aws", "version": "~> 5.0"}}), _bucket, t.res("random_id.x", {})])
	t.hits(results) == {["terraform", null]}
	some r in results
	contains(r.msg, `"random"`)
}

test_no_terraform_block_reported_on_the_provider_block if {
	results := rule.deny with input as t.tf([t.res("provider.aws", {"region": "eu-west-1"}), t.res("provider.aws.west", {"alias": "west"}), _bucket])
	t.hits(results) == {["provider.aws", null]}
}

test_no_terraform_block_nor_provider_block if {
	results := rule.deny with input as t.tf([t.res("module.m.aws_s3_bucket.b[0]", {}), t.res("module.m.aws_s3_bucket.b[1]", {})])
	t.hits(results) == {["module.m.aws_s3_bucket.b[0]", null]}
}

test_provider_used_only_by_a_child_module if {
	doc := t.tf([
		_required({"aws": {"version": "~> 5.0"}}),
		t.res("module.dns.terraform", {"required_providers": {"cloudflare": {"version": "~> 4.0"}}}),
		t.res("module.dns.cloudflare_record.r", {}),
	])
	t.hits(rule.deny) == {["terraform", null]} with input as doc
}

test_lower_bound_only_warns if {
	doc := t.tf([_required({"aws": {"version": ">= 4.0"}, "random": {"version": ">= 3.0, != 3.1.0"}}), _bucket, t.res("random_id.x", {})])
	count(rule.deny) == 0 with input as doc
	t.hits(rule.warn) == {["terraform", ["required_providers", "aws", "version"]], ["terraform", ["required_providers", "random", "version"]]} with input as doc
}

test_bounded_constraints_pass if {
	every version in ["~> 5.0", "5.31.0", "= 5.31.0", ">= 4.0, < 6.0", "<= 5.9", "v5.1.0"] {
		doc := t.tf([_required({"aws": {"version": version}}), _bucket])
		count(rule.deny) == 0 with input as doc
		count(rule.warn) == 0 with input as doc
	}
}

test_legacy_provider_version_argument if {
	doc := t.tf([t.res("provider.aws", {"version": "~> 2.70"}), _bucket])
	count(rule.deny) == 0 with input as doc
}

test_terraform_builtin_provider_is_ignored if {
	r := object.union(t.res("terraform_data.x", {}), {"provider": "terraform"})
	doc := t.tf([_required({}), r, t.res("var.x", {}), t.res("output.y", {})])
	count(rule.deny) == 0 with input as doc
}

test_plans_are_not_checked if {
	count(rule.deny) == 0 with input as t.plan([_bucket])
}
