package rampart.lib.terraform_test

import data.rampart.lib.aws.testing as t
import data.rampart.lib.terraform as tf

# --- addresses ---------------------------------------------------------------------------------

test_strip_keys if {
	tf.strip_keys("aws_s3_bucket.b[0]") == "aws_s3_bucket.b"
	tf.strip_keys(`aws_s3_bucket.b["a.b]c"]`) == "aws_s3_bucket.b"
	tf.strip_keys(`module.m[1].module.n["k"].aws_s3_bucket.b[2]`) == "module.m.module.n.aws_s3_bucket.b"
	tf.strip_keys("aws_s3_bucket.b") == "aws_s3_bucket.b"
}

test_local_address_and_module_path if {
	tf.local_address(`module.m[0].module.n["x"].aws_s3_bucket.b[1]`) == "aws_s3_bucket.b[1]"
	tf.module_path(`module.m[0].module.n["x"].aws_s3_bucket.b[1]`) == `module.m[0].module.n["x"].`
	tf.module_path("aws_s3_bucket.b") == ""
	tf.in_root("aws_s3_bucket.b[0]")
	not tf.in_root("module.m.aws_s3_bucket.b")
}

test_instance_key if {
	tf.instance_key("aws_s3_bucket.b[0]") == "0"
	tf.instance_key(`aws_s3_bucket.b["logs"]`) == "logs"
	tf.instance_key(`aws_s3_bucket.b["a\"b"]`) == `a"b`
	tf.instance_key("module.m[3].aws_s3_bucket.b") == ""
	tf.instance_base(`module.m[3].aws_s3_bucket.b["k"]`) == "module.m[3].aws_s3_bucket.b"
}

test_data_sources_are_not_managed if {
	tf.is_data(t.res("data.aws_s3_bucket.b", {}))
	tf.is_data(t.res("module.data.data.aws_s3_bucket.b", {}))
	not tf.is_data(t.res("module.data.aws_s3_bucket.b", {}))
	doc := t.tf([
		t.res("aws_s3_bucket.b", {}),
		t.res("data.aws_s3_bucket.d", {}),
		t.res("provider.aws", {}),
		t.res("var.x", {}),
	])
	managed := tf.managed with input as doc
	object.keys(managed) == {"aws_s3_bucket.b"}
	typed := tf.typed with input as doc
	object.keys(typed.aws_s3_bucket) == {"aws_s3_bucket.b"}
}

test_views_are_empty_for_other_kinds if {
	count(tf.managed) == 0 with input as t.doc("kubernetes", [t.res("aws_s3_bucket.b", {})])
}

# --- unknown values ----------------------------------------------------------------------------

test_unknown_covers_parents_and_children if {
	r := t.unknown(t.res("aws_security_group.g", {}), ["ingress.0.cidr_blocks"])
	tf.unknown(r, ["ingress", 0, "cidr_blocks"])
	tf.unknown(r, "ingress.0.cidr_blocks")
	tf.unknown(r, ["ingress"]) # parent
	tf.unknown(r, ["ingress", 0, "cidr_blocks", 1]) # child
	tf.known(r, ["ingress", 0, "from_port"])
	tf.known(r, ["ingress", 1])
	tf.known(r, ["ingress", 0, "cidr"]) # a prefix of the name, not a parent
}

test_known_value if {
	r := t.unknown(t.res("aws_s3_bucket.b", {"acl": "private", "policy": null}), ["bucket"])
	tf.known_value(r, ["acl"]) == "private"
	not tf.known_value(r, ["policy"]) # null
	not tf.known_value(r, ["bucket"]) # unknown
	not tf.known_value(r, ["versioning"]) # absent
}

# --- joins ------------------------------------------------------------------------------------

test_references_match_instances if {
	b0 := t.res("aws_s3_bucket.b[0]", {})
	b1 := t.res("aws_s3_bucket.b[1]", {})
	pab0 := t.refs(t.res("aws_s3_bucket_public_access_block.p[0]", {}), {"bucket": ["aws_s3_bucket.b"]})
	pab := t.refs(t.res("aws_s3_bucket_public_access_block.one", {}), {"bucket": ["aws_s3_bucket.b"]})
	doc := t.tf([b0, b1, pab0, pab])
	tf.references_to(pab0, "bucket", b0) with input as doc
	not tf.references_to(pab0, "bucket", b1) with input as doc # p[0] goes with b[0]
	tf.references_to(pab, "bucket", b0) with input as doc # an unexpanded resource may point at any
	tf.references_to(pab, "bucket", b1) with input as doc
	not tf.references_to(pab, "acl", b0) with input as doc # another attribute
}

test_references_with_unrelated_keys_match_every_instance if {
	# p["x"] refers to aws_s3_bucket.b, whose instances are keyed 0 and 1: no instance p could
	# pair with, so it may point at any of them
	b0 := t.res("aws_s3_bucket.b[0]", {})
	px := t.refs(t.res(`aws_s3_bucket_public_access_block.p["x"]`, {}), {"bucket": ["aws_s3_bucket.b"]})
	doc := t.tf([b0, px])
	tf.references_to(px, "bucket", b0) with input as doc
}

test_references_stay_in_their_module_instance if {
	b0 := t.res("module.m[0].aws_s3_bucket.b", {})
	b1 := t.res("module.m[1].aws_s3_bucket.b", {})
	p0 := t.refs(t.res("module.m[0].aws_s3_bucket_policy.p", {}), {"bucket": ["module.m[0].aws_s3_bucket.b"]})
	doc := t.tf([b0, b1, p0])
	tf.references_to(p0, "bucket", b0) with input as doc
	not tf.references_to(p0, "bucket", b1) with input as doc
}

test_value_matches if {
	r := t.res("aws_s3_bucket_policy.p", {"bucket": "logs"})
	tf.value_matches(r, "bucket", {"logs", "arn:aws:s3:::logs"})
	not tf.value_matches(r, "bucket", {"other"})
	not tf.value_matches(t.res("aws_s3_bucket_policy.p", {"bucket": "(sensitive)"}), "bucket", {"(sensitive)"})
	not tf.value_matches(t.unknown(t.res("aws_s3_bucket_policy.p", {}), ["bucket"]), "bucket", {"logs"})
}

test_identifiers if {
	r := t.unknown(t.res("aws_s3_bucket.b", {"bucket": "logs", "id": "", "arn": null}), ["arn"])
	tf.identifiers(r, ["bucket", "id", "arn"]) == {"logs"}
}

# --- root blocks -------------------------------------------------------------------------------

test_root_terraform_is_the_root_block_only if {
	doc := t.tf([t.res("module.m.terraform", {}), t.res("terraform", {"backend": []})])
	r := tf.root_terraform with input as doc
	r.address == "terraform"
	not tf.root_terraform with input as t.tf([t.res("module.m.terraform", {})])
}

test_variable_name if {
	tf.variable_name(t.res("module.m.var.db_password", {})) == "db_password"
	tf.variable_name(t.res("var.x", {})) == "x"
}

test_first_at_location if {
	a := t.at(t.res("module.a.var.token", {}), 5)
	b := t.at(t.res("module.b.var.token", {}), 5)
	c := t.at(t.res("module.b.var.other", {}), 40)
	doc := t.tf([a, b, c])
	tf.first_at_location(a) with input as doc
	not tf.first_at_location(b) with input as doc
	tf.first_at_location(c) with input as doc
}

# --- secrets ------------------------------------------------------------------------------------

test_secret_names if {
	every name in [
		"password", "db_password", "dbPassword", "DB-PASSWORD", "secret_key", "access_key",
		"api_key", "apiKey", "client_secret", "token", "github_token", "private_key",
		"credentials", "secret_key_base", "client_secret_value", "api_keys", "admin_passwords",
	] {
		tf.secret_name(name)
	}
	every name in [
		"password_length", "secret_arn", "secret_name", "kms_key_id", "token_ttl", "ssh_public_key",
		"key_name", "private_key_path", "credentials_file", "shared_credentials_files", "token_file",
		"region", "key",
	] {
		not tf.secret_name(name)
	}
}

test_secret_formats if {
	tf.secret_format("AKIAABCDEFGHIJKLMNOP")
	tf.secret_format("key: -----BEGIN RSA PRIVATE KEY-----\nMIIE...")
	tf.secret_format("-----BEGIN OPENSSH PRIVATE KEY-----")
	tf.secret_format("ghp_abcdefghijklmnopqrstuvwxyz0123456789")
	tf.secret_format("xoxb-1234567890-abcdef")
	not tf.secret_format("-----BEGIN PUBLIC KEY-----")
	not tf.secret_format("AKIA-not-a-key")
	not tf.secret_format(42)
}

test_secret_values if {
	tf.secret_value("hunter2")
	not tf.secret_value("")
	not tf.secret_value("  ")
	not tf.secret_value("(sensitive)")
	not tf.secret_value("/etc/secrets/db")
	not tf.secret_value("~/.aws/credentials")
	not tf.secret_value("account.json")
	not tf.secret_value("${DB_PASSWORD}")
	not tf.secret_value("true")
	not tf.secret_value(true)
}

test_credential_json if {
	tf.credential_json(`{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nabc"}`)
	not tf.credential_json(`{"type": "service_account", "client_email": "a@b"}`)
	not tf.credential_json("account.json")
}

test_provider_credentials if {
	p := t.res("provider.aws", {
		"region": "eu-west-1",
		"access_key": "AKIAABCDEFGHIJKLMNOP",
		"secret_key": "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
		"token": "(sensitive)",
		"shared_credentials_files": ["~/.aws/credentials"],
		"profile": "prod",
		"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/deploy", "external_id": "x"}],
		"default_tags": [{"tags": {"token": "not-a-credential"}}],
	})
	g := t.res("provider.google", {"credentials": "account.json"})
	k := t.res("provider.kubernetes", {"exec": [{"api_version": "v1", "token": "abc.def.ghi"}]})
	creds := tf.provider_credentials with input as t.tf([p, g, k])
	{[c.resource.address, c.attribute] | some c in creds} == {
		["provider.aws", ["access_key"]],
		["provider.aws", ["secret_key"]],
		["provider.kubernetes", ["exec", 0, "token"]],
	}
}

test_provider_credentials_skip_unknown if {
	p := t.unknown(t.res("provider.aws", {}), ["secret_key"])
	count(tf.provider_credentials) == 0 with input as t.tf([p])
}
