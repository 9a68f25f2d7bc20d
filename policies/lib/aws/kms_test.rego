package rampart.lib.aws.kms_test

import data.rampart.lib.aws.kms
import data.rampart.lib.aws.testing as t

_policy := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "kms:*", "Resource": "*"}]}

test_terraform_keys if {
	doc := t.tf([
		t.res("aws_kms_key.plain", {}),
		t.res("aws_kms_key.rotated", {"enable_key_rotation": true, "policy": json.marshal(_policy)}),
		t.res("aws_kms_key.signing", {"customer_master_key_spec": "RSA_2048", "key_usage": "SIGN_VERIFY"}),
		t.unknown(t.res("aws_kms_key.unknown", {}), ["enable_key_rotation", "customer_master_key_spec"]),
	])
	keys := kms.keys with input as doc
	p := keys["aws_kms_key.plain"]
	[p.rotation.value, p.rotation.set, p.rotation_applicable, p.key_spec.value, p.policy_statements, p.policy_unknown] == [false, false, true, "SYMMETRIC_DEFAULT", [], false]
	r := keys["aws_kms_key.rotated"]
	[r.rotation.value, r.rotation.attribute] == [true, ["enable_key_rotation"]]
	r.policy_statements[0].statement.Principal == {"AWS": ["arn:aws:iam::1:root"]}
	keys["aws_kms_key.signing"].rotation_applicable == false
	[keys["aws_kms_key.unknown"].rotation.known, keys["aws_kms_key.unknown"].rotation_applicable] == [false, null]
}

test_cfn_keys if {
	doc := t.cfn_inactive(
		[
			t.cres("Key", "AWS::KMS::Key", {"EnableKeyRotation": "false", "KeyPolicy": _policy}),
			t.cres("Hmac", "AWS::KMS::Key", {"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
			t.unknown(t.cres("Cond", "AWS::KMS::Key", {}), ["KeyPolicy"]),
			t.cres("Gone", "AWS::KMS::Key", {}),
		],
		["Gone"],
	)
	keys := kms.keys with input as doc
	object.keys(keys) == {"Key", "Hmac", "Cond"}
	[keys.Key.rotation.value, keys.Key.rotation.set, keys.Key.rotation.attribute, keys.Key.rotation_applicable] == [false, true, ["EnableKeyRotation"], true]
	keys.Key.policy_statements[0].attribute == ["KeyPolicy", "Statement", 0]
	keys.Hmac.rotation_applicable == false
	[keys.Cond.policy_statements, keys.Cond.policy_unknown] == [[], true]
}
