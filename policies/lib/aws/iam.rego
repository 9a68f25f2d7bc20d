# AWS adapter library: IAM policies, roles and users (not a rule: no METADATA, no deny).
#
# Policy documents are read wherever they are written and their statements normalised to IAM
# JSON form, so that rules never care whether a policy was a JSON string (Terraform `policy`,
# jsonencode()), an aws_iam_policy_document data source, or a CloudFormation PolicyDocument
# object.
#
# A statement entry (statements(), and the `statements` of every view below) is
#   resource   the resource to report on: the resource whose attribute holds the policy
#   attribute  path to report at: the statement itself where it has lines of its own
#              (CloudFormation ["PolicyDocument", "Statement", 2]), else the attribute holding
#              the policy (["policy"]: a JSON string, or a reference to a data source)
#   origin     {resource, attribute}: where the statement is written: the same as above, or
#              the aws_iam_policy_document data source and its ["statement", 2] block
#   statement  the statement: {"Effect", "Action": [...], "Resource": [...]} plus, when written,
#              "NotAction", "NotResource" (lists), "Principal", "NotPrincipal" ("*" or
#              {type: [ids]}), "Condition" ({operator: {key: [values]}}) and "Sid". Single
#              strings become one-element lists; unknown list elements are left out
#   unknown    the statement keys ("Resource", "Condition", ...) whose value is partly or
#              wholly unknown: a rule must not conclude anything from their absence
#
# policies[[address, path]]: one entry per identity policy document:
#   Terraform  aws_iam_policy (kind "managed"), aws_iam_role_policy, aws_iam_user_policy,
#              aws_iam_group_policy and aws_iam_role inline_policy blocks ("inline"),
#              aws_iam_policy_document data sources ("document": reusable fragments; the
#              statements of a policy rendered from one point at the data source)
#   CloudFormation  AWS::IAM::ManagedPolicy ("managed"), AWS::IAM::Policy,
#              AWS::IAM::RolePolicy / UserPolicy / GroupPolicy and the Policies of
#              AWS::IAM::Role / User / Group ("inline")
#   fields     resource, attribute (path of the document), kind, name (null when not set or
#              unknown), statements, unknown (true when the document or its statement list
#              cannot be fully known), attached_to (sorted addresses of the roles, users and
#              groups of the document it is attached to)
#
# roles[address]: aws_iam_role / AWS::IAM::Role:
#   resource, name, assume_role_policy ({resource, attribute, statements, unknown}, null when
#   absent), policies (sorted keys of `policies` attached to it), managed_policy_arns (known
#   literal ARNs attached: its own attribute and, for Terraform, attachment resources),
#   permissions_boundary (a util.field)
#
# users[address]: aws_iam_user / AWS::IAM::User:
#   resource, name, console_access ({resource, attribute} of the login profile, null when
#   none), console_access_known (false when a login profile may exist but cannot be told),
#   access_keys ([{resource, active}] of aws_iam_access_key / AWS::IAM::AccessKey, active
#   true/false, null when unknown), policies, managed_policy_arns, permissions_boundary
package rampart.lib.aws.iam

import data.rampart.lib.aws.util
import data.rampart.lib.terraform as tf

# --- statements ----------------------------------------------------------------------------------

# normalize(st): an IAM JSON statement in the normal form described above.
normalize(st) := object.union(
	{
		"Effect": object.get(st, "Effect", null),
		"Action": values(object.get(st, "Action", null)),
		"Resource": values(object.get(st, "Resource", null)),
	},
	{k: v |
		some k, x in st
		x != null
		v := _normal(k, x)
	},
)

_normal(k, x) := values(x) if k in {"NotAction", "NotResource"}

_normal(k, x) := principal(x) if k in {"Principal", "NotPrincipal"}

_normal("Condition", x) := condition(x)

_normal("Sid", x) := x

# values(x): a list of the non-null elements of x, [x] for a single value, [] for null.
values(x) := [v | some v in x; v != null] if is_array(x)

else := [] if x == null

else := [x]

# principal(x): "*", or {type: [ids]}.
principal(x) := {t: values(v) | some t, v in x} if is_object(x)

else := x

# condition(x): {operator: {key: [values]}}.
condition(x) := {op: {k: values(v) | some k, v in body} |
	some op, body in x
	is_object(body)
} if is_object(x)

else := x

# statements(r, path): the statement entries of the policy document at path in r.config: an
# object (CloudFormation), a JSON string when known, else (Terraform) the
# aws_iam_policy_document data sources the attribute refers to. [] when none can be known.
statements(r, path) := s if {
	doc := object.get(r.config, path, null)
	is_object(doc)
	s := _object_statements(r, path, doc)
} else := s if {
	doc := util.known_value(r, path)
	is_string(doc)
	json.is_valid(doc)
	s := [_entry(r, path, st, set()) |
		some st in _json_statements(json.unmarshal(doc))
		is_object(st)
	]
} else := s if {
	tf.document
	s := [object.union(e, {"resource": r, "attribute": path}) |
		some ref in object.get(r, ["references", util.path_string(path)], [])
		some d in policy_documents(ref, r)
		some e in document_statements(d)
	]
} else := []

_entry(r, path, st, unknown) := {
	"resource": r,
	"attribute": path,
	"statement": normalize(st),
	"unknown": unknown,
	"origin": {"resource": r, "attribute": path},
}

_object_statements(r, path, doc) := [_entry(r, p, st, util.unknown_children(r, p)) |
	is_array(doc.Statement)
	some i, st in doc.Statement
	is_object(st)
	p := array.concat(path, ["Statement", i])
] if is_array(doc.Statement)

else := [_entry(r, p, doc.Statement, util.unknown_children(r, p))] if {
	is_object(doc.Statement)
	p := array.concat(path, ["Statement"])
}

else := []

_json_statements(doc) := doc.Statement if is_array(doc.Statement)

else := [doc.Statement] if is_object(doc.Statement)

else := []

# document_unknown(r, path): the statements of the document at path cannot all be known: the
# document or its statement list is unknown (and no data source of the document renders it),
# or an element of the list is.
document_unknown(r, path) if {
	util.unknown_at(r, path)
	not _rendered_by_documents(r, path)
}

document_unknown(r, path) if {
	not util.unknown_at(r, path)
	util.unknown_at(r, array.concat(path, ["Statement"]))
}

document_unknown(r, path) if {
	list := object.get(r.config, array.concat(path, ["Statement"]), null)
	is_array(list)
	some st in list
	st == null
}

document_unknown(r, path) if {
	tf.document
	some ref in object.get(r, ["references", util.path_string(path)], [])
	some d in policy_documents(ref, r)
	document_incomplete(d)
}

_rendered_by_documents(r, path) if {
	tf.document
	some ref in object.get(r, ["references", util.path_string(path)], [])
	count(policy_documents(ref, r)) > 0
}

# --- aws_iam_policy_document data sources (Terraform) ------------------------------------------

# policy_documents(ref, r): the aws_iam_policy_document data sources (in r's module instance)
# a reference of r names.
policy_documents(ref, r) := [d |
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

# document_statements(d): a data source's statements: its rendered `json` when known (plans),
# else its statement blocks.
document_statements(d) := [_entry(d, ["json"], st, set()) |
	some st in _json_statements(json.unmarshal(j))
	is_object(st)
] if {
	j := util.known_value(d, ["json"])
	is_string(j)
	json.is_valid(j)
} else := [_entry(d, ["statement", j], _block_statement(b), _block_unknown(d, j)) |
	not util.unknown_at(d, ["statement"])
	some j, b in object.get(d.config, "statement", [])
	is_object(b)
]

# document_incomplete(d): the statements of data source d do not say everything it renders:
# the statement blocks are unknown or partly missing, or it merges other documents.
document_incomplete(d) if {
	not util.known_value(d, ["json"])
	_blocks_incomplete(d)
}

_blocks_incomplete(d) if util.unknown_at(d, ["statement"])

_blocks_incomplete(d) if {
	some b in object.get(d.config, "statement", [])
	b == null
}

_blocks_incomplete(d) if {
	some attr in ["source_policy_documents", "override_policy_documents", "source_json", "override_json"]
	_set_or_unknown(d, attr)
}

_set_or_unknown(r, attr) if util.unknown(r, [attr])

_set_or_unknown(r, attr) if {
	v := object.get(r.config, attr, null)
	v != null
	v != []
	v != ""
}

# the IAM JSON keys of a statement block's unknown attributes
_block_unknown(d, j) := {k |
	some a in util.unknown_children(d, ["statement", j])
	k := object.get(_block_keys, a, a)
}

_block_keys := {
	"sid": "Sid", "effect": "Effect", "actions": "Action", "not_actions": "NotAction",
	"resources": "Resource", "not_resources": "NotResource", "principals": "Principal",
	"not_principals": "NotPrincipal", "condition": "Condition",
}

# an aws_iam_policy_document statement block in IAM JSON form
_block_statement(b) := object.union(
	object.union(
		{
			"Effect": _effect(b),
			"Action": values(object.get(b, "actions", [])),
			"Resource": values(object.get(b, "resources", [])),
		},
		_optional_lists(b),
	),
	object.union(_principal_key("Principal", object.get(b, "principals", [])), object.union(
		_principal_key("NotPrincipal", object.get(b, "not_principals", [])),
		_condition_key(object.get(b, "condition", [])),
	)),
)

_optional_lists(b) := {key: values(v) |
	some attr, key in {"not_actions": "NotAction", "not_resources": "NotResource"}
	v := b[attr]
	is_array(v)
	count(v) > 0
}

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
	ids := [i | some q in blocks; q.type == t; some i in values(q.identifiers)]
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
	vals := [x | some c2 in blocks; c2.test == test; c2.variable == v; some x in values(c2.values)]
}

# --- statement helpers ----------------------------------------------------------------------------

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

# --- policies ----------------------------------------------------------------------------------------

# the attribute holding the document, and the policy's name, by policy resource type
_policy_types := {
	"aws_iam_policy": {"kind": "managed", "document": "policy", "name": "name"},
	"aws_iam_role_policy": {"kind": "inline", "document": "policy", "name": "name"},
	"aws_iam_user_policy": {"kind": "inline", "document": "policy", "name": "name"},
	"aws_iam_group_policy": {"kind": "inline", "document": "policy", "name": "name"},
	"AWS::IAM::ManagedPolicy": {"kind": "managed", "document": "PolicyDocument", "name": "ManagedPolicyName"},
	"AWS::IAM::Policy": {"kind": "inline", "document": "PolicyDocument", "name": "PolicyName"},
	"AWS::IAM::RolePolicy": {"kind": "inline", "document": "PolicyDocument", "name": "PolicyName"},
	"AWS::IAM::UserPolicy": {"kind": "inline", "document": "PolicyDocument", "name": "PolicyName"},
	"AWS::IAM::GroupPolicy": {"kind": "inline", "document": "PolicyDocument", "name": "PolicyName"},
}

# policy resources
policies[[addr, spec.document]] := _policy(r, [spec.document], spec.kind, [spec.name]) if {
	some t, spec in _policy_types
	some addr, r in util.of_type(t)
}

# inline policies of identities (Terraform: aws_iam_role inline_policy blocks; CloudFormation:
# Policies of AWS::IAM::Role, User and Group)
policies[[addr, util.path_string(path)]] := _policy(r, path, "inline", name_path) if {
	some t, spec in _inline_lists
	some addr, r in util.of_type(t)
	some i, p in object.get(r.config, spec.list, [])
	is_object(p)
	_has_document(r, [spec.list, i, spec.document])
	path := [spec.list, i, spec.document]
	name_path := [spec.list, i, spec.name]
}

_inline_lists := {
	"aws_iam_role": {"list": "inline_policy", "document": "policy", "name": "name"},
	"AWS::IAM::Role": {"list": "Policies", "document": "PolicyDocument", "name": "PolicyName"},
	"AWS::IAM::User": {"list": "Policies", "document": "PolicyDocument", "name": "PolicyName"},
	"AWS::IAM::Group": {"list": "Policies", "document": "PolicyDocument", "name": "PolicyName"},
}

_has_document(r, path) if object.get(r.config, path, null) != null

_has_document(r, path) if util.unknown(r, path)

# aws_iam_policy_document data sources
policies[[d.address, ""]] := {
	"resource": d,
	"attribute": [],
	"kind": "document",
	"name": null,
	"statements": document_statements(d),
	"unknown": _incomplete(d),
	"attached_to": [],
} if {
	some _, ds in _documents
	some d in ds
}

_policy(r, path, kind, name_path) := {
	"resource": r,
	"attribute": path,
	"kind": kind,
	"name": _name(r, name_path),
	"statements": statements(r, path),
	"unknown": _doc_unknown(r, path),
	"attached_to": sort(object.get(_identities_of, [[r.address, util.path_string(path)]], set())),
}

_doc_unknown(r, path) if document_unknown(r, path)

else := false

_incomplete(d) if document_incomplete(d)

else := false

_name(r, path) := n if {
	n := util.known_value(r, path)
	util.literal(n)
} else := null

# --- attachments ----------------------------------------------------------------------------------

# the identity resource types, by class, and the attribute holding their name
_identity_types := {
	"aws_iam_role": {"class": "role", "name": "name"},
	"aws_iam_user": {"class": "user", "name": "name"},
	"aws_iam_group": {"class": "group", "name": "name"},
	"AWS::IAM::Role": {"class": "role", "name": "RoleName"},
	"AWS::IAM::User": {"class": "user", "name": "UserName"},
	"AWS::IAM::Group": {"class": "group", "name": "GroupName"},
}

# _by_name[class][name]: identities by their literal name (how literal names and state files join)
_by_name[spec.class][n] contains r if {
	some t, spec in _identity_types
	some r in util.of_type(t)
	some n in util.names(r, [spec.name])
}

# _identities(x, key, class): the identities of a class that x's attribute key names
_identities(x, key, class) := {id |
	some id in util.referenced(x, key)
	_identity_types[id.type].class == class
} | {id |
	some n in util.names(x, [key])
	some id in object.get(_by_name, [class, n], set())
}

# policy resources that name the identities they are attached to, by attribute
_self_links := {
	"aws_iam_role_policy": {"role": "role"},
	"aws_iam_user_policy": {"user": "user"},
	"aws_iam_group_policy": {"group": "group"},
	"AWS::IAM::Policy": {"Roles": "role", "Users": "user", "Groups": "group"},
	"AWS::IAM::ManagedPolicy": {"Roles": "role", "Users": "user", "Groups": "group"},
	"AWS::IAM::RolePolicy": {"RoleName": "role"},
	"AWS::IAM::UserPolicy": {"UserName": "user"},
	"AWS::IAM::GroupPolicy": {"GroupName": "group"},
}

# Terraform attachment resources: the identity attributes, and `policy_arn`
_attachment_links := {
	"aws_iam_role_policy_attachment": {"role": "role"},
	"aws_iam_user_policy_attachment": {"user": "user"},
	"aws_iam_group_policy_attachment": {"group": "group"},
	"aws_iam_policy_attachment": {"roles": "role", "users": "user", "groups": "group"},
}

# identities' own lists of attached managed policies
_arn_lists := {
	"aws_iam_role": "managed_policy_arns",
	"AWS::IAM::Role": "ManagedPolicyArns",
	"AWS::IAM::User": "ManagedPolicyArns",
	"AWS::IAM::Group": "ManagedPolicyArns",
}

# attachments: [policy key, identity address] pairs
attachments contains [[x.address, _policy_types[t].document], id.address] if {
	some t, spec in _self_links
	some x in util.of_type(t)
	some key, class in spec
	some id in _identities(x, key, class)
}

attachments contains [[p.address, "policy"], id.address] if {
	some t, spec in _attachment_links
	some x in util.of_type(t)
	some p in _managed_policies(x, "policy_arn")
	some key, class in spec
	some id in _identities(x, key, class)
}

attachments contains [[p.address, _policy_types[p.type].document], id.address] if {
	some t, key in _arn_lists
	some id in util.of_type(t)
	some p in _managed_policies(id, key)
}

attachments contains [[id.address, util.path_string([spec.list, i, spec.document])], id.address] if {
	some t, spec in _inline_lists
	some id in util.of_type(t)
	some i, p in object.get(id.config, spec.list, [])
	is_object(p)
	_has_document(id, [spec.list, i, spec.document])
}

# the managed policies of the document an attribute names, by reference or by ARN
_managed_policies(x, key) := {p |
	some p in util.referenced(x, key)
	p.type in {"aws_iam_policy", "AWS::IAM::ManagedPolicy"}
} | {p |
	some arn in util.names(x, [key])
	some p in object.get(_policies_by_arn, arn, set())
}

_policies_by_arn[arn] contains p if {
	some p in util.of_type("aws_iam_policy")
	some arn in util.identifiers(p, ["arn", "id"])
}

_identities_of[key] contains id if some [key, id] in attachments

_policies_of[id] contains key if some [key, id] in attachments

# _attached_arns[identity address]: the literal ARNs Terraform attachment resources attach
_attached_arns[id.address] contains arn if {
	some t, spec in _attachment_links
	some x in util.of_type(t)
	some arn in util.names(x, ["policy_arn"])
	some key, class in spec
	some id in _identities(x, key, class)
}

# --- roles and users ---------------------------------------------------------------------------------

_role_attributes := {
	"aws_iam_role": {"name": "name", "trust": "assume_role_policy", "arns": "managed_policy_arns", "boundary": "permissions_boundary"},
	"AWS::IAM::Role": {"name": "RoleName", "trust": "AssumeRolePolicyDocument", "arns": "ManagedPolicyArns", "boundary": "PermissionsBoundary"},
}

roles[addr] := {
	"resource": r,
	"name": _name(r, [spec.name]),
	"assume_role_policy": _trust(r, [spec.trust]),
	"policies": sort(object.get(_policies_of, addr, set())),
	"managed_policy_arns": sort(util.names(r, [spec.arns]) | object.get(_attached_arns, addr, set())),
	"permissions_boundary": util.field(r, [spec.boundary], null),
} if {
	some t, spec in _role_attributes
	some addr, r in util.of_type(t)
}

_trust(r, path) := {
	"resource": r,
	"attribute": path,
	"statements": statements(r, path),
	"unknown": _doc_unknown(r, path),
} if _has_document(r, path)

else := null

_user_attributes := {
	"aws_iam_user": {"name": "name", "arns": "-", "boundary": "permissions_boundary"},
	"AWS::IAM::User": {"name": "UserName", "arns": "ManagedPolicyArns", "boundary": "PermissionsBoundary"},
}

users[addr] := {
	"resource": r,
	"name": _name(r, [spec.name]),
	"console_access": login.value,
	"console_access_known": login.known,
	"access_keys": _access_keys(r),
	"policies": sort(object.get(_policies_of, addr, set())),
	"managed_policy_arns": sort(util.names(r, [spec.arns]) | object.get(_attached_arns, addr, set())),
	"permissions_boundary": util.field(r, [spec.boundary], null),
} if {
	some t, spec in _user_attributes
	some addr, r in util.of_type(t)
	login := _login(r)
}

# a CloudFormation user's own LoginProfile
_login(r) := {"value": {"resource": r, "attribute": ["LoginProfile"]}, "known": true} if {
	r.type == "AWS::IAM::User"
	object.get(r.config, "LoginProfile", null) != null
} else := {"value": null, "known": false} if {
	r.type == "AWS::IAM::User"
	util.unknown_at(r, ["LoginProfile"])
} else := {"value": {"resource": p, "attribute": []}, "known": true} if {
	# a linked aws_iam_user_login_profile (first by address)
	profiles := sort([p.address | some p in object.get(_linked_to_user, [r.address, "aws_iam_user_login_profile"], set())])
	count(profiles) > 0
	p := util.of_type("aws_iam_user_login_profile")[profiles[0]]
} else := {"value": null, "known": false} if {
	# a login profile naming its user with an unknown value, through no reference
	some p in util.of_type("aws_iam_user_login_profile")
	not util.known_value(p, ["user"])
	not util.refers(p, "user")
} else := {"value": null, "known": true}

# _linked_to_user[user address][type]: login profiles and access keys of each user
_linked_to_user[id.address][t] contains x if {
	some t, key in {"aws_iam_user_login_profile": "user", "aws_iam_access_key": "user", "AWS::IAM::AccessKey": "UserName"}
	some x in util.of_type(t)
	some id in _identities(x, key, "user")
}

_access_keys(r) := [{"resource": k, "active": _active(k)} |
	some t in ["aws_iam_access_key", "AWS::IAM::AccessKey"]
	keys := object.get(_linked_to_user, [r.address, t], set())
	some a in sort([k.address | some k in keys])
	some k in keys
	k.address == a
]

_active(k) := v if {
	s := util.field(k, [_status_attr[k.type]], "Active")
	s.known
	is_string(s.value)
	v := lower(s.value) == "active"
} else := null

_status_attr := {"aws_iam_access_key": "status", "AWS::IAM::AccessKey": "Status"}
