package rampart.aws.s3.encryption_test

import data.rampart.aws.s3.encryption as rule
import data.rampart.lib.aws.testing as t

_rule := [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]

test_bucket_without_encryption_in_every_kind if {
	every kind in t.kinds {
		results := rule.deny with input as t.doc(kind, [t.res("aws_s3_bucket.b", {"bucket": "logs"})])
		t.hits(results) == {["aws_s3_bucket.b", null]}
	}
}

test_count_expanded_buckets if {
	doc := t.tf([
		t.res("aws_s3_bucket.b[0]", {"bucket": "logs-0"}),
		t.res("aws_s3_bucket.b[1]", {"bucket": "logs-1"}),
		t.res("aws_s3_bucket.b[2]", {"bucket": "logs-2"}),
		t.unknown(t.refs(t.res("aws_s3_bucket_server_side_encryption_configuration.b[1]", {"rule": _rule}), {"bucket": ["aws_s3_bucket.b"]}), ["bucket"]),
	])
	results := rule.deny with input as doc
	t.hits(results) == {["aws_s3_bucket.b[0]", null], ["aws_s3_bucket.b[2]", null]}
	some r in results
	contains(r.msg, `"logs-0"`)
}

test_encrypted_buckets_pass if {
	doc := t.tf([
		t.res("aws_s3_bucket.inline", {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}]}),
		t.res("aws_s3_bucket.linked", {}),
		t.unknown(t.refs(t.res("aws_s3_bucket_server_side_encryption_configuration.linked", {"rule": _rule}), {"bucket": ["aws_s3_bucket.linked"]}), ["bucket"]),
		t.res("module.m.aws_s3_bucket.this", {"bucket": "m"}),
		t.res("module.m.aws_s3_bucket_server_side_encryption_configuration.this", {"bucket": "m", "rule": _rule}),
	])
	count(rule.deny) == 0 with input as doc
}

test_state_joins_by_name if {
	doc := t.state([
		t.res("aws_s3_bucket.a", {"bucket": "a", "id": "a", "server_side_encryption_configuration": []}),
		t.res("aws_s3_bucket.b", {"bucket": "b", "id": "b", "server_side_encryption_configuration": []}),
		t.res("aws_s3_bucket_server_side_encryption_configuration.a", {"bucket": "a", "rule": _rule}),
	])
	t.hits(rule.deny) == {["aws_s3_bucket.b", null]} with input as doc
}

test_unknown_encryption_is_silent if {
	doc := t.plan([
		# the provider computes the inline block
		t.unknown(t.res("aws_s3_bucket.a", {}), ["server_side_encryption_configuration"]),
		# an encryption configuration names its bucket with an unknown value, without reference
		t.res("aws_s3_bucket.b", {}),
		t.unknown(t.res("aws_s3_bucket_server_side_encryption_configuration.x", {"rule": _rule}), ["bucket"]),
	])
	count(rule.deny) == 0 with input as doc
}

# --- CloudFormation ---------------------------------------------------------------------------------

_cfn_sse := {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}

test_cfn_bucket_without_encryption if {
	doc := t.cfn([
		t.cres("Plain", "AWS::S3::Bucket", {"BucketName": "plain"}),
		t.cres("Encrypted", "AWS::S3::Bucket", {"BucketEncryption": _cfn_sse}),
		t.cres("KeyOnly", "AWS::S3::Bucket", {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"BucketKeyEnabled": true}]}}),
	])
	results := rule.deny with input as doc
	t.hits(results) == {["Plain", null], ["KeyOnly", ["BucketEncryption"]]}
	some r in results
	r.msg == `Bucket "plain" has no server-side encryption configuration.`
}

test_cfn_unknown_and_inactive_are_silent if {
	doc := t.cfn_inactive(
		[
			# BucketEncryption: !If [Cond, {...}, !Ref AWS::NoValue] with a condition that cannot be evaluated
			t.unknown(t.cres("Maybe", "AWS::S3::Bucket", {}), ["BucketEncryption"]),
			t.unknown(t.cres("Rules", "AWS::S3::Bucket", {"BucketEncryption": {}}), ["BucketEncryption.ServerSideEncryptionConfiguration"]),
			t.unknown(t.cres("Alg", "AWS::S3::Bucket", {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {}}]}}), ["BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm"]),
			t.unknown(t.cres("Whole", "AWS::S3::Bucket", {}), [""]),
			t.cres("Gone", "AWS::S3::Bucket", {}),
		],
		["Gone"],
	)
	count(rule.deny) == 0 with input as doc
}
