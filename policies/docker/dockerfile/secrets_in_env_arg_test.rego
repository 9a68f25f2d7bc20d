package rampart.docker.dockerfile.secrets_in_env_arg_test

import data.rampart.docker.dockerfile.inputs_test as t
import data.rampart.docker.dockerfile.secrets_in_env_arg as rule

_findings(doc) := f if {
	f := {[r.resource, object.get(r, "attribute", null)] | some r in rule.deny} with input as doc
}

_warnings(doc) := f if {
	f := {[r.resource, r.attribute] | some r in rule.warn} with input as doc
}

_msgs(doc) := m if {
	m := {r.msg | some r in rule.deny} with input as doc
}

_doc(instrs) := t.dockerfile([t.from_image("app", "python:3.12-slim", instrs)])

test_env_with_secret_name_fires_without_leaking_value if {
	doc := _doc([t.ins("workdir", ["/app"]), t.env([["DB_HOST", "db"], ["DB_PASSWORD", `"Sup3r-S3cret!"`]])])
	_findings(doc) == {["stage.app", ["instructions", 1]]}
	some m in _msgs(doc)
	contains(m, `"DB_PASSWORD"`)
	not contains(m, "Sup3r")
	not contains(m, "DB_HOST")
}

test_secret_names if {
	names := [
		"API_KEY", "apiKey", "STRIPE_SECRET_KEY", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN",
		"npm-auth-token", "MYSQL_ROOT_PASSWORD", "DB_PWD", "SECRET_KEY_BASE", "RAILS_MASTER_KEY",
		"GOOGLE_CREDENTIALS", "SSH_PRIVATE_KEY", "JWT_SECRET", "SMTP_PASSWD", "GPG_PASSPHRASE",
	]
	every n in names {
		_findings(_doc([t.env([[n, "x9f2kq"]])])) == {["stage.app", ["instructions", 0]]}
	}
}

test_names_that_only_point_at_secrets_pass if {
	names := [
		"DB_PASSWORD_FILE", "TOKEN_URL", "SECRET_NAME", "AWS_ACCESS_KEY_ID", "PASSWORD_MIN_LENGTH",
		"PWD", "KEYCLOAK_URL", "TOKENIZERS_PARALLELISM", "PASSWORD_HASH_ALGO", "HOME",
	]
	every n in names {
		count(_findings(_doc([t.env([[n, "x9f2kq"]])]))) == 0
	}
}

test_values_that_are_not_literal_secrets_pass if {
	values := [`""`, "", "$DB_PASSWORD", "${DB_PASSWORD}", "/run/secrets/db_password", "true"]
	every v in values {
		count(_findings(_doc([t.env([["DB_PASSWORD", v]])]))) == 0
	}
}

# Token-shaped test values are assembled at run time so that the source holds no string a
# secret scanner would take for a live credential.
test_known_formats_fire_whatever_the_name if {
	values := [
		"AKIAIOSFODNN7EXAMPLE", # AWS's documented example key id
		concat("", ["-----BEGIN OPENSSH ", "PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAA\\n-----END OPENSSH PRIVATE KEY-----"]),
		concat("", ["ghp", "_", "Xk4T0y7Qm9vB2nR5sW8eZ1cF3hJ6lP0aD4gU"]),
		concat("", ["github", "_pat_", "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"]),
		concat("", ["xoxb", "-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"]),
		concat("", ["sk", "_live_", "4eC39HqLyjWDarjtT1zdp7dc"]),
		concat("", ["glpat", "-Ab3dE6gH9jK2mN5pQ8sT"]),
		concat("", ["npm", "_", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"]),
		concat("", ["AIza", "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"]),
	]
	every v in values {
		_findings(_doc([t.env([["SETTING", v]])])) == {["stage.app", ["instructions", 0]]}
	}
}

test_format_lookalikes_pass if {
	values := ["AKIA-not-a-key", "ghp_short", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "-----BEGIN PUBLIC KEY-----"]
	every v in values {
		count(_findings(_doc([t.env([["SETTING", v]])]))) == 0
	}
}

test_arg_default_fires_and_arg_without_default_warns if {
	doc := _doc([t.arg([["NPM_TOKEN", "npm_s3cr3tvalue"], ["NODE_ENV", "production"]]), t.arg([["PIP_INDEX_TOKEN", null]])])
	_findings(doc) == {["stage.app", ["instructions", 0]]}
	_warnings(doc) == {["stage.app", ["instructions", 1]]}
}

test_arg_without_default_does_not_deny if {
	doc := _doc([t.arg([["GITHUB_TOKEN", null]]), t.arg([["API_KEY", `""`]])])
	count(_findings(doc)) == 0
	_warnings(doc) == {["stage.app", ["instructions", 0]], ["stage.app", ["instructions", 1]]}
}

test_env_copying_a_variable_warns if {
	doc := _doc([t.arg([["NPM_TOKEN", null]]), t.env([["NPM_TOKEN", "${NPM_TOKEN}"]])])
	count(_findings(doc)) == 0
	_warnings(doc) == {["stage.app", ["instructions", 0]], ["stage.app", ["instructions", 1]]}
}

test_one_finding_per_instruction if {
	doc := _doc([t.env([["API_KEY", "a1b2c3"], ["DB_PASSWORD", "hunter2"]])])
	_findings(doc) == {["stage.app", ["instructions", 0]]}
	some m in _msgs(doc)
	contains(m, `"API_KEY", "DB_PASSWORD"`)
}

test_global_arg_reported_on_first_stage if {
	doc := t.with_args(
		t.dockerfile([
			t.from_image("build", "golang:1.22", [t.run("go build")]),
			t.from_image("", "alpine:3.20", []),
		]),
		[["GO_VERSION", "1.22"], ["GITLAB_TOKEN", concat("", ["glpat", "-Ab3dE6gH9jK2mN5pQ8sT"])]],
	)
	_findings(doc) == {["stage.build", null]}
	some m in _msgs(doc)
	contains(m, "GITLAB_TOKEN")
	not contains(m, "glpat")
}

test_every_stage_is_checked if {
	doc := t.dockerfile([
		t.from_image("build", "golang:1.22", [t.env([["GOPRIVATE_TOKEN", "abc123def"]])]),
		t.from_image("", "alpine:3.20", [t.env([["APP_ENV", "prod"]])]),
	])
	_findings(doc) == {["stage.build", ["instructions", 0]]}
}

test_label_is_not_checked if {
	doc := _doc([object.union(t.ins("label", ["api_key", "abc", "="]), {"pairs": [{"key": "api_key", "value": "abc"}]})])
	count(_findings(doc)) == 0
}

test_onbuild_trigger_fires if {
	doc := _doc([t.onbuild(t.env([["API_TOKEN", "9f8e7d6c5b4a"]]))])
	_findings(doc) == {["stage.app", ["instructions", 0]]}
	some m in _msgs(doc)
	startswith(m, "ONBUILD ENV in stage.app")
}
