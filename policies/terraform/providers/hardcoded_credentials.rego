# METADATA
# title: Hardcoded credential in a provider block
# description: >-
#   Checks every provider configuration block (of the root module and of local child modules,
#   and the constant arguments of a plan's provider configurations) for credentials written into
#   the configuration: a string argument whose name says it is a secret (access_key, secret_key,
#   token, password, client_secret, api_key, api_token, credentials, client_key, ...) set to a
#   literal value, or any argument whose value has a known credential format (AWS access key id,
#   PEM private key, GitHub, GitLab, Slack, Stripe or Google tokens, a service-account JSON key
#   with its private_key). File paths (credentials = "account.json") are not secrets. A value
#   redacted as "(sensitive)" came from a variable declared sensitive and is not reported here;
#   a value equal to a variable's default is reported once, on the variable, by RMP-TF-002, so a
#   finding here means the secret is written in the provider block itself, in a local value, or
#   in a .tfvars file. Messages name the argument, never its value.
# custom:
#   id: RMP-TF-001
#   severity: critical
#   category: Secrets
#   risk: >-
#     Anyone who can read the repository (every developer, CI system, fork, backup or leaked
#     clone) gets the cloud or service credential and can act with all its permissions; it also
#     lands in plan files and in the history of version control, where it stays after the line
#     is deleted.
#   remediation: >-
#     Remove the value and rotate the credential. Let the provider read credentials from its
#     standard sources instead (environment variables such as AWS_ACCESS_KEY_ID, shared
#     credential files or profiles, instance or workload identity, OIDC federation in CI), or pass
#     them through a variable declared sensitive = true without a default, filled from a secrets
#     manager at run time.
#   references:
#     - https://developer.hashicorp.com/terraform/language/providers/configuration
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration
#     - https://developer.hashicorp.com/terraform/tutorials/configuration-language/sensitive-variables
#   aliases:
#     checkov: [CKV_AWS_41, CKV_BCW_1, CKV_LIN_1, CKV_NCP_17, CKV_OCI_1, CKV_OPENSTACK_1, CKV_PAN_1]
#     tfsec:
#       - aws-misc-no-exposing-plaintext-credentials
#       - general-secrets-no-plaintext-exposure
#       - general-secrets-sensitive-in-attribute
#       - AWS044
#       - GEN003
#   applies_to:
#     kinds: [terraform, terraform-plan]
#     types: [provider]
package rampart.terraform.providers.hardcoded_credentials

import data.rampart.lib.terraform as tf

deny contains result if {
	some c in tf.provider_credentials
	not _from_variable_default(c)
	tf.first_at_location(c.resource)
	result := {
		"msg": sprintf("Provider configuration %s sets %q to a literal credential.", [c.resource.address, tf.path_string(c.attribute)]),
		"resource": c.resource.address,
		"attribute": c.attribute,
	}
}

# the value is a variable's default: RMP-TF-002 reports it on the variable
_from_variable_default(c) if {
	some v in tf.variables
	v.config.default == c.value
}
