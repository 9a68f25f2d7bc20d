# METADATA
# title: Hardcoded secret in a variable default
# description: >-
#   Checks the default of every input variable (root module and local child modules). A variable
#   fails when it has a non-empty default and (a) it is declared sensitive = true (it holds a
#   secret by its own declaration, so its default is a secret written in the code), or (b) its
#   name says it holds a secret (password, secret, token, api_key, private_key, access_key,
#   credentials, client_secret, ...; names ending in _arn, _id, _name, _path, _file, _length and
#   the like only describe or point at one) and the default is a literal string, or a list or map
#   holding one, or (c) the default, whatever the name, contains a value in a known credential
#   format (AWS access key id, PEM private key, ghp_/github_pat_, glpat-, xox*- tokens, ...),
#   or (d) the default ends up as a credential argument of a provider block. Booleans and numbers
#   are never secrets. A declaration in a module called several times is reported once.
#   Messages name the variable, never the value.
# custom:
#   id: RMP-TF-002
#   severity: critical
#   category: Secrets
#   risk: >-
#     A default is part of the code: everyone with read access to the repository, its forks and
#     its history has the secret, and Terraform silently uses it whenever no other value is
#     given, so the same credential usually ends up in every environment and in every plan and
#     state file.
#   remediation: >-
#     Remove the default (keep sensitive = true) and rotate the secret. Supply the value at run
#     time from a secrets manager or the CI system (TF_VAR_<name>, a -var-file kept out of version
#     control), or read it inside Terraform from AWS Secrets Manager, SSM Parameter Store or Vault
#     with a data source, or let the service generate it (manage_master_user_password for RDS).
#   references:
#     - https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output
#     - https://developer.hashicorp.com/terraform/tutorials/configuration-language/sensitive-variables
#   aliases:
#     tfsec: [general-secrets-sensitive-in-variable, general-secrets-no-plaintext-exposure, GEN001]
#   applies_to:
#     kinds: [terraform]
#     types: [variable]
package rampart.terraform.variables.secret_default

import data.rampart.lib.terraform as tf

deny contains result if {
	some v in tf.variables
	tf.known(v, ["default"])
	reason := _reason(v)
	tf.first_at_location(v)
	result := {
		"msg": sprintf("Variable %q has a hardcoded default: %s.", [tf.variable_name(v), reason]),
		"resource": v.address,
		"attribute": ["default"],
	}
}

_reason(v) := "it is declared sensitive, so the default is a secret written in the code" if {
	v.config.sensitive == true
	_set(v.config.default)
} else := "the value has the format of a credential" if {
	some s in _strings(v.config.default)
	_credential_format(s)
} else := "its name says it holds a secret" if {
	tf.secret_name(tf.variable_name(v))
	some s in _strings(v.config.default)
	tf.secret_value(s)
} else := "the value is used as a provider credential" if {
	some s in _strings(v.config.default)
	some c in tf.provider_credentials
	c.value == s
}

_credential_format(s) if tf.secret_format(s)

_credential_format(s) if tf.credential_json(s)

# a default that is set: not null, not an empty string or collection
_set(d) if {
	d != null
	d != ""
	d != []
	d != {}
}

# the string leaves of a default
_strings(d) := {d} if is_string(d)

else := {s |
	walk(d, [_, s])
	is_string(s)
}
