package rampart.aws.s3.public_policy_test

import data.rampart.aws.s3.public_policy as rule
import data.rampart.lib.aws.testing as t

_policy(statements) := json.marshal({"Version": "2012-10-17", "Statement": statements})

_public := {"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}

test_bucket_policy_resource_in_every_kind if {
	every kind in t.kinds {
		doc := t.doc(kind, [
			t.res("aws_s3_bucket.site", {"bucket": "site", "id": "site"}),
			t.refs(t.res("aws_s3_bucket_policy.site", {"bucket": "site", "policy": _policy([_public])}), {"bucket": ["aws_s3_bucket.site"]}),
		])
		t.hits(rule.deny) == {["aws_s3_bucket_policy.site", ["policy"]]} with input as doc
	}
}

test_principal_forms if {
	every principal in ["*", {"AWS": "*"}, {"AWS": ["*"]}] {
		st := object.union(_public, {"Principal": principal})
		doc := t.tf([t.res("aws_s3_bucket.b", {"bucket": "b", "policy": _policy(st)})])
		t.hits(rule.deny) == {["aws_s3_bucket.b", ["policy"]]} with input as doc
	}
	not_principal := object.union(object.remove(_public, ["Principal"]), {"NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}})
	results := rule.deny with input as t.tf([t.res("aws_s3_bucket.b", {"policy": _policy([not_principal])})])
	some r in results
	contains(r.msg, "NotPrincipal")
}

test_restricted_statements_pass if {
	statements := [
		object.union(_public, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c"}}}),
		object.union(_public, {"Effect": "Deny"}),
		object.union(_public, {"Principal": {"AWS": "arn:aws:iam::123456789012:root"}}),
		object.union(_public, {"Principal": {"Service": "cloudfront.amazonaws.com"}}),
	]
	count(rule.deny) == 0 with input as t.tf([t.res("aws_s3_bucket.b", {"policy": _policy(statements)})])
}

test_policy_document_data_source if {
	doc := t.tf([
		t.res("aws_s3_bucket.b[0]", {"bucket": "b-0"}),
		t.res("aws_s3_bucket.b[1]", {"bucket": "b-1"}),
		t.unknown(t.refs(t.res("aws_s3_bucket_policy.p", {}), {"bucket": ["aws_s3_bucket.b"], "policy": ["data.aws_iam_policy_document.public"]}), ["bucket", "policy"]),
		t.res("data.aws_iam_policy_document.public", {"statement": [{"actions": ["s3:GetObject"], "principals": [{"type": "AWS", "identifiers": ["*"]}]}]}),
	])
	results := rule.deny with input as doc
	t.hits(results) == {["aws_s3_bucket_policy.p", ["policy"]]}
	count(results) == 1
}

test_module_prefixed if {
	doc := t.tf([
		t.res("module.site.aws_s3_bucket.this", {}),
		t.unknown(t.refs(t.res("module.site.aws_s3_bucket_policy.this", {"policy": _policy([_public])}), {"bucket": ["module.site.aws_s3_bucket.this"]}), ["bucket"]),
	])
	t.hits(rule.deny) == {["module.site.aws_s3_bucket_policy.this", ["policy"]]} with input as doc
}

test_unknown_or_invalid_policies_are_silent if {
	doc := t.plan([
		t.unknown(t.res("aws_s3_bucket.a", {}), ["policy"]),
		t.res("aws_s3_bucket.b", {"policy": "{not json"}),
		t.res("aws_s3_bucket.c", {"policy": "(sensitive)"}),
	])
	count(rule.deny) == 0 with input as doc
}

test_ignored_when_public_policies_are_restricted if {
	doc := t.tf([
		t.res("aws_s3_bucket.b", {"policy": _policy([_public])}),
		t.res("aws_s3_bucket_public_access_block.b", {"bucket": "b", "restrict_public_buckets": true}),
		t.res("aws_s3_bucket.c", {"bucket": "c", "policy": _policy([_public])}),
	])

	# the block names bucket "b" while aws_s3_bucket.b has no known name: it is not linked
	t.resources(rule.deny) == {"aws_s3_bucket.b", "aws_s3_bucket.c"} with input as doc
	doc2 := t.tf([
		t.res("aws_s3_bucket.b", {"bucket": "b", "policy": _policy([_public])}),
		t.res("aws_s3_bucket_public_access_block.b", {"bucket": "b", "restrict_public_buckets": true}),
	])
	count(rule.deny) == 0 with input as doc2
}

# --- CloudFormation ---------------------------------------------------------------------------------

_cfn_doc(statements) := {"Version": "2012-10-17", "Statement": statements}

_cfn_public := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}

test_cfn_public_bucket_policy if {
	doc := t.cfn([
		t.cres("Site", "AWS::S3::Bucket", {"BucketName": "site"}),
		t.ref(
			t.cres("SitePolicy", "AWS::S3::BucketPolicy", {"PolicyDocument": _cfn_doc([
				{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "*"},
				_cfn_public,
			])}),
			"Bucket", ["Site"],
		),
		t.cres("Other", "AWS::S3::Bucket", {"BucketName": "other"}),
		t.cres("ByName", "AWS::S3::BucketPolicy", {"Bucket": "other", "PolicyDocument": _cfn_doc([{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["s3:ListBucket"], "Resource": "*"}])}),
		t.cres("Vpce", "AWS::S3::Bucket", {"BucketName": "vpce"}),
		t.cres("VpcePolicy", "AWS::S3::BucketPolicy", {"Bucket": "vpce", "PolicyDocument": _cfn_doc([object.union(_cfn_public, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}})])}),
	])
	results := rule.deny with input as doc
	t.hits(results) == {["SitePolicy", ["PolicyDocument", "Statement", 1]], ["ByName", ["PolicyDocument", "Statement", 0]]}
}

test_cfn_restricted_unknown_and_inactive_are_silent if {
	doc := t.cfn_inactive(
		[
			t.cres("Restricted", "AWS::S3::Bucket", {"PublicAccessBlockConfiguration": {"RestrictPublicBuckets": "true"}}),
			t.ref(t.cres("P1", "AWS::S3::BucketPolicy", {"PolicyDocument": _cfn_doc([_cfn_public])}), "Bucket", ["Restricted"]),
			t.cres("A", "AWS::S3::Bucket", {}),
			# the Condition is chosen by a condition that cannot be evaluated
			t.ref(t.unknown(t.cres("P2", "AWS::S3::BucketPolicy", {"PolicyDocument": _cfn_doc([_cfn_public])}), ["PolicyDocument.Statement.0.Condition"]), "Bucket", ["A"]),
			t.ref(t.unknown(t.cres("P3", "AWS::S3::BucketPolicy", {"PolicyDocument": _cfn_doc([object.remove(_cfn_public, ["Principal"])])}), ["PolicyDocument.Statement.0.Principal"]), "Bucket", ["A"]),
			t.ref(t.cres("Gone", "AWS::S3::BucketPolicy", {"PolicyDocument": _cfn_doc([_cfn_public])}), "Bucket", ["A"]),
		],
		["Gone"],
	)
	count(rule.deny) == 0 with input as doc
}
