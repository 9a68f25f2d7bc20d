package rampart.terraform.providers.hardcoded_credentials_test

import data.rampart.lib.aws.testing as t
import data.rampart.terraform.providers.hardcoded_credentials as rule

_aws := t.res("provider.aws", {
	"region": "eu-west-1",
	"access_key": "AKIAABCDEFGHIJKLMNOP",
	"secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
})

test_literal_credentials_in_a_provider_block if {
	results := rule.deny with input as t.tf([_aws])
	t.hits(results) == {["provider.aws", ["access_key"]], ["provider.aws", ["secret_key"]]}
	every r in results {
		not contains(r.msg, "AKIAABCDEFGHIJKLMNOP")
		not contains(r.msg, "wJalrXUtnFEMI")
		contains(r.msg, "provider.aws")
	}
}

test_plan_provider_constants if {
	results := rule.deny with input as t.plan([t.res("provider.github", {"token": "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "owner": "acme"})])
	t.hits(results) == {["provider.github", ["token"]]}
}

test_nested_block_and_format_only if {
	k := t.res("provider.kubernetes", {"host": "https://k8s", "exec": [{"api_version": "v1", "token": "eyJhbGciOi.abc.def"}]})
	g := t.res("provider.google", {"credentials": `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"}`})
	results := rule.deny with input as t.tf([k, g])
	t.hits(results) == {["provider.kubernetes", ["exec", 0, "token"]], ["provider.google", ["credentials"]]}
}

test_value_from_a_variable_default_is_left_to_the_variable_rule if {
	v := t.res("var.secret_key", {"default": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sensitive": false})
	results := rule.deny with input as t.tf([_aws, v])
	t.hits(results) == {["provider.aws", ["access_key"]]}
}

test_value_from_tfvars_is_reported if {
	v := t.res("var.secret_key", {"value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sensitive": false})
	results := rule.deny with input as t.tf([_aws, v])
	t.hits(results) == {["provider.aws", ["access_key"]], ["provider.aws", ["secret_key"]]}
}

test_silent_without_literal_credentials if {
	p := t.unknown(
		t.res("provider.aws", {
			"region": "eu-west-1",
			"profile": "prod",
			"token": "(sensitive)",
			"shared_credentials_files": ["~/.aws/credentials"],
			"default_tags": [{"tags": {"api_key": "not-a-credential"}}],
		}),
		["access_key", "secret_key"],
	)
	g := t.res("provider.google", {"credentials": "account.json", "project": "p"})
	count(rule.deny) == 0 with input as t.tf([p, g])
}

test_provider_of_a_module_called_twice_is_reported_once if {
	a := t.at(t.res("module.a.provider.aws", {"access_key": "AKIAABCDEFGHIJKLMNOP"}), 3)
	b := t.at(t.res("module.b.provider.aws", {"access_key": "AKIAABCDEFGHIJKLMNOP"}), 3)
	results := rule.deny with input as t.tf([a, b])
	t.hits(results) == {["module.a.provider.aws", ["access_key"]]}
}

test_other_kinds_are_ignored if {
	count(rule.deny) == 0 with input as t.doc("kubernetes", [_aws])
}
