# METADATA
# title: S3 bucket without server-side encryption configuration
# description: >-
#   Checks that every S3 bucket declares default server-side encryption: an
#   aws_s3_bucket_server_side_encryption_configuration linked to the bucket, or the bucket's own
#   server_side_encryption_configuration block (provider versions before 4.0); in CloudFormation
#   the bucket's BucketEncryption. A bucket with neither fails, on the bucket; a configuration
#   whose rules set no default algorithm (only a bucket key) fails on the configuration. Buckets
#   whose encryption configuration is unknown (a plan in which the provider computes it, a
#   linked configuration naming its bucket with an unknown value, a BucketEncryption chosen by a
#   condition that cannot be evaluated) are skipped; a condition that is false removes the
#   configuration, so a bucket encrypted only when a parameter says so fails with the
#   parameter's default. State files show what AWS reports, which includes the SSE-S3 default
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
#     "AES256"), with bucket_key_enabled = true to reduce KMS costs. In CloudFormation, set
#     BucketEncryption.ServerSideEncryptionConfiguration with ServerSideEncryptionByDefault
#     (SSEAlgorithm aws:kms and KMSMasterKeyID) unconditionally.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
#   frameworks:
#     cis-aws-foundations: {"1.5.0": ["2.1.1"]}
#   applies_to:
#     kinds: [terraform, terraform-plan, terraform-state, cloudformation]
#     types: [aws_s3_bucket, "AWS::S3::Bucket"]
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

# a configuration whose rules set no default encryption algorithm
deny contains result if {
	some addr, b in s3.buckets
	b.encryption != null
	not "encryption" in b.unknown
	every rule in b.encryption.rules {
		rule.algorithm_known
		rule.algorithm == null
	}
	result := {
		"msg": sprintf("The encryption configuration of bucket %s sets no default encryption algorithm.", [_bucket(addr, b)]),
		"resource": b.encryption.resource.address,
		"attribute": b.encryption.attribute,
	}
}

_bucket(addr, b) := sprintf("%q", [b.name]) if b.name != null

else := addr
