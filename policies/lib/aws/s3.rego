# AWS adapter library: S3 buckets (not a rule: no METADATA, no deny).
#
# buckets[address] is one view per bucket, joining the bucket's own attributes with the
# resources that configure it from outside (aws_s3_bucket_acl, _public_access_block,
# _server_side_encryption_configuration, _policy, _versioning, _logging). A resource is linked
# to a bucket when its `bucket` attribute refers to the bucket's address (configurations and
# plans) or equals the bucket's name, id or ARN (state files, literal names). See util.linked.
#
# Fields of a bucket view:
#   resource             the aws_s3_bucket resource
#   name                 the bucket name when known, else null
#   acls                 every canned ACL set on the bucket, known values only:
#                        [{resource, attribute, value}] from the bucket's `acl` and from linked
#                        aws_s3_bucket_acl resources' `acl`
#   acl                  the canned ACL in effect (a linked aws_s3_bucket_acl wins over the
#                        bucket's own attribute), null when none is set; acl_resource and
#                        acl_attribute say where it is written (null when acl is null)
#   grants               explicit ACL grants, known ones only: [{resource, attribute, type, uri,
#                        permissions}] from the bucket's `grant` blocks and linked
#                        aws_s3_bucket_acl access_control_policy grants
#   public_access_block  the linked aws_s3_bucket_public_access_block as a block view (below),
#                        or null (public_access_blocks: all of them, when several are linked)
#   encryption           {resource, attribute, rules}: the linked
#                        aws_s3_bucket_server_side_encryption_configuration, else the bucket's
#                        own server_side_encryption_configuration; null when neither is set
#   policy_statements    [{resource, attribute, statement}]: the statements of the bucket's
#                        `policy` and of linked aws_s3_bucket_policy resources (JSON strings,
#                        or aws_iam_policy_document data sources they refer to), normalized to
#                        IAM JSON keys (Effect, Principal, NotPrincipal, Action, Condition, ...)
#   versioning           {resource, attribute, enabled}, or null when not configured
#   logging              {resource, attribute, target_bucket}, or null when not configured
#   unknown              the fields above whose absence cannot be trusted: "acl", "grants",
#                        "public_access_block", "encryption", "policy", "versioning", "logging"
#                        (the decisive attribute is unknown, or a linking resource of that kind
#                        names its bucket with an unknown value)
package rampart.lib.aws.s3

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
	some addr, r in util.typed.aws_s3_bucket
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

# account_public_access_blocks[address]: the aws_s3_account_public_access_block resources, as
# block views.
account_public_access_blocks[addr] := block_view(r) if {
	some addr, r in util.typed.aws_s3_account_public_access_block
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
block_view(r) := {
	"resource": r,
	"settings": {s: v | some s in public_access_settings; v := util.bool_setting(r, [s])},
	"unknown": {s | some s in public_access_settings; util.unknown(r, [s])},
	"attributes": {s: [s] | some s in public_access_settings},
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
	some addr, r in util.typed.aws_s3_bucket
}

# _links[bucket address][field]: the resources of linked_types[field] linked to the bucket: by
# reference (tf.referrers pairs instances) or by the bucket name, id or ARN they name (an index
# by value), so that the join stays linear in the size of the document.
_links[addr][field] contains x if {
	some addr, b in util.typed.aws_s3_bucket
	some field, t in linked_types
	some x in tf.referrers(t, "bucket", b)
}

_links[addr][field] contains x if {
	some addr, _ in util.typed.aws_s3_bucket
	some id in object.get(_bucket_ids, addr, set())
	some field, _ in linked_types
	some x in object.get(_by_value, [field, id], set())
}

# _by_value[field][bucket name]: linking resources by the bucket their bucket attribute names
_by_value[field][v] contains x if {
	some field, t in linked_types
	some x in util.typed[t]
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
	some x in util.typed[t]
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
	e := {"resource": x, "attribute": ["rule"], "rules": rules}
} else := e if {
	cfg := util.known_value(r, ["server_side_encryption_configuration"])
	is_array(cfg)
	count(cfg) > 0
	e := {
		"resource": r,
		"attribute": ["server_side_encryption_configuration"],
		"rules": object.get(util.first(cfg), "rule", []),
	}
} else := null

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
	[s |
		some st in policy_statements(r, ["policy"])
		s := {"resource": r, "attribute": ["policy"], "statement": st}
	],
	[s |
		some x in _linked_list(addr, "policy")
		some st in policy_statements(x, ["policy"])
		s := {"resource": x, "attribute": ["policy"], "statement": st}
	],
)

# policy_statements(r, path): the statements of the IAM policy at path in r.config: a JSON
# string when known, else the aws_iam_policy_document data sources the attribute refers to.
# Each statement is an object with IAM JSON keys; a single statement object is put in a list.
policy_statements(r, path) := statements if {
	doc := util.known_value(r, path)
	is_string(doc)
	json.is_valid(doc)
	statements := _json_statements(json.unmarshal(doc))
} else := statements if {
	not util.known_value(r, path)
	statements := [st |
		some ref in object.get(r, ["references", tf.path_string(path)], [])
		some d in _policy_documents(ref, r)
		some st in _document_statements(d)
	]
}

_json_statements(doc) := doc.Statement if is_array(doc.Statement)

else := [doc.Statement] if is_object(doc.Statement)

else := []

# the aws_iam_policy_document data sources (in r's module instance) a reference names
_policy_documents(ref, r) := [d |
	base := concat("", [tf.facts(r.address).module, tf.local_address(tf.strip_keys(ref))])
	some d in object.get(_documents, base, set())
]

# _documents[instance base]: the aws_iam_policy_document data sources
_documents[tf.facts(d.address).base] contains d if {
	tf.document
	some d in input.resources
	d.type == "aws_iam_policy_document"
	tf.is_data(d)
}

# a data source's statements: its rendered `json` when known, else its statement blocks
_document_statements(d) := _json_statements(json.unmarshal(j)) if {
	j := util.known_value(d, ["json"])
	is_string(j)
	json.is_valid(j)
} else := [_block_statement(b) |
	util.known(d, ["statement"])
	some b in object.get(d.config, "statement", [])
	is_object(b)
]

# an aws_iam_policy_document statement block in IAM JSON form
_block_statement(b) := object.union(
	{
		"Effect": _effect(b),
		"Action": object.get(b, "actions", []),
		"Resource": object.get(b, "resources", []),
	},
	object.union(_principal_key("Principal", object.get(b, "principals", [])), object.union(
		_principal_key("NotPrincipal", object.get(b, "not_principals", [])),
		_condition_key(object.get(b, "condition", [])),
	)),
)

_effect(b) := b.effect if is_string(b.effect)

else := "Allow"

_principal_key(_, blocks) := {} if count(blocks) == 0

_principal_key(key, blocks) := {key: "*"} if {
	count(blocks) > 0
	some p in blocks
	p.type == "*"
}

_principal_key(key, blocks) := {key: {t: ids |
	some p in blocks
	t := p.type
	ids := [i | some q in blocks; q.type == t; some i in q.identifiers]
}} if {
	count(blocks) > 0
	not _any_star_type(blocks)
}

_any_star_type(blocks) if {
	some p in blocks
	p.type == "*"
}

_condition_key(blocks) := {} if count(blocks) == 0

_condition_key(blocks) := {"Condition": {test: _condition_test(blocks, test) |
	some b in blocks
	test := b.test
}} if count(blocks) > 0

_condition_test(blocks, test) := {v: vals |
	some c in blocks
	c.test == test
	v := c.variable
	vals := [x | some c2 in blocks; c2.test == test; c2.variable == v; some x in c2.values]
}

# public_principal(st): the statement's Principal is everyone: "*", {"AWS": "*"} or a list
# holding "*".
public_principal(st) if st.Principal == "*"

public_principal(st) if _has_star(st.Principal.AWS)

public_principal(st) if _has_star(st.Principal["*"])

_has_star("*")

_has_star(list) if {
	is_array(list)
	"*" in list
}

# has_condition(st): the statement carries a non-empty Condition.
has_condition(st) if {
	is_object(st.Condition)
	count(st.Condition) > 0
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
	count(_policy_documents(ref, x)) > 0
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
