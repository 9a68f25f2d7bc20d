# METADATA
# title: Provider version not pinned
# description: >-
#   Checks that every provider the configuration uses (by a resource or data source anywhere in
#   the document, or by a provider block) has a version constraint in the root module's
#   terraform { required_providers { ... } } block. A provider without an entry, or with an
#   entry without `version`, fails. A constraint with a lower bound only (">= 4.0", "> 3.1")
#   lets any future major release in and yields a warning. The legacy `version` argument of a
#   root provider block counts as a constraint. Terraform's built-in provider (terraform_data,
#   terraform_remote_state) needs no constraint.
# custom:
#   id: RMP-TF-004
#   severity: low
#   category: Compute
#   risk: >-
#     terraform init installs the newest provider release that matches: a new major version can
#     change defaults or behaviour and alter or destroy infrastructure on the next apply, and a
#     compromised or typo-squatted release would run with the deployment's cloud credentials.
#     Runs on different machines may also use different provider versions.
#   remediation: >-
#     Declare every provider with its source and a bounded constraint in the root module, e.g.
#     terraform { required_providers { aws = { source = "hashicorp/aws", version = "~> 5.40" } } },
#     and commit .terraform.lock.hcl so every run installs the same, checksum-verified build.
#   references:
#     - https://developer.hashicorp.com/terraform/language/providers/requirements
#     - https://developer.hashicorp.com/terraform/language/files/dependency-lock
#   applies_to:
#     kinds: [terraform]
#     types: [terraform, provider]
package rampart.terraform.providers.version_not_pinned

import data.rampart.lib.terraform as tf

deny contains result if {
	input.kind == "terraform"
	some name in _used
	not _constraint(name)
	at := _report_at(name)
	result := object.union(at, {"msg": sprintf("Provider %q is used without a version constraint in the root module's required_providers.", [name])})
}

warn contains result if {
	input.kind == "terraform"
	some name in _used
	c := _constraint(name)
	not _upper_bound(c.version)
	result := {
		"msg": sprintf("Provider %q is constrained to %q, a lower bound only: any future major release can be installed.", [name, c.version]),
		"resource": c.resource.address,
		"attribute": c.attribute,
	}
}

# provider local names used by resources, data sources and provider blocks
_used contains name if {
	some r in input.resources
	not r.type in {"variable", "output", "module", "terraform"}
	name := r.provider
	is_string(name)
	name != ""
	name != "terraform"
}

# the version constraint of a provider: the root required_providers entry, else the legacy
# version argument of a root provider block
_constraint(name) := c if {
	t := tf.root_terraform
	v := t.config.required_providers[name].version
	tf.literal(v)
	c := {"resource": t, "attribute": ["required_providers", name, "version"], "version": v}
} else := c if {
	some p in tf.providers
	p.provider == name
	tf.in_root(p.address)
	v := p.config.version
	tf.literal(v)
	c := {"resource": p, "attribute": ["version"], "version": v}
}

# a constraint with an upper bound: ~>, <, <=, or an exact version, in any of its clauses
_upper_bound(version) if {
	some clause in split(version, ",")
	regex.match(`^\s*(~>|<=?|=)?\s*v?[0-9]`, clause)
	not regex.match(`^\s*(>=?|!=)`, clause)
}

# where to report a missing constraint: the required_providers entry without version, else
# the root terraform block, else a root provider block, else the first resource using it
_report_at(name) := {"resource": t.address, "attribute": ["required_providers", name]} if {
	t := tf.root_terraform
	is_object(t.config.required_providers[name])
} else := {"resource": t.address} if {
	t := tf.root_terraform
} else := {"resource": p} if {
	ps := sort([a |
		some a, x in tf.providers
		x.provider == name
		tf.in_root(a)
	])
	p := ps[0]
} else := {"resource": r.address} if {
	users := [x |
		some x in input.resources
		x.provider == name
		not x.type in tf.meta_types
	]
	r := users[0]
}
