package rampart.aws.s3.public_access_block_test

import data.rampart.aws.s3.public_access_block as rule
import data.rampart.lib.aws.testing as t

_all := {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}

_linked(addr, bucket, config) := t.unknown(t.refs(t.res(addr, config), {"bucket": [bucket]}), ["bucket"])

test_bucket_without_block_in_every_kind if {
	every kind in t.kinds {
		results := rule.deny with input as t.doc(kind, [t.res("aws_s3_bucket.b", {"bucket": "logs"})])
		t.hits(results) == {["aws_s3_bucket.b", null]}
	}
	results := rule.deny with input as t.tf([t.res("aws_s3_bucket.b", {"bucket": "logs"})])
	some r in results
	contains(r.msg, `"logs"`)
}

test_count_expanded_buckets_and_blocks if {
	doc := t.tf([
		t.res("aws_s3_bucket.b[0]", {"bucket": "logs-0"}),
		t.res("aws_s3_bucket.b[1]", {"bucket": "logs-1"}),
		t.res("aws_s3_bucket.b[2]", {"bucket": "logs-2"}),
		_linked("aws_s3_bucket_public_access_block.b[0]", "aws_s3_bucket.b", _all),
		_linked("aws_s3_bucket_public_access_block.b[1]", "aws_s3_bucket.b", object.union(_all, {"restrict_public_buckets": false})),
	])
	t.hits(rule.deny) == {
		["aws_s3_bucket_public_access_block.b[1]", ["restrict_public_buckets"]],
		["aws_s3_bucket.b[2]", null],
	} with input as doc
}

test_block_with_settings_left_out if {
	doc := t.tf([
		t.res("aws_s3_bucket.b", {}),
		_linked("aws_s3_bucket_public_access_block.b", "aws_s3_bucket.b", {"block_public_acls": true, "block_public_policy": true}),
	])
	results := rule.deny with input as doc
	t.hits(results) == {["aws_s3_bucket_public_access_block.b", null]}
	some r in results
	contains(r.msg, "ignore_public_acls, restrict_public_buckets")
}

test_state_joins_by_name if {
	doc := t.state([
		t.res("aws_s3_bucket.a", {"bucket": "a", "id": "a"}),
		t.res("aws_s3_bucket.b", {"bucket": "b", "id": "b"}),
		t.res("aws_s3_bucket_public_access_block.a", object.union(_all, {"bucket": "a", "id": "a"})),
	])
	t.hits(rule.deny) == {["aws_s3_bucket.b", null]} with input as doc
}

test_module_prefixed if {
	doc := t.plan([
		t.res("module.s3.aws_s3_bucket.this", {}),
		_linked("module.s3.aws_s3_bucket_public_access_block.this", "module.s3.aws_s3_bucket.this", _all),
		t.res("module.other.aws_s3_bucket.this", {}),
	])
	t.hits(rule.deny) == {["module.other.aws_s3_bucket.this", null]} with input as doc
}

test_account_level_block if {
	doc := t.tf([t.res("aws_s3_bucket.b", {}), t.res("aws_s3_account_public_access_block.account", _all)])
	count(rule.deny) == 0 with input as doc

	# the account level turns two settings on, the bucket level the other two
	doc2 := t.tf([
		t.res("aws_s3_bucket.b", {}),
		t.res("aws_s3_account_public_access_block.account", {"block_public_acls": true, "ignore_public_acls": true}),
		_linked("aws_s3_bucket_public_access_block.b", "aws_s3_bucket.b", {"block_public_policy": true, "restrict_public_buckets": true}),
	])
	count(rule.deny) == 0 with input as doc2

	doc3 := t.tf([t.res("aws_s3_bucket.b", {}), t.res("aws_s3_account_public_access_block.account", {"block_public_acls": true})])
	results := rule.deny with input as doc3
	t.hits(results) == {["aws_s3_bucket.b", null]}
	some r in results
	contains(r.msg, "account-level block leaves block_public_policy, ignore_public_acls, restrict_public_buckets off")
}

test_complete_block_passes if {
	doc := t.tf([t.res("aws_s3_bucket.b", {}), _linked("aws_s3_bucket_public_access_block.b", "aws_s3_bucket.b", _all)])
	count(rule.deny) == 0 with input as doc
}

test_unknown_values_are_silent if {
	# a setting is unknown: it may be true
	doc := t.plan([
		t.res("aws_s3_bucket.b", {}),
		t.unknown(_linked("aws_s3_bucket_public_access_block.b", "aws_s3_bucket.b", object.remove(_all, ["block_public_acls"])), ["bucket", "block_public_acls"]),
	])
	count(rule.deny) == 0 with input as doc

	# a block names its bucket with an unknown value and no reference: it may be this bucket's
	doc2 := t.tf([t.res("aws_s3_bucket.b", {}), t.unknown(t.res("aws_s3_bucket_public_access_block.x", _all), ["bucket"])])
	count(rule.deny) == 0 with input as doc2
}

# --- CloudFormation ---------------------------------------------------------------------------------

test_cfn_public_access_block if {
	doc := t.cfn([
		t.cres("None", "AWS::S3::Bucket", {"BucketName": "none"}),
		t.cres("Partial", "AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": "true", "IgnorePublicAcls": "false"}}),
		t.cres("Unset", "AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true}}),
		t.cres("Full", "AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": "True", "RestrictPublicBuckets": "true"}}),
	])
	results := rule.deny with input as doc
	t.hits(results) == {
		["None", null],
		["Partial", ["PublicAccessBlockConfiguration", "IgnorePublicAcls"]],
		["Unset", ["PublicAccessBlockConfiguration"]],
	}
	msgs := {r.msg | some r in results}
	"The PublicAccessBlockConfiguration of bucket Partial does not set IgnorePublicAcls, RestrictPublicBuckets to true." in msgs
	`Bucket "none" has no public access block.` in msgs
}

test_cfn_unknown_and_inactive_are_silent if {
	doc := t.cfn_inactive(
		[
			t.unknown(t.cres("Maybe", "AWS::S3::Bucket", {}), ["PublicAccessBlockConfiguration"]),
			t.unknown(t.cres("Setting", "AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true}}), ["PublicAccessBlockConfiguration.RestrictPublicBuckets"]),
			t.cres("Gone", "AWS::S3::Bucket", {}),
		],
		["Gone"],
	)
	count(rule.deny) == 0 with input as doc
}
