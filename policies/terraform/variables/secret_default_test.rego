package rampart.terraform.variables.secret_default_test

import data.rampart.lib.aws.testing as t
import data.rampart.terraform.variables.secret_default as rule

_var(name, config) := t.res(sprintf("var.%s", [name]), object.union({"sensitive": false, "nullable": true}, config))

test_secret_name_with_a_default if {
	results := rule.deny with input as t.tf([_var("db_password", {"default": "hunter22", "value": "hunter22"})])
	t.hits(results) == {["var.db_password", ["default"]]}
	some r in results
	contains(r.msg, `"db_password"`)
	not contains(r.msg, "hunter22")
}

test_sensitive_variable_with_a_default if {
	results := rule.deny with input as t.tf([_var("db", {"sensitive": true, "default": "(sensitive)", "value": "(sensitive)"})])
	t.hits(results) == {["var.db", ["default"]]}
	some r in results
	contains(r.msg, "sensitive")
}

test_credential_format_whatever_the_name if {
	results := rule.deny with input as t.tf([_var("deploy", {"default": "AKIAABCDEFGHIJKLMNOP"})])
	t.hits(results) == {["var.deploy", ["default"]]}
}

test_collections_holding_secrets if {
	results := rule.deny with input as t.tf([
		_var("api_keys", {"default": {"stripe": "abc123", "sendgrid": "def456"}}),
		_var("config", {"default": {"ssh": "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n"}}),
	])
	t.resources(results) == {"var.api_keys", "var.config"}
}

test_default_used_as_a_provider_credential if {
	v := _var("aws_sk", {"default": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})
	p := t.res("provider.aws", {"secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"})
	results := rule.deny with input as t.tf([v, p])
	t.hits(results) == {["var.aws_sk", ["default"]]}
	some r in results
	contains(r.msg, "provider credential")
}

test_silent_on_safe_defaults if {
	doc := t.tf([
		_var("db_password", {}), # no default
		_var("api_token", {"default": ""}),
		_var("github_token", {"default": null}),
		_var("enable_token", {"default": true}),
		_var("password_length", {"default": 24}),
		_var("secret_name", {"default": "prod/db/password"}),
		_var("private_key_path", {"default": "~/.ssh/id_rsa"}),
		_var("region", {"default": "eu-west-1"}),
		_var("sensitive_without_default", {"sensitive": true}),
		_var("sensitive_null", {"sensitive": true, "default": null}),
	])
	count(rule.deny) == 0 with input as doc
}

test_silent_when_the_default_is_unknown if {
	v := t.unknown(_var("db_password", {}), ["default"])
	count(rule.deny) == 0 with input as t.tf([v])
}

test_module_variables_reported_once if {
	a := t.at(t.res("module.a.var.token", {"default": "s3cr3t-token-value", "sensitive": false}), 7)
	b := t.at(t.res("module.b.var.token", {"default": "s3cr3t-token-value", "sensitive": false}), 7)
	results := rule.deny with input as t.tf([a, b])
	t.hits(results) == {["module.a.var.token", ["default"]]}
}

test_plans_have_no_variable_resources if {
	count(rule.deny) == 0 with input as t.plan([_var("db_password", {"default": "hunter22"})])
}
