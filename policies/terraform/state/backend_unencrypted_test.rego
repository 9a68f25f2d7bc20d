package rampart.terraform.state.backend_unencrypted_test

import data.rampart.lib.aws.testing as t
import data.rampart.terraform.state.backend_unencrypted as rule

_tf(config) := t.res("terraform", config)

_s3(config) := _tf({"backend": [{"type": "s3", "config": config}]})

_bucket := t.res("aws_s3_bucket.b", {})

test_no_terraform_block if {
	results := rule.deny with input as t.tf([t.res("module.m.terraform", {"backend": [{"type": "local", "config": {}}]}), t.res("provider.aws", {}), _bucket])
	t.hits(results) == {["provider.aws", null]}
	some r in results
	contains(r.msg, "local terraform.tfstate")
}

test_terraform_block_without_backend if {
	results := rule.deny with input as t.tf([_tf({"required_version": ">= 1.5"}), _bucket])
	t.hits(results) == {["terraform", null]}
}

test_local_backend if {
	results := rule.deny with input as t.tf([_tf({"backend": [{"type": "local", "config": {"path": "state/terraform.tfstate"}}]})])
	t.hits(results) == {["terraform", ["backend", 0]]}
}

test_s3_without_encrypt if {
	results := rule.deny with input as t.tf([_s3({"bucket": "tf-state", "key": "prod.tfstate", "region": "eu-west-1"})])
	t.hits(results) == {["terraform", ["backend", 0]]}
}

test_s3_with_kms_key_but_without_encrypt if {
	results := rule.deny with input as t.tf([_s3({"bucket": "tf-state", "key": "k", "kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/1"})])
	t.hits(results) == {["terraform", ["backend", 0]]}
	some r in results
	contains(r.msg, "kms_key_id is ignored")
}

test_s3_encrypt_false if {
	results := rule.deny with input as t.tf([_s3({"bucket": "tf-state", "key": "k", "encrypt": false})])
	t.hits(results) == {["terraform", ["backend", 0, "config", "encrypt"]]}
}

test_encrypted_and_managed_backends_pass if {
	every doc in [
		t.tf([_s3({"bucket": "tf-state", "key": "k", "encrypt": true})]),
		t.tf([_s3({"bucket": "tf-state", "key": "k", "encrypt": "true"})]),
		t.tf([_tf({"backend": [{"type": "gcs", "config": {"bucket": "tf-state"}}]})]),
		t.tf([_tf({"backend": [{"type": "azurerm", "config": {}}]})]),
		t.tf([_tf({"cloud": [{"organization": "acme", "workspaces": [{"name": "prod"}]}]})]),
		t.tf([_s3({"bucket": "tf-state", "key": "k", "encrypt": true}), t.res("module.m.terraform", {"backend": [{"type": "local", "config": {}}]})]),
	] {
		count(rule.deny) == 0 with input as doc
		count(rule.warn) == 0 with input as doc
	}
}

test_unknown_encrypt_is_silent if {
	doc := t.tf([t.unknown(_s3({"bucket": "tf-state"}), ["backend.0.config.encrypt"])])
	count(rule.deny) == 0 with input as doc
	count(rule.warn) == 0 with input as doc
}

test_partial_configuration_warns if {
	doc := t.tf([_s3({})])
	count(rule.deny) == 0 with input as doc
	t.hits(rule.warn) == {["terraform", ["backend", 0]]} with input as doc
}

test_plans_and_state_are_not_checked if {
	count(rule.deny) == 0 with input as t.plan([_bucket])
	count(rule.deny) == 0 with input as t.state([_bucket])
}
