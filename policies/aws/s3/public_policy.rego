# METADATA
# title: S3 bucket policy allows public access
# description: >-
#   Checks the policy of every S3 bucket: the bucket's own policy argument and linked
#   aws_s3_bucket_policy resources (a JSON string, jsonencode(), or an aws_iam_policy_document
#   data source of the same configuration). It fails on a statement with Effect "Allow" whose
#   Principal is everyone ("*", {"AWS": "*"}, principals { type = "*" } or type "AWS" with
#   identifier "*"), or that uses NotPrincipal, and has no Condition (a condition on the source
#   VPC, account, organization or IP range restricts who the statement applies to). A bucket whose
#   linked (or account-level) public access block sets restrict_public_buckets = true is not
#   reported: S3 then limits a public policy to AWS services and the owner's account. Policies
#   whose value is unknown are skipped, and so are statements whose Effect, Principal,
#   NotPrincipal or Condition is unknown. In CloudFormation, the PolicyDocument of
#   AWS::S3::BucketPolicy resources whose Bucket refers to the bucket (Ref) or names it is
#   checked, and the finding points at the statement.
# custom:
#   id: RMP-AWS-S3-002
#   severity: high
#   category: Data
#   risk: >-
#     The statement applies to every anonymous request from the internet: depending on its
#     actions anyone can list and download the bucket's objects, upload or delete them, or change
#     the bucket's configuration.
#   remediation: >-
#     Name the principals that need access (account, role or service principals), or add a
#     Condition that restricts the statement (aws:SourceVpce, aws:SourceArn, aws:PrincipalOrgID,
#     aws:SourceIp); serve public content through CloudFront with origin access control; and
#     enable all four settings of aws_s3_bucket_public_access_block.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
#   applies_to:
#     kinds: [terraform, terraform-plan, terraform-state, cloudformation]
#     types: [aws_s3_bucket, "AWS::S3::Bucket"]
package rampart.aws.s3.public_policy

import data.rampart.lib.aws.s3

deny contains result if {
	some addr, b in s3.buckets
	not _policies_restricted(b)
	some s in b.policy_statements
	not _undecided(s)
	s.statement.Effect == "Allow"
	_everyone(s.statement)
	not s3.has_condition(s.statement)
	result := {
		"msg": sprintf("%s allows access to everyone (%s) without a Condition.", [_policy(addr, b, s.resource), _principal(s.statement)]),
		"resource": s.resource.address,
		"attribute": s.attribute,
	}
}

# a statement whose decisive keys are not all known
_undecided(s) if {
	some k in {"Effect", "Principal", "NotPrincipal", "Condition"}
	k in object.get(s, "unknown", set())
}

_everyone(st) if s3.public_principal(st)

_everyone(st) if st.NotPrincipal

_principal(st) := "NotPrincipal" if {
	st.NotPrincipal
	not s3.public_principal(st)
} else := "Principal \"*\""

_policies_restricted(b) if {
	some pab in b.public_access_blocks
	pab.settings.restrict_public_buckets == true
}

_policies_restricted(_) if {
	some pab in s3.account_public_access_blocks
	pab.settings.restrict_public_buckets == true
}

# whose policy: the bucket's own, or a separate aws_s3_bucket_policy resource (named alone, so
# that a policy resource linked to several instances of a bucket is reported once)
_policy(addr, b, r) := sprintf("The policy of bucket %q", [b.name]) if {
	r.address == addr
	b.name != null
} else := sprintf("The policy of bucket %s", [addr]) if {
	r.address == addr
} else := sprintf("The bucket policy of %s", [r.address])
