# AWS adapter library: shared helpers (not a rule: no METADATA, no deny).
#
# The packages under rampart.lib.aws give rules ONE view of each AWS resource (a bucket, an
# ingress rule, a volume, a database, a role, a trail...), whatever document it was read from:
# Terraform configurations, plans and state files, and CloudFormation templates (kinds in
# `kinds` below). Each view is a partial rule with one body per source, so rules read the same
# shape whatever the source.
#
# Every entry of a view carries `resource`, the element of input.resources a finding should be
# reported on, and attribute paths (arrays) inside that resource's config. Views never contain
# values that cannot be known: what is listed in a resource's `unknown` is left out, and the
# view says so where a rule needs to tell "absent" from "unknown". CloudFormation resources
# whose Condition is false (the document's `inactive` extra) are in no view.
#
# Settings of the newer views (iam, ec2.instances, lambda, eks, cloudtrail, kms, vpc) are
# `field` objects (see field below): {value, set, known, attribute}.
package rampart.lib.aws.util

import data.rampart.lib.terraform as tf

# kinds: the document kinds the AWS views read.
kinds := {"terraform", "terraform-plan", "terraform-state", "cloudformation"}

# terraform: the input is a Terraform configuration, plan or state.
terraform if tf.document

# cloudformation: the input is a CloudFormation template (docs/documents.md, "cloudformation").
cloudformation if input.kind == "cloudformation"

# inactive: the logical ids of the CloudFormation resources whose Condition is false.
inactive := {a | cloudformation; some a in object.get(input, "inactive", [])}

# typed[type][address]: the resources of each type (cached per input): for Terraform the
# managed resources (data sources excluded), for CloudFormation the active resources (type as
# written, e.g. "AWS::S3::Bucket").
typed := tf.typed if tf.document

else := _cfn_typed if input.kind == "cloudformation"

else := {}

# (CloudFormation types are always Organization::Service::Resource, so no Terraform type can
# be read from a template)
_cfn_typed[r.type][addr] := r if {
	some addr, r in cfn_resources
}

# of_type(t): typed[t], {} when the document has none.
of_type(t) := object.get(typed, t, {})

# strip_keys(addr): the address without instance keys (`aws_s3_bucket.b[0]` -> `aws_s3_bucket.b`).
strip_keys(addr) := tf.strip_keys(addr)

# path_string(path): the dotted form of an attribute path (["rule", 0, "id"] -> "rule.0.id"),
# the form `unknown` and `references` use.
path_string(path) := tf.path_string(path)

# --- unknown values ---------------------------------------------------------------------------

# unknown(r, path): the value at path, a parent or a child of it, is listed in r.unknown (a
# CloudFormation resource whose whole Properties value is unknown lists "").
unknown(r, path) if tf.unknown(r, path)

unknown(r, _) if "" in object.get(r, "unknown", [])

# unknown_at(r, path): the value at path itself cannot be known: path or a parent of it is
# listed (unknown children of a known object or list do not count).
unknown_at(r, path) if {
	p := path_string(path)
	some u in object.get(r, "unknown", [])
	_at_or_above(u, p)
}

# value_known(r, path): false when unknown_at(r, path), else true (a value, usable in objects).
value_known(r, path) := false if unknown_at(r, path)

else := true

_at_or_above(u, _) if u == ""

_at_or_above(u, p) if u == p

_at_or_above(u, p) if startswith(p, concat("", [u, "."]))

# known(r, path): nothing at, above or below path (array or dotted string) is listed in r.unknown.
known(r, path) if not unknown(r, path)

# known_value(r, path): the value at path in r.config when present, not null and known.
known_value(r, path) := v if {
	v := object.get(r.config, path, null)
	v != null
	known(r, path)
}

# unknown_children(r, path): the first keys below path that hold something unknown
# (["PolicyDocument", "Statement", 0] with "PolicyDocument.Statement.0.Resource.1" unknown ->
# {"Resource"}).
unknown_children(r, path) := {k |
	prefix := concat("", [path_string(path), "."])
	some u in object.get(r, "unknown", [])
	startswith(u, prefix)
	k := split(substring(u, count(prefix), -1), ".")[0]
}

# --- joins ------------------------------------------------------------------------------------

# linked(r, attr, target, ids): attribute attr of resource r points at target: by reference
# (HCL and plans: r.references[attr] names target's address without instance keys) or by value
# (state files, literal names: r.config[attr] is one of target's identifiers ids).
linked(r, attr, target, ids) if tf.linked(r, attr, target, ids)

# identifiers(r, attrs): the known literal values of r's top-level attributes attrs (names, ids,
# ARNs), the values other resources use to point at r in a state file.
identifiers(r, attrs) := {v |
	some a in attrs
	v := r.config[a]
	literal(v)
	known(r, a)
}

# resolvable(r, attr): r's attribute attr can be joined: its value is known or it refers to
# some resource.
resolvable(r, attr) if tf.resolvable(r, attr)

# cfn_resources[address]: the active CloudFormation resources by logical id (a complete
# object, built once per input).
cfn_resources := {r.address: r |
	input.kind == "cloudformation"
	some r in input.resources
	contains(r.type, "::")
	not r.address in inactive
}

# _cfn_refs[type][key][target]: the active CloudFormation resources of a type whose top-level
# property key (a Ref, GetAtt or Sub anywhere below it) refers to target.
_cfn_refs := _cfn_refs_index

_cfn_refs_index[x.type][key][target] contains x if {
	some x in cfn_resources
	some attr, targets in object.get(x, "references", {})
	key := split(attr, ".")[0]
	some target in targets
	is_string(target)
}

# cfn_referrers(t, key, target): the active resources of type t whose property key refers to
# the resource at address target.
cfn_referrers(t, key, target) := object.get(_cfn_refs, [t, key, target], set())

# referenced(r, key): the resources of the document (Terraform: managed, paired by instance
# key; CloudFormation: active) that r's top-level attribute key refers to (anywhere below it:
# `launch_template.0.id`, `Roles.1`).
referenced(r, key) := {x |
	some attr, _ in object.get(r, "references", {})
	split(attr, ".")[0] == key
	some x in tf.referenced(r, attr)
} if tf.document

else := {x |
	some attr, targets in object.get(r, "references", {})
	split(attr, ".")[0] == key
	some a in targets
	x := object.get(cfn_resources, a, null)
	x != null
}

# refers(r, key): r's attribute key refers to some resource (of the document or not).
refers(r, key) if {
	some attr, targets in object.get(r, "references", {})
	split(attr, ".")[0] == key
	count(targets) > 0
}

# names(r, path): the known literal strings at path: the value itself, or the elements of a list.
names(r, path) := {v |
	v := known_value(r, path)
	literal(v)
} | {v |
	list := object.get(r.config, path, null)
	is_array(list)
	some i, v in list
	literal(v)
	known(r, array.concat(path, [i]))
}

# --- values -----------------------------------------------------------------------------------

# literal(v): a non-empty string that is not redacted.
literal(v) if tf.literal(v)

# truthy(v) / falsy(v): booleans, or their string forms in any case ("true", "False"):
# Terraform string attributes and CloudFormation templates often carry booleans as strings.
truthy(true)

truthy(v) if {
	is_string(v)
	lower(trim_space(v)) == "true"
}

falsy(false)

falsy(v) if {
	is_string(v)
	lower(trim_space(v)) == "false"
}

# bool_setting(r, path) is the boolean a setting evaluates to: true or false when set and
# known, null when it is not set (the provider default applies); undefined when unknown.
bool_setting(r, path) if {
	known(r, path)
	truthy(object.get(r.config, path, null))
} else := false if {
	known(r, path)
	falsy(object.get(r.config, path, null))
} else := null if {
	known(r, path)
	object.get(r.config, path, null) == null
}

# field(r, path, dflt): a setting of r as the newer views give it:
#   value      the value at path (booleans normalised, see bool_field), else dflt (the default) when the
#              setting is not written; null when unknown
#   set        the setting is written (and known): report at attribute, else at the resource
#   known      false when the value cannot be known statically
#   attribute  path in r.config
field(r, path, dflt) := {"value": v, "set": true, "known": true, "attribute": path} if {
	v := known_value(r, path)
} else := {"value": dflt, "set": false, "known": true, "attribute": path} if {
	known(r, path)
} else := {"value": null, "set": false, "known": false, "attribute": path}

# bool_field(r, path, dflt): field() for a boolean setting ("true"/"false" strings
# converted; a value that is not a boolean counts as unknown).
bool_field(r, path, dflt) := {"value": v, "set": true, "known": true, "attribute": path} if {
	v := bool_setting(r, path)
	v != null
} else := {"value": dflt, "set": false, "known": true, "attribute": path} if {
	bool_setting(r, path) == null
} else := {"value": null, "set": false, "known": false, "attribute": path}

# list_field(r, path): field() for a list of strings: value holds the known, non-empty string
# elements ([] when not set); known is false when the list, or one of its elements, is unknown.
list_field(r, path) := {
	"value": [v | some v in _list(object.get(r.config, path, [])); is_string(v); v != ""],
	"set": object.get(r.config, path, null) != null,
	"known": true,
	"attribute": path,
} if known(r, path)

else := {
	"value": [v | some v in _list(object.get(r.config, path, [])); is_string(v); v != ""],
	"set": object.get(r.config, path, null) != null,
	"known": false,
	"attribute": path,
}

_list(v) := v if is_array(v)

else := [v] if v != null

else := []

# number(v) is v as a number: numbers as they are, decimal strings converted.
number(v) := v if is_number(v)

number(v) := to_number(trim_space(v)) if {
	is_string(v)
	regex.match(`^\s*-?[0-9]+\s*$`, v)
}

# first(blocks) is the first object of a nested block: the first element of a list of objects,
# or the object itself (plugin-framework providers declare some blocks as single objects in
# plans and states); {} when absent or empty.
first(blocks) := blocks[0] if {
	is_array(blocks)
	count(blocks) > 0
	is_object(blocks[0])
} else := blocks if {
	is_object(blocks)
} else := {}

# block_path(r, path): the path of the first object of the nested block at path: path + [0]
# for a list of blocks, path for a single object.
block_path(r, path) := array.concat(path, [0]) if is_array(object.get(r.config, path, null))

else := path
