package rampart.lib.aws.util_test

import data.rampart.lib.aws.testing as t
import data.rampart.lib.aws.util

test_kinds if {
	util.kinds == {"terraform", "terraform-plan", "terraform-state"}
	every k in util.kinds {
		util.terraform with input as t.doc(k, [])
	}
	not util.terraform with input as t.doc("cloudformation", [])
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
