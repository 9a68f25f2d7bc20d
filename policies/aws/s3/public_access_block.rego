# METADATA
# title: S3 bucket does not block public access
# description: >-
#   Checks that every S3 bucket has Block Public Access with all four settings on:
#   block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets, set
#   by an aws_s3_bucket_public_access_block linked to the bucket (its bucket argument refers to
#   the bucket, or names it) or by an aws_s3_account_public_access_block in the same document,
#   which applies to every bucket of the account; a setting is on when either level turns it on.
#   In CloudFormation the bucket's own PublicAccessBlockConfiguration (BlockPublicAcls,
#   BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets) is the bucket-level block.
#   A bucket without a linked block fails on the bucket; a linked block that leaves settings off
#   (false or not set: the provider default is false) fails on the block, at the first setting
#   written as false (else at the block). Settings whose value is unknown count as on, and a bucket is not reported
#   when a public access block of the document names its bucket with an unknown value.
# custom:
#   id: RMP-AWS-S3-003
#   severity: high
#   category: Data
#   risk: >-
#     Without Block Public Access, one public ACL or bucket policy, written by mistake or by
#     anyone allowed to change them, exposes the whole bucket to the internet; the guard rail that
#     would have rejected or neutralized that change is missing.
#   remediation: >-
#     Add resource "aws_s3_bucket_public_access_block" with bucket = aws_s3_bucket.<name>.id and
#     block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all
#     set to true, or set the same four settings account-wide with
#     aws_s3_account_public_access_block.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
#   frameworks:
#     cis-aws-foundations: {"1.5.0": ["2.1.5"]}
#   applies_to:
#     kinds: [terraform, terraform-plan, terraform-state, cloudformation]
#     types: [aws_s3_bucket, "AWS::S3::Bucket"]
package rampart.aws.s3.public_access_block

import data.rampart.lib.aws.s3

# no bucket-level block
deny contains result if {
	some addr, b in s3.buckets
	count(b.public_access_blocks) == 0
	not "public_access_block" in b.unknown
	off := _off(b)
	count(off) > 0
	result := {
		"msg": sprintf("Bucket %s has no public access block%s.", [_bucket(addr, b), _account_note(off)]),
		"resource": addr,
	}
}

# a bucket-level block that leaves settings off
deny contains result if {
	some addr, b in s3.buckets
	count(b.public_access_blocks) > 0
	off := _off(b)
	count(off) > 0
	some pab in b.public_access_blocks
	result := object.union(
		{
			"msg": sprintf("%s does not set %s to true.", [pab.name, concat(", ", _labels(pab, off))]),
			"resource": pab.resource.address,
		},
		_at_false_setting(pab, off),
	)
}

# the settings that are off for a bucket: true (or unknown) in none of its blocks
_off(b) := {s |
	some s in s3.public_access_settings
	not _on(b, s)
}

_on(b, s) if {
	some pab in _blocks(b)
	pab.settings[s] == true
}

_on(b, s) if {
	some pab in _blocks(b)
	s in pab.unknown
}

_blocks(b) := array.concat(b.public_access_blocks, [x | some x in s3.account_public_access_blocks])

_ordered(off) := [s | some s in s3.public_access_settings; s in off]

# the settings as the block's source names them
_labels(pab, off) := [object.get(pab.labels, s, s) | some s in _ordered(off)]

_at_false_setting(pab, off) := {"attribute": pab.attributes[s]} if {
	falses := [x | some x in _ordered(off); pab.settings[x] == false]
	s := falses[0]
} else := {"attribute": pab.attribute} if {
	count(object.get(pab, "attribute", [])) > 0
} else := {}

_account_note(off) := sprintf(" (the account-level block leaves %s off)", [concat(", ", _ordered(off))]) if {
	count(s3.account_public_access_blocks) > 0
} else := ""

_bucket(addr, b) := sprintf("%q", [b.name]) if b.name != null

else := addr
