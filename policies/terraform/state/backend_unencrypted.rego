# METADATA
# title: Terraform state stored locally or in an unencrypted backend
# description: >-
#   Checks where the root module keeps its state (the `terraform` block of the root module; a
#   backend in a child module is ignored by Terraform and here). It fails when there is no
#   backend and no cloud block (state is written to a local terraform.tfstate file), when the
#   backend is "local", and when the backend is "s3" without encrypt = true (kms_key_id and
#   sse_customer_key only take effect together with encrypt = true). Backends that always encrypt
#   state at rest (gcs, azurerm, remote, HCP Terraform's cloud block, ...) pass. An s3 backend
#   block that sets neither bucket nor encrypt is a partial configuration completed with
#   -backend-config at init time: its encryption cannot be seen, which yields a warning only.
# custom:
#   id: RMP-TF-003
#   severity: medium
#   category: Data
#   risk: >-
#     State holds every managed attribute in clear text, including generated passwords, private
#     keys and connection strings. A local state file lives on one workstation or CI runner, is
#     easily committed to version control or left in build artifacts, and is lost or forked when
#     two people apply; state in a bucket without server-side encryption is exposed to anyone who
#     obtains the raw objects or backups.
#   remediation: >-
#     Configure a remote backend that encrypts state at rest and supports locking, for example
#     backend "s3" { bucket = "...", key = "...", region = "...", encrypt = true,
#     kms_key_id = "<KMS key ARN>", use_lockfile = true } on a bucket with versioning and a public
#     access block, or HCP Terraform (cloud block), gcs or azurerm. Then run terraform init
#     -migrate-state and delete the local terraform.tfstate files.
#   references:
#     - https://developer.hashicorp.com/terraform/language/state/sensitive-data
#     - https://developer.hashicorp.com/terraform/language/backend/s3
#     - https://developer.hashicorp.com/terraform/language/backend/local
#   applies_to:
#     # no types: the rule also fires on a root module without any terraform block
#     kinds: [terraform]
package rampart.terraform.state.backend_unencrypted

import data.rampart.lib.terraform as tf

# no terraform block at all in the root module: reported on the root module's first block
deny contains result if {
	input.kind == "terraform"
	not tf.root_terraform
	r := _first_root_resource
	result := {
		"msg": "The root module configures no backend: Terraform keeps its state in a local terraform.tfstate file.",
		"resource": r.address,
	}
}

# a terraform block without backend or cloud block
deny contains result if {
	input.kind == "terraform"
	t := tf.root_terraform
	not _has_blocks(t, "backend")
	not _has_blocks(t, "cloud")
	result := {
		"msg": "The terraform block configures no backend: Terraform keeps its state in a local terraform.tfstate file.",
		"resource": t.address,
	}
}

# the local backend
deny contains result if {
	input.kind == "terraform"
	t := tf.root_terraform
	some i, b in t.config.backend
	b.type == "local"
	result := {
		"msg": "The terraform block uses the local backend: state is kept in a file on the machine that runs Terraform.",
		"resource": t.address,
		"attribute": ["backend", i],
	}
}

# s3 with encrypt = false
deny contains result if {
	input.kind == "terraform"
	t := tf.root_terraform
	some i, b in t.config.backend
	b.type == "s3"
	path := ["backend", i, "config", "encrypt"]
	tf.known(t, path)
	tf.falsy(b.config.encrypt)
	result := {
		"msg": "The s3 backend sets encrypt = false: state objects are stored without server-side encryption.",
		"resource": t.address,
		"attribute": path,
	}
}

# s3 without encrypt
deny contains result if {
	input.kind == "terraform"
	t := tf.root_terraform
	some i, b in t.config.backend
	b.type == "s3"
	_absent(t, ["backend", i, "config", "encrypt"])
	_configured_inline(t, i)
	result := {
		"msg": sprintf("The s3 backend does not set encrypt = true%s: state objects are stored without server-side encryption requested by Terraform.", [_kms_note(b)]),
		"resource": t.address,
		"attribute": ["backend", i],
	}
}

# s3 partial configuration: encryption is decided by -backend-config at init time
warn contains result if {
	input.kind == "terraform"
	t := tf.root_terraform
	some i, b in t.config.backend
	b.type == "s3"
	_absent(t, ["backend", i, "config", "encrypt"])
	not _configured_inline(t, i)
	result := {
		"msg": "The s3 backend is configured at init time (-backend-config): make sure that configuration sets encrypt = true, or set it in the backend block.",
		"resource": t.address,
		"attribute": ["backend", i],
	}
}

_has_blocks(t, key) if count(t.config[key]) > 0

_absent(t, path) if {
	tf.known(t, path)
	object.get(t.config, path, null) == null
}

# the block names its bucket (or something else decides it): not a partial configuration
_configured_inline(t, i) if object.get(t.config, ["backend", i, "config", "bucket"], null) != null

_configured_inline(t, i) if tf.unknown(t, ["backend", i, "config", "bucket"])

_kms_note(b) := " (kms_key_id is ignored without it)" if {
	tf.literal(b.config.kms_key_id)
} else := ""

# the first block of the root module, in document order
_first_root_resource := r if {
	roots := [x |
		some x in input.resources
		tf.in_root(x.address)
	]
	r := roots[0]
}
