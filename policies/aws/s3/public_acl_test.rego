package rampart.aws.s3.public_acl_test

import data.rampart.aws.s3.public_acl as rule
import data.rampart.lib.aws.testing as t

_all_users := "http://acs.amazonaws.com/groups/global/AllUsers"

_linked(addr, bucket, config) := t.unknown(t.refs(t.res(addr, config), {"bucket": [bucket]}), ["bucket"])

test_canned_acl_on_the_bucket_in_every_kind if {
	every kind in t.kinds {
		results := rule.deny with input as t.doc(kind, [t.res("aws_s3_bucket.site", {"bucket": "www.example.com", "acl": "public-read"})])
		t.hits(results) == {["aws_s3_bucket.site", ["acl"]]}
	}
	results := rule.deny with input as t.tf([t.res("aws_s3_bucket.site", {"bucket": "www.example.com", "acl": "public-read-write"})])
	some r in results
	contains(r.msg, `"www.example.com"`)
	contains(r.msg, "public-read-write")
}

test_acl_resource_is_reported_once_for_every_instance if {
	doc := t.tf([
		t.res("aws_s3_bucket.b[0]", {"bucket": "logs-0"}),
		t.res("aws_s3_bucket.b[1]", {"bucket": "logs-1"}),
		_linked("aws_s3_bucket_acl.a", "aws_s3_bucket.b", {"acl": "authenticated-read"}),
	])
	results := rule.deny with input as doc
	t.hits(results) == {["aws_s3_bucket_acl.a", ["acl"]]}
	count(results) == 1
}

test_state_joins_the_acl_resource_by_name if {
	doc := t.state([
		t.res("aws_s3_bucket.b", {"bucket": "logs", "id": "logs", "acl": null}),
		t.res("aws_s3_bucket_acl.a", {"bucket": "logs", "acl": "public-read", "access_control_policy": [{"grant": [
			{"grantee": [{"type": "Group", "uri": _all_users}], "permission": "READ"},
		]}]}),
	])

	# the canned ACL and the grant it produces are one finding
	t.hits(rule.deny) == {["aws_s3_bucket_acl.a", ["acl"]]} with input as doc
}

test_public_grants if {
	doc := t.state([
		t.res("aws_s3_bucket.b", {"bucket": "logs", "grant": [
			{"type": "CanonicalUser", "id": "abc", "permissions": ["FULL_CONTROL"]},
			{"type": "Group", "uri": _all_users, "permissions": ["READ", "WRITE"]},
		]}),
		t.res("module.m.aws_s3_bucket.c", {"bucket": "c"}),
		t.res("module.m.aws_s3_bucket_acl.c", {"bucket": "c", "access_control_policy": [{"grant": [
			{"grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}], "permission": "READ_ACP"},
		]}]}),
	])
	results := rule.deny with input as doc
	t.hits(results) == {["aws_s3_bucket.b", ["grant", 1]], ["module.m.aws_s3_bucket_acl.c", ["access_control_policy", 0, "grant", 0]]}
	some r in results
	r.resource == "aws_s3_bucket.b"
	contains(r.msg, "READ, WRITE")
}

test_acl_from_a_variable_default if {
	# acl = var.acl with default "public-read": the normalizer evaluates the default
	doc := t.tf([t.res("var.acl", {"default": "public-read"}), t.res("aws_s3_bucket.b", {"acl": "public-read"})])
	t.hits(rule.deny) == {["aws_s3_bucket.b", ["acl"]]} with input as doc
}

test_private_acls_pass if {
	doc := t.tf([
		t.res("aws_s3_bucket.a", {"acl": "private"}),
		t.res("aws_s3_bucket.b", {"acl": "log-delivery-write"}),
		t.res("aws_s3_bucket.c", {}),
		_linked("aws_s3_bucket_acl.c", "aws_s3_bucket.c", {"acl": "bucket-owner-full-control"}),
	])
	count(rule.deny) == 0 with input as doc
}

test_unknown_acl_is_silent if {
	doc := t.plan([
		t.unknown(t.res("aws_s3_bucket.a", {}), ["acl", "grant"]),
		t.res("aws_s3_bucket.b", {}),
		t.unknown(t.refs(t.res("aws_s3_bucket_acl.b", {}), {"bucket": ["aws_s3_bucket.b"]}), ["bucket", "acl"]),
	])
	count(rule.deny) == 0 with input as doc
}

test_ignored_when_public_acls_are_ignored if {
	doc := t.tf([
		t.res("aws_s3_bucket.b", {"acl": "public-read"}),
		_linked("aws_s3_bucket_public_access_block.b", "aws_s3_bucket.b", {"ignore_public_acls": true}),
		t.res("aws_s3_bucket.c", {"acl": "public-read"}),
	])
	t.hits(rule.deny) == {["aws_s3_bucket.c", ["acl"]]} with input as doc
	doc2 := t.tf([t.res("aws_s3_bucket.c", {"acl": "public-read"}), t.res("aws_s3_account_public_access_block.a", {"ignore_public_acls": true})])
	count(rule.deny) == 0 with input as doc2
}

# --- CloudFormation ---------------------------------------------------------------------------------

test_cfn_public_access_control if {
	doc := t.cfn([
		t.cres("Site", "AWS::S3::Bucket", {"BucketName": "www.example.com", "AccessControl": "PublicRead"}),
		t.cres("Drop", "AWS::S3::Bucket", {"AccessControl": "PublicReadWrite"}),
		t.cres("Logs", "AWS::S3::Bucket", {"AccessControl": "LogDeliveryWrite"}),
		t.cres("Private", "AWS::S3::Bucket", {"AccessControl": "Private"}),
		t.cres("Ignored", "AWS::S3::Bucket", {"AccessControl": "PublicRead", "PublicAccessBlockConfiguration": {"IgnorePublicAcls": true}}),
	])
	results := rule.deny with input as doc
	t.hits(results) == {["Site", ["AccessControl"]], ["Drop", ["AccessControl"]]}
	some r in results
	r.msg == `Bucket "www.example.com" has the canned ACL "public-read", which grants access to everyone on the internet.`
}

test_cfn_unknown_and_inactive_are_silent if {
	doc := t.cfn_inactive(
		[
			t.unknown(t.cres("Maybe", "AWS::S3::Bucket", {}), ["AccessControl"]),
			t.cres("Gone", "AWS::S3::Bucket", {"AccessControl": "PublicRead"}),
		],
		["Gone"],
	)
	count(rule.deny) == 0 with input as doc
}
