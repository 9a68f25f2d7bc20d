# AWS adapter library: S3 buckets (not a rule: no METADATA, no deny).
#
# buckets[address] is one view per bucket, whatever the source:
#   - Terraform: the aws_s3_bucket's own attributes joined with the resources that configure it
#     from outside (aws_s3_bucket_acl, _public_access_block, _server_side_encryption_configuration,
#     _policy, _versioning, _logging). A resource is linked to a bucket when its `bucket`
#     attribute refers to the bucket's address (configurations and plans) or equals the bucket's
#     name, id or ARN (state files, literal names). See util.linked.
#   - CloudFormation: the AWS::S3::Bucket's properties (AccessControl,
#     PublicAccessBlockConfiguration, BucketEncryption, VersioningConfiguration,
#     LoggingConfiguration) joined with the AWS::S3::BucketPolicy resources whose `Bucket` refers
#     to it (Ref) or names it (a literal BucketName). Inactive resources are in no view.
#
# Fields of a bucket view:
#   resource             the bucket resource
#   name                 the bucket name when known, else null
#   acls                 every canned ACL set on the bucket, known values only:
#                        [{resource, attribute, value}] from the bucket's `acl` / AccessControl
#                        and from linked aws_s3_bucket_acl resources' `acl`; value in the S3 API
#                        form ("public-read"; CloudFormation's PublicRead is converted)
#   acl                  the canned ACL in effect (a linked aws_s3_bucket_acl wins over the
#                        bucket's own attribute), null when none is set; acl_resource and
#                        acl_attribute say where it is written (null when acl is null)
#   grants               explicit ACL grants, known ones only: [{resource, attribute, type, uri,
#                        permissions}] from the bucket's `grant` blocks and linked
#                        aws_s3_bucket_acl access_control_policy grants
#   public_access_block  the bucket-level public access block as a block view (below): the
#                        linked aws_s3_bucket_public_access_block, or the bucket's own
#                        PublicAccessBlockConfiguration; null when none (public_access_blocks:
#                        all of them, when several are linked)
#   encryption           the default encryption configuration, null when none is declared:
#                        {resource, attribute, rules}, attribute the path of the configuration,
#                        rules one {attribute, algorithm, algorithm_known, kms_key_id,
#                        bucket_key_enabled} per rule: algorithm the SSE algorithm ("AES256",
#                        "aws:kms", "aws:kms:dsse") or null when the rule sets none,
#                        algorithm_known false when it cannot be known (algorithm is null then),
#                        kms_key_id the known key id/ARN or null, bucket_key_enabled
#                        true/false/null
#   policy_statements    [{resource, attribute, statement, unknown}]: the statements of the
#                        bucket's policy (its own `policy`, linked aws_s3_bucket_policy and
#                        AWS::S3::BucketPolicy resources), as iam.statements gives them
#   versioning           {resource, attribute, enabled}, or null when not configured
#   logging              {resource, attribute, target_bucket}, or null when not configured
#   unknown              the fields above whose absence cannot be trusted: "acl", "grants",
#                        "public_access_block", "encryption", "policy", "versioning", "logging"
#                        (the decisive attribute is unknown, or a linking resource of that kind
#                        names its bucket with an unknown value)
package rampart.lib.aws.s3

import data.rampart.lib.aws.iam
import data.rampart.lib.aws.util
import data.rampart.lib.terraform as tf

# --- constants ---------------------------------------------------------------------------------

# Canned ACLs that grant access to everyone (AllUsers) or to every AWS account (AuthenticatedUsers).
public_canned_acls := {"public-read", "public-read-write", "authenticated-read"}

# The four settings of a public access block.
public_access_settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

# Resource types that configure a bucket from outside through their `bucket` attribute, by the
# view field they feed.
linked_types := {
	"acl": "aws_s3_bucket_acl",
	"public_access_block": "aws_s3_bucket_public_access_block",
	"encryption": "aws_s3_bucket_server_side_encryption_configuration",
	"policy": "aws_s3_bucket_policy",
	"versioning": "aws_s3_bucket_versioning",
	"logging": "aws_s3_bucket_logging",
}

# --- the view ------------------------------------------------------------------------------------

# buckets[address]: one view per aws_s3_bucket (see the file comment for the fields).
buckets[addr] := bucket if {
	util.terraform
	some addr, r in util.of_type("aws_s3_bucket")
	acl := _acl(addr, r)
	pabs := [block_view(x) | some x in _linked_list(addr, "public_access_block")]
	bucket := {
		"resource": r,
		"name": _name(r),
		"acls": _acls(addr, r),
		"acl": acl.value,
		"acl_resource": acl.resource,
		"acl_attribute": acl.attribute,
		"grants": _grants(addr, r),
		"public_access_block": _first(pabs),
		"public_access_blocks": pabs,
		"encryption": _encryption(addr, r),
		"policy_statements": _statements(addr, r),
		"versioning": _versioning(addr, r),
		"logging": _logging(addr, r),
		"unknown": _unknown_fields(addr, r),
	}
}

# buckets[logical id]: one view per active AWS::S3::Bucket of a CloudFormation template.
buckets[addr] := bucket if {
	util.cloudformation
	some addr, r in util.of_type("AWS::S3::Bucket")
	acls := _cfn_acls(r)
	pabs := _cfn_pabs(r)
	bucket := {
		"resource": r,
		"name": _cfn_name(r),
		"acls": acls,
		"acl": _cfn_acl(acls, "value"),
		"acl_resource": _cfn_acl(acls, "resource"),
		"acl_attribute": _cfn_acl(acls, "attribute"),
		"grants": [],
		"public_access_block": _first(pabs),
		"public_access_blocks": pabs,
		"encryption": _cfn_encryption(r),
		"policy_statements": [s |
			some x in _cfn_policies(addr, r)
			some s in iam.statements(x, ["PolicyDocument"])
		],
		"versioning": _cfn_versioning(r),
		"logging": _cfn_logging(r),
		"unknown": _cfn_unknown_fields(addr, r),
	}
}

# account_public_access_blocks[address]: the aws_s3_account_public_access_block resources, as
# block views.
account_public_access_blocks[addr] := block_view(r) if {
	some addr, r in util.of_type("aws_s3_account_public_access_block")
}

# account_blocks_public_access: the document holds an account-level public access block with
# all four settings true, which applies to every bucket of the account.
account_blocks_public_access if {
	some v in account_public_access_blocks
	blocks_all(v)
}

# block_view(r): a public access block (bucket or account level) as the views give it:
#   resource    the resource
#   settings    {setting: true | false | null (not set: off)} for the known settings of
#               public_access_settings
#   unknown     the settings whose value is unknown
#   attributes  {setting: path of the setting in resource.config}
#   labels      {setting: the setting's name as the source writes it} (block_public_acls,
#               BlockPublicAcls), for messages
#   name        what to call the block in a message
#   attribute   path of the block in resource.config ([] when the block is a resource)
block_view(r) := {
	"resource": r,
	"attribute": [],
	"settings": {s: v | some s in public_access_settings; v := util.bool_setting(r, [s])},
	"unknown": {s | some s in public_access_settings; util.unknown(r, [s])},
	"attributes": {s: [s] | some s in public_access_settings},
	"labels": {s: s | some s in public_access_settings},
	"name": sprintf("Public access block %s", [r.address]),
}

# cfn_block_view(r): the PublicAccessBlockConfiguration of an AWS::S3::Bucket as a block view.
cfn_block_view(r) := {
	"resource": r,
	"attribute": ["PublicAccessBlockConfiguration"],
	"settings": {s: v | some s, key in _cfn_pab_keys; v := util.bool_setting(r, ["PublicAccessBlockConfiguration", key])},
	"unknown": {s | some s, key in _cfn_pab_keys; util.unknown(r, ["PublicAccessBlockConfiguration", key])},
	"attributes": {s: ["PublicAccessBlockConfiguration", key] | some s, key in _cfn_pab_keys},
	"labels": _cfn_pab_keys,
	"name": sprintf("The PublicAccessBlockConfiguration of bucket %s", [r.address]),
}

_cfn_pab_keys := {
	"block_public_acls": "BlockPublicAcls",
	"block_public_policy": "BlockPublicPolicy",
	"ignore_public_acls": "IgnorePublicAcls",
	"restrict_public_buckets": "RestrictPublicBuckets",
}

# blocks_all(v): block view v sets all four settings true.
blocks_all(v) if {
	every s in public_access_settings {
		v.settings[s] == true
	}
}

# public_grant(g): grant g of a bucket view gives access to everyone or to every AWS account.
public_grant(g) if {
	is_string(g.uri)
	regex.match(`(?i)^https?://acs\.amazonaws\.com/groups/global/(AllUsers|AuthenticatedUsers)$`, g.uri)
}

# --- joins ---------------------------------------------------------------------------------------

_bucket_ids[addr] := util.identifiers(r, ["bucket", "id", "arn"]) if {
	some addr, r in util.of_type("aws_s3_bucket")
}

# _links[bucket address][field]: the resources of linked_types[field] linked to the bucket: by
# reference (tf.referrers pairs instances) or by the bucket name, id or ARN they name (an index
# by value), so that the join stays linear in the size of the document.
_links[addr][field] contains x if {
	some addr, b in util.of_type("aws_s3_bucket")
	some field, t in linked_types
	some x in tf.referrers(t, "bucket", b)
}

_links[addr][field] contains x if {
	some addr, _ in util.of_type("aws_s3_bucket")
	some id in object.get(_bucket_ids, addr, set())
	some field, _ in linked_types
	some x in object.get(_by_value, [field, id], set())
}

# _by_value[field][bucket name]: linking resources by the bucket their bucket attribute names
_by_value[field][v] contains x if {
	some field, t in linked_types
	some x in util.of_type(t)
	v := util.known_value(x, ["bucket"])
	util.literal(v)
}

# _linked_list(addr, field): the linked resources of a field, sorted by address.
_linked_list(addr, field) := [x |
	some a in sort([y.address | some y in object.get(_links, [addr, field], set())])
	some x in object.get(_links, [addr, field], set())
	x.address == a
]

_first(list) := list[0] if count(list) > 0

else := null

# _dangling[field]: a resource of linked_types[field] names its bucket with a value that is
# not known and through no reference to a bucket: it may configure any bucket.
_dangling contains field if {
	some field, t in linked_types
	some x in util.of_type(t)
	not util.known_value(x, ["bucket"])
	not _refers_to_a_bucket(x)
}

_refers_to_a_bucket(x) if {
	some ref in object.get(x, ["references", "bucket"], [])
	local := tf.local_address(tf.strip_keys(ref))
	regex.match(`^(data\.)?aws_s3_bucket\.`, local)
}

# --- fields ----------------------------------------------------------------------------------------

_name(r) := n if {
	n := util.known_value(r, ["bucket"])
	util.literal(n)
} else := null

_acls(addr, r) := array.concat(
	[{"resource": r, "attribute": ["acl"], "value": v} |
		v := util.known_value(r, ["acl"])
		is_string(v)
	],
	[{"resource": x, "attribute": ["acl"], "value": v} |
		some x in _linked_list(addr, "acl")
		v := util.known_value(x, ["acl"])
		is_string(v)
	],
)

# the canned ACL in effect: the linked resource's, else the bucket's
_acl(addr, r) := a if {
	acls := _acls(addr, r)
	linked := [x | some x in acls; x.resource.address != r.address]
	count(linked) > 0
	a := linked[0]
} else := a if {
	acls := _acls(addr, r)
	count(acls) > 0
	a := acls[0]
} else := {"resource": null, "attribute": null, "value": null}

_grants(addr, r) := array.concat(
	[g |
		some i, grant in object.get(r.config, "grant", [])
		is_object(grant)
		util.known(r, ["grant", i])
		g := {
			"resource": r,
			"attribute": ["grant", i],
			"type": object.get(grant, "type", null),
			"uri": object.get(grant, "uri", null),
			"permissions": _list(object.get(grant, "permissions", [])),
		}
	],
	[g |
		some x in _linked_list(addr, "acl")
		some i, policy in object.get(x.config, "access_control_policy", [])
		some j, grant in object.get(policy, "grant", [])
		is_object(grant)
		path := ["access_control_policy", i, "grant", j]
		util.known(x, path)
		grantee := util.first(object.get(grant, "grantee", []))
		g := {
			"resource": x,
			"attribute": path,
			"type": object.get(grantee, "type", null),
			"uri": object.get(grantee, "uri", null),
			"permissions": _list(object.get(grant, "permission", [])),
		}
	],
)

_list(v) := v if is_array(v)

else := [v] if is_string(v)

else := []

_encryption(addr, r) := e if {
	some x in _linked_list(addr, "encryption")
	rules := util.known_value(x, ["rule"])
	is_array(rules)
	e := {"resource": x, "attribute": ["rule"], "rules": _tf_rules(x, ["rule"])}
} else := e if {
	cfg := util.known_value(r, ["server_side_encryption_configuration"])
	is_array(cfg)
	count(cfg) > 0
	base := util.block_path(r, ["server_side_encryption_configuration"])
	e := {
		"resource": r,
		"attribute": ["server_side_encryption_configuration"],
		"rules": _tf_rules(r, array.concat(base, ["rule"])),
	}
} else := null

# the rules of a Terraform encryption configuration (blocks at path), source-neutral
_tf_rules(x, path) := array.concat(
	[_rule(x, array.concat(path, [i]), by_default, "sse_algorithm", "kms_master_key_id", "bucket_key_enabled") |
		some i, rule in object.get(x.config, path, [])
		is_object(rule)
		by_default := util.block_path(x, array.concat(path, [i, "apply_server_side_encryption_by_default"]))
	],
	_unknown_rules(x, path),
)

# list elements that are unknown (null) are rules whose algorithm cannot be known
_unknown_rules(x, path) := [{"attribute": array.concat(path, [i]), "algorithm": null, "algorithm_known": false, "kms_key_id": null, "bucket_key_enabled": null} |
	some i, rule in object.get(x.config, path, [])
	rule == null
]

# one rule: the algorithm and key below the by-default block, the bucket key beside it
_rule(x, path, by_default, algorithm, key, bucket_key) := {
	"attribute": path,
	"algorithm": object.get(alg, "value", null),
	"algorithm_known": alg != {},
	"kms_key_id": _known_string(x, array.concat(by_default, [key])),
	"bucket_key_enabled": object.get(bk, "value", null),
} if {
	alg := _algorithm(x, array.concat(by_default, [algorithm]))
	bk := _bool(x, array.concat(path, [bucket_key]))
}

_algorithm(x, path) := {"value": v} if {
	util.known(x, path)
	v := object.get(x.config, path, null)
	is_string(v)
	v != ""
} else := {"value": null} if {
	util.known(x, path)
} else := {}

_known_string(x, path) := v if {
	v := util.known_value(x, path)
	util.literal(v)
} else := null

_bool(x, path) := {"value": v} if {
	v := util.bool_setting(x, path)
} else := {}

_versioning(addr, r) := v if {
	x := _linked_list(addr, "versioning")[0]
	status := util.known_value(x, ["versioning_configuration", 0, "status"])
	v := {"resource": x, "attribute": ["versioning_configuration", 0, "status"], "enabled": status == "Enabled"}
} else := v if {
	enabled := util.known_value(r, ["versioning", 0, "enabled"])
	v := {"resource": r, "attribute": ["versioning", 0, "enabled"], "enabled": _is_true(enabled)}
} else := null

_is_true(v) if util.truthy(v)

else := false

_logging(addr, r) := l if {
	x := _linked_list(addr, "logging")[0]
	l := {"resource": x, "attribute": ["target_bucket"], "target_bucket": object.get(x.config, "target_bucket", null)}
} else := l if {
	cfg := util.known_value(r, ["logging"])
	is_array(cfg)
	count(cfg) > 0
	l := {"resource": r, "attribute": ["logging"], "target_bucket": object.get(util.first(cfg), "target_bucket", null)}
} else := null

# --- policies -------------------------------------------------------------------------------------

_statements(addr, r) := array.concat(
	iam.statements(r, ["policy"]),
	[s |
		some x in _linked_list(addr, "policy")
		some s in iam.statements(x, ["policy"])
	],
)

# policy_statements(r, path): the statements of the IAM policy at path in r.config, in IAM
# JSON form (see iam.statements; kept for rules written against this package).
policy_statements(r, path) := [e.statement | some e in iam.statements(r, path)]

# public_principal(st): the statement's Principal is everyone: "*", {"AWS": "*"} or a list
# holding "*".
public_principal(st) if iam.public_principal(st)

# has_condition(st): the statement carries a non-empty Condition.
has_condition(st) if iam.has_condition(st)

# --- CloudFormation ---------------------------------------------------------------------------------

# AccessControl values (CloudFormation) in the S3 API form of canned ACLs
_cfn_canned_acls := {
	"Private": "private",
	"PublicRead": "public-read",
	"PublicReadWrite": "public-read-write",
	"AuthenticatedRead": "authenticated-read",
	"LogDeliveryWrite": "log-delivery-write",
	"BucketOwnerRead": "bucket-owner-read",
	"BucketOwnerFullControl": "bucket-owner-full-control",
	"AwsExecRead": "aws-exec-read",
}

_cfn_name(r) := n if {
	n := util.known_value(r, ["BucketName"])
	util.literal(n)
} else := null

_cfn_acls(r) := [{"resource": r, "attribute": ["AccessControl"], "value": object.get(_cfn_canned_acls, v, v)} |
	v := util.known_value(r, ["AccessControl"])
	is_string(v)
]

_cfn_acl(acls, field) := acls[0][field] if count(acls) > 0

else := null

# the bucket's own PublicAccessBlockConfiguration, when written and known
_cfn_pabs(r) := [cfn_block_view(r)] if {
	is_object(object.get(r.config, "PublicAccessBlockConfiguration", null))
	not util.unknown_at(r, ["PublicAccessBlockConfiguration"])
} else := []

_cfn_encryption(r) := {
	"resource": r,
	"attribute": ["BucketEncryption"],
	"rules": array.concat(
		[_rule(r, path, array.concat(path, ["ServerSideEncryptionByDefault"]), "SSEAlgorithm", "KMSMasterKeyID", "BucketKeyEnabled") |
			some i, rule in object.get(r.config, ["BucketEncryption", "ServerSideEncryptionConfiguration"], [])
			is_object(rule)
			path := ["BucketEncryption", "ServerSideEncryptionConfiguration", i]
		],
		_unknown_rules(r, ["BucketEncryption", "ServerSideEncryptionConfiguration"]),
	),
} if {
	is_object(object.get(r.config, "BucketEncryption", null))
	not util.unknown_at(r, ["BucketEncryption"])
} else := null

_cfn_versioning(r) := {
	"resource": r,
	"attribute": ["VersioningConfiguration", "Status"],
	"enabled": status == "Enabled",
} if {
	status := util.known_value(r, ["VersioningConfiguration", "Status"])
} else := null

_cfn_logging(r) := {
	"resource": r,
	"attribute": ["LoggingConfiguration"],
	"target_bucket": _known_string(r, ["LoggingConfiguration", "DestinationBucketName"]),
} if {
	is_object(object.get(r.config, "LoggingConfiguration", null))
} else := null

# the active AWS::S3::BucketPolicy resources of a bucket, by reference or by its literal name,
# sorted by address
_cfn_policies(addr, r) := [x |
	linked := util.cfn_referrers("AWS::S3::BucketPolicy", "Bucket", addr) | _cfn_policies_named(r)
	some a in sort([y.address | some y in linked])
	some x in linked
	x.address == a
]

_cfn_policies_named(r) := {x |
	n := _cfn_name(r)
	n != null
	some x in object.get(_cfn_policies_by_name, n, set())
}

_cfn_policies_by_name[v] contains x if {
	some x in util.of_type("AWS::S3::BucketPolicy")
	v := util.known_value(x, ["Bucket"])
	util.literal(v)
}

# a bucket policy naming its bucket with an unknown value through no reference to a bucket of
# the template (an imported value, a parameter without value): it may be any bucket's
_cfn_dangling_policy if {
	some x in util.of_type("AWS::S3::BucketPolicy")
	not util.known_value(x, ["Bucket"])
	not _cfn_refers_to_a_bucket(x)
}

_cfn_refers_to_a_bucket(x) if {
	some b in util.referenced(x, "Bucket")
	b.type == "AWS::S3::Bucket"
}

_cfn_unknown_fields(addr, r) := ({f |
	some f, path in _cfn_own_paths
	util.unknown_at(r, path)
} | {"policy" |
	_cfn_policy_unknown(addr, r)
}) | {"encryption" |
	util.unknown_at(r, ["BucketEncryption", "ServerSideEncryptionConfiguration"])
}

# the property behind each field (a setting of the public access block that is unknown is in
# the block view's unknown instead)
_cfn_own_paths := {
	"acl": ["AccessControl"],
	"encryption": ["BucketEncryption"],
	"public_access_block": ["PublicAccessBlockConfiguration"],
	"versioning": ["VersioningConfiguration", "Status"],
	"logging": ["LoggingConfiguration"],
}

_cfn_policy_unknown(_, _) if _cfn_dangling_policy

_cfn_policy_unknown(addr, r) if {
	some x in _cfn_policies(addr, r)
	iam.document_unknown(x, ["PolicyDocument"])
}

# --- unknowns ------------------------------------------------------------------------------------

_unknown_fields(addr, r) := {f |
	some f in ["acl", "grants", "encryption", "policy", "versioning", "logging", "public_access_block"]
	_field_unknown(addr, r, f)
}

# a field whose linked resource is absent while some linking resource could be the one
_field_unknown(addr, _, f) if {
	f in _dangling
	count(object.get(_links, [addr, f], set())) == 0
}

_field_unknown(_, _, "grants") if "acl" in _dangling

# the bucket's own attribute is unknown and no linked resource replaces it
_field_unknown(addr, r, f) if {
	attr := _own_attribute[f]
	util.unknown(r, [attr])
	count(object.get(_links, [addr, f], set())) == 0
}

_field_unknown(addr, r, "grants") if {
	util.unknown(r, ["grant"])
	count(object.get(_links, [addr, "acl"], set())) == 0
}

# a linked resource whose decisive attribute is unknown (a policy rendered by an
# aws_iam_policy_document data source of the document is known through it)
_field_unknown(addr, _, f) if {
	some x in object.get(_links, [addr, f], set())
	attr := _linked_attribute[f]
	util.unknown(x, [attr])
	not _policy_from_document(f, x)
}

_policy_from_document("policy", x) if {
	some ref in object.get(x, ["references", "policy"], [])
	count(iam.policy_documents(ref, x)) > 0
}

_field_unknown(addr, _, "grants") if {
	some x in object.get(_links, [addr, "acl"], set())
	util.unknown(x, ["access_control_policy"])
}

# the bucket's own attribute behind each field
_own_attribute := {
	"acl": "acl",
	"encryption": "server_side_encryption_configuration",
	"policy": "policy",
	"versioning": "versioning",
	"logging": "logging",
}

# the decisive attribute of each linked resource type
_linked_attribute := {
	"acl": "acl",
	"encryption": "rule",
	"policy": "policy",
	"versioning": "versioning_configuration",
	"logging": "target_bucket",
}
