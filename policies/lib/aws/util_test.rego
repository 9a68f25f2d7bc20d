package rampart.lib.aws.util_test

import data.rampart.lib.aws.testing as t
import data.rampart.lib.aws.util

test_kinds if {
	util.kinds == {"terraform", "terraform-plan", "terraform-state", "cloudformation"}
	every k in t.kinds {
		util.terraform with input as t.doc(k, [])
		not util.cloudformation with input as t.doc(k, [])
	}
	not util.terraform with input as t.doc("cloudformation", [])
	util.cloudformation with input as t.doc("cloudformation", [])
}

test_typed_reads_every_terraform_kind if {
	every k in t.kinds {
		typed := util.typed with input as t.doc(k, [t.res("aws_ebs_volume.v", {})])
		object.keys(typed.aws_ebs_volume) == {"aws_ebs_volume.v"}
	}
}

test_strip_keys if {
	util.strip_keys("aws_s3_bucket.b[0]") == "aws_s3_bucket.b"
	util.strip_keys(`module.m["a"].aws_s3_bucket.b`) == "module.m.aws_s3_bucket.b"
}

test_known if {
	r := t.unknown(t.res("aws_ebs_volume.v", {"size": 10}), ["encrypted"])
	util.known(r, ["size"])
	not util.known(r, ["encrypted"])
	util.unknown(r, "encrypted")
}

test_bool_setting if {
	r := t.unknown(t.res("aws_launch_template.l", {"a": true, "b": "false", "c": null, "d": "true"}), ["e"])
	util.bool_setting(r, ["a"]) == true
	util.bool_setting(r, ["b"]) == false
	util.bool_setting(r, ["c"]) == null
	util.bool_setting(r, ["d"]) == true
	util.bool_setting(r, ["f"]) == null # not set
	not util.bool_setting(r, ["e"]) # unknown
}

test_number if {
	util.number(22) == 22
	util.number("22") == 22
	util.number(" -1 ") == -1
	not util.number("ssh")
}

test_linked_by_reference_and_by_value if {
	b := t.res("aws_s3_bucket.b", {"bucket": "logs"})
	by_ref := t.unknown(t.refs(t.res("aws_s3_bucket_policy.p", {}), {"bucket": ["aws_s3_bucket.b"]}), ["bucket"])
	by_value := t.res("aws_s3_bucket_policy.q", {"bucket": "logs"})
	other := t.res("aws_s3_bucket_policy.r", {"bucket": "other"})
	doc := t.tf([b, by_ref, by_value, other])
	ids := util.identifiers(b, ["bucket", "id", "arn"])
	util.linked(by_ref, "bucket", b, ids) with input as doc
	util.linked(by_value, "bucket", b, ids) with input as doc
	not util.linked(other, "bucket", b, ids) with input as doc
}

test_first if {
	util.first([{"a": 1}, {"a": 2}]) == {"a": 1}
	util.first([]) == {}
	util.first({"a": 3}) == {"a": 3}
	util.first(null) == {}
}

test_cfn_typed_skips_inactive_and_foreign_types if {
	doc := t.cfn_inactive(
		[
			t.cres("A", "AWS::S3::Bucket", {}),
			t.cres("B", "AWS::S3::Bucket", {}),
			t.res("aws_s3_bucket.c", {}),
		],
		["B"],
	)
	typed := util.typed with input as doc
	object.keys(typed) == {"AWS::S3::Bucket"}
	object.keys(typed["AWS::S3::Bucket"]) == {"A"}
	util.inactive == {"B"} with input as doc
	util.of_type("AWS::EC2::VPC") == {} with input as doc
}

test_whole_properties_unknown if {
	r := t.unknown(t.cres("A", "AWS::S3::Bucket", {}), [""])
	util.unknown(r, ["BucketName"])
	util.unknown_at(r, ["BucketName"])
	not util.known(r, ["BucketName"])
	not util.known_value(r, ["BucketName"])
}

test_unknown_at_and_children if {
	r := t.unknown(t.cres("P", "AWS::IAM::Policy", {"PolicyDocument": {"Statement": [{"Effect": "Allow"}]}}), ["PolicyDocument.Statement.0.Resource", "PolicyDocument.Statement.0.Condition.Bool"])
	not util.unknown_at(r, ["PolicyDocument"])
	util.unknown(r, ["PolicyDocument"])
	util.unknown_at(r, ["PolicyDocument", "Statement", 0, "Resource", 1])
	util.unknown_children(r, ["PolicyDocument", "Statement", 0]) == {"Resource", "Condition"}
	util.value_known(r, ["PolicyDocument"]) == true
	util.value_known(r, ["PolicyDocument", "Statement", 0, "Resource"]) == false
}

test_string_booleans_any_case if {
	r := t.cres("V", "AWS::EC2::Volume", {"a": "True", "b": "FALSE", "c": "yes"})
	util.bool_setting(r, ["a"]) == true
	util.bool_setting(r, ["b"]) == false
	not util.bool_setting(r, ["c"]) # not a boolean: treated as unknown
}

test_fields if {
	r := t.unknown(t.cres("T", "AWS::CloudTrail::Trail", {"IsLogging": "false", "S3BucketName": "logs", "List": ["a", null, ""]}), ["KMSKeyId", "List.1"])
	util.bool_field(r, ["IsLogging"], true) == {"value": false, "set": true, "known": true, "attribute": ["IsLogging"]}
	util.bool_field(r, ["IsMultiRegionTrail"], false) == {"value": false, "set": false, "known": true, "attribute": ["IsMultiRegionTrail"]}
	util.field(r, ["S3BucketName"], null) == {"value": "logs", "set": true, "known": true, "attribute": ["S3BucketName"]}
	util.field(r, ["KMSKeyId"], null) == {"value": null, "set": false, "known": false, "attribute": ["KMSKeyId"]}
	util.list_field(r, ["List"]) == {"value": ["a"], "set": true, "known": false, "attribute": ["List"]}
	util.list_field(r, ["None"]) == {"value": [], "set": false, "known": true, "attribute": ["None"]}
}

test_cfn_references if {
	doc := t.cfn_inactive(
		[
			t.cres("Role", "AWS::IAM::Role", {}),
			t.cres("Gone", "AWS::IAM::Role", {}),
			t.unknown(t.refs(t.cres("P", "AWS::IAM::Policy", {"Roles": [null, "named", null]}), {"Roles.0": ["Role"], "Roles.2": ["Gone"]}), ["Roles.0", "Roles.2"]),
		],
		["Gone"],
	)
	p := util.cfn_resources.P with input as doc
	{x.address | some x in util.referenced(p, "Roles")} == {"Role"} with input as doc
	{x.address | some x in util.cfn_referrers("AWS::IAM::Policy", "Roles", "Role")} == {"P"} with input as doc
	util.refers(p, "Roles")
	not util.refers(p, "Users")
	util.names(p, ["Roles"]) == {"named"}
}

test_terraform_references_by_prefix if {
	doc := t.tf([
		t.res("aws_launch_template.lt", {}),
		t.unknown(t.refs(t.res("aws_instance.i", {"launch_template": [{}]}), {"launch_template.0.id": ["aws_launch_template.lt"]}), ["launch_template.0.id"]),
	])
	i := util.typed.aws_instance["aws_instance.i"] with input as doc
	{x.address | some x in util.referenced(i, "launch_template")} == {"aws_launch_template.lt"} with input as doc
}
