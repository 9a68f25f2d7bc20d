# METADATA
# title: S3 bucket without server-side encryption configuration
# description: >-
#   Checks that every S3 bucket declares default server-side encryption: an
#   aws_s3_bucket_server_side_encryption_configuration linked to the bucket, or the bucket's own
#   server_side_encryption_configuration block (provider versions before 4.0). A bucket with
#   neither fails, on the bucket. Buckets whose encryption configuration is unknown (a plan in
#   which the provider computes it, or a linked configuration naming its bucket with an unknown
#   value) are skipped. State files show what AWS reports, which includes the SSE-S3 default
#   that S3 applies to buckets since January 2023.
# custom:
#   id: RMP-AWS-S3-004
#   severity: medium
#   category: Data
#   risk: >-
#     Without a declared encryption configuration the bucket's protection at rest depends on
#     account and service defaults outside the code: no customer-managed KMS key, so no key
#     policy or CloudTrail record of decryptions restricts or reveals who reads the data, and
#     older buckets may store objects unencrypted.
#   remediation: >-
#     Add resource "aws_s3_bucket_server_side_encryption_configuration" with
#     bucket = aws_s3_bucket.<name>.id and a rule whose apply_server_side_encryption_by_default
#     sets sse_algorithm = "aws:kms" and kms_master_key_id to a customer-managed key (or
#     "AES256"), with bucket_key_enabled = true to reduce KMS costs.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
#   frameworks:
#     cis-aws-foundations: {"1.5.0": ["2.1.1"]}
#   applies_to:
#     kinds: [terraform, terraform-plan, terraform-state]
#     types: [aws_s3_bucket]
package rampart.aws.s3.encryption

import data.rampart.lib.aws.s3

deny contains result if {
	some addr, b in s3.buckets
	b.encryption == null
	not "encryption" in b.unknown
	result := {
		"msg": sprintf("Bucket %s has no server-side encryption configuration.", [_bucket(addr, b)]),
		"resource": addr,
	}
}

_bucket(addr, b) := sprintf("%q", [b.name]) if b.name != null

else := addr
