# AWS adapter library: shared helpers (not a rule: no METADATA, no deny).
#
# The packages under rampart.lib.aws give rules ONE view of each AWS resource (a bucket, an
# ingress rule, a volume, a database), whatever document it was read from. Today the sources
# are Terraform configurations, plans and state files (kinds in `kinds` below); each view is a
# partial rule with one body per source, so a new source (CloudFormation) adds bodies without
# changing the shape rules read.
#
# Every entry of a view carries `resource`, the element of input.resources a finding should be
# reported on, and attribute paths (arrays) inside that resource's config. Views never contain
# values that cannot be known: what is listed in a resource's `unknown` is left out, and the
# view says so where a rule needs to tell "absent" from "unknown".
package rampart.lib.aws.util

import data.rampart.lib.terraform as tf

# kinds: the document kinds the AWS views read.
kinds := {"terraform", "terraform-plan", "terraform-state"}

# terraform: the input is a Terraform configuration, plan or state.
terraform if tf.document

# typed[type][address]: the managed resources of each type (data sources excluded; cached per input).
typed := tf.typed

# strip_keys(addr): the address without instance keys (`aws_s3_bucket.b[0]` -> `aws_s3_bucket.b`).
strip_keys(addr) := tf.strip_keys(addr)

# path_string(path): the dotted form of an attribute path (["rule", 0, "id"] -> "rule.0.id"),
# the form `unknown` and `references` use.
path_string(path) := tf.path_string(path)

# known(r, path): nothing at, above or below path (array or dotted string) is listed in r.unknown.
known(r, path) if tf.known(r, path)

# unknown(r, path): the value at path, a parent or a child of it, is listed in r.unknown.
unknown(r, path) if tf.unknown(r, path)

# known_value(r, path): the value at path in r.config when present, not null and known.
known_value(r, path) := tf.known_value(r, path)

# linked(r, attr, target, ids): attribute attr of resource r points at target: by reference
# (HCL and plans: r.references[attr] names target's address without instance keys) or by value
# (state files, literal names: r.config[attr] is one of target's identifiers ids).
linked(r, attr, target, ids) if tf.linked(r, attr, target, ids)

# identifiers(r, attrs): the known literal values of r's top-level attributes attrs (names, ids,
# ARNs), the values other resources use to point at r in a state file.
identifiers(r, attrs) := tf.identifiers(r, attrs)

# resolvable(r, attr): r's attribute attr can be joined: its value is known or it refers to
# some resource.
resolvable(r, attr) if tf.resolvable(r, attr)

# literal(v): a non-empty string that is not redacted.
literal(v) if tf.literal(v)

# truthy(v) / falsy(v): booleans, or their string forms (some AWS attributes are strings).
truthy(v) if tf.truthy(v)

falsy(v) if tf.falsy(v)

# bool_setting(r, path) is the boolean a setting evaluates to: true or false when set and
# known, null when it is not set (the provider default applies); undefined when unknown.
bool_setting(r, path) if {
	tf.known(r, path)
	tf.truthy(object.get(r.config, path, null))
} else := false if {
	tf.known(r, path)
	tf.falsy(object.get(r.config, path, null))
} else := null if {
	tf.known(r, path)
	object.get(r.config, path, null) == null
}

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
