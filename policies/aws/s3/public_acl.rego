# METADATA
# title: S3 bucket ACL grants public access
# description: >-
#   Checks the access control list of every S3 bucket: the bucket's own acl argument and grant
#   blocks, and those of aws_s3_bucket_acl resources linked to it (the canned acl, or
#   access_control_policy grants). It fails on the canned ACLs public-read, public-read-write
#   and authenticated-read, and on any grant to the AllUsers or AuthenticatedUsers groups
#   (http://acs.amazonaws.com/groups/global/...). In CloudFormation the bucket's AccessControl
#   (PublicRead, PublicReadWrite, AuthenticatedRead) is checked. The finding points at the acl
#   argument, AccessControl property or the
#   grant, on the bucket or on the aws_s3_bucket_acl resource that sets it. A bucket whose linked
#   (or account-level) public access block sets ignore_public_acls = true is not reported: S3
#   ignores its public ACLs. Unknown ACL values are skipped.
# custom:
#   id: RMP-AWS-S3-001
#   severity: high
#   category: Data
#   risk: >-
#     Anyone on the internet (AllUsers), or anyone with any AWS account (AuthenticatedUsers),
#     can list or read the objects, and with write grants upload, overwrite or delete them: data
#     leaks, malware hosting, and tampering with anything that loads files from the bucket.
#   remediation: >-
#     Remove the public canned ACL or grant (use acl = "private", or better disable ACLs with
#     aws_s3_bucket_ownership_controls object_ownership = "BucketOwnerEnforced"), enable all four
#     settings of aws_s3_bucket_public_access_block, and serve public content through CloudFront
#     with origin access control instead.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   applies_to:
#     kinds: [terraform, terraform-plan, terraform-state, cloudformation]
#     types: [aws_s3_bucket, "AWS::S3::Bucket"]
package rampart.aws.s3.public_acl

import data.rampart.lib.aws.s3

# a public canned ACL
deny contains result if {
	some addr, b in s3.buckets
	not _acls_ignored(b)
	some a in b.acls
	a.value in s3.public_canned_acls
	result := {
		"msg": sprintf("%s the canned ACL %q, which grants access to %s.", [_setter(addr, b, a.resource), a.value, _audience(a.value)]),
		"resource": a.resource.address,
		"attribute": a.attribute,
	}
}

# an explicit grant to everyone; a resource already reported for its canned ACL is not reported twice
deny contains result if {
	some addr, b in s3.buckets
	not _acls_ignored(b)
	some g in b.grants
	s3.public_grant(g)
	not _public_canned(b, g.resource)
	result := {
		"msg": sprintf("%s an ACL grant of %s to the %s group.", [_setter(addr, b, g.resource), concat(", ", g.permissions), _group(g.uri)]),
		"resource": g.resource.address,
		"attribute": g.attribute,
	}
}

_public_canned(b, r) if {
	some a in b.acls
	a.resource.address == r.address
	a.value in s3.public_canned_acls
}

# S3 ignores public ACLs of the bucket
_acls_ignored(b) if {
	some pab in b.public_access_blocks
	pab.settings.ignore_public_acls == true
}

_acls_ignored(_) if {
	some pab in s3.account_public_access_blocks
	pab.settings.ignore_public_acls == true
}

# who sets the ACL: the bucket itself, or a separate aws_s3_bucket_acl resource (named alone, so
# that an ACL resource linked to several instances of a bucket is reported once)
_setter(addr, b, r) := sprintf("Bucket %q has", [b.name]) if {
	r.address == addr
	b.name != null
} else := sprintf("Bucket %s has", [addr]) if {
	r.address == addr
} else := sprintf("%s sets", [r.address])

_audience("authenticated-read") := "every AWS account"

_audience(acl) := "everyone on the internet" if acl != "authenticated-read"

_group(uri) := "AuthenticatedUsers (every AWS account)" if endswith(lower(uri), "authenticatedusers")

else := "AllUsers (everyone on the internet)"
