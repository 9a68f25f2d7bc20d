# Terraform helpers for rules (not a rule: no METADATA, no deny).
#
# Terraform documents (kinds "terraform", "terraform-plan" and "terraform-state", see
# docs/documents.md) share one resource view: every block is a resource with an address such as
# `aws_s3_bucket.b`, `aws_s3_bucket.b[0]`, `module.m["k"].aws_s3_bucket.b`, `data.aws_vpc.v`,
# `provider.aws`, `var.x`, `output.x`, `module.m` or `terraform`.
#
# This library holds what every Terraform-reading rule needs: the kinds, address arithmetic
# (instance keys, module prefixes, data sources), the `unknown` bookkeeping, the root module's
# `terraform` block, provider blocks and variables, and the detection of secret-looking names
# and values. Every set is empty, and every input-based function undefined, unless the input
# is a Terraform document.
package rampart.lib.terraform

# --- kinds -------------------------------------------------------------------------------------

# kinds: the document kinds of the Terraform family.
kinds := {"terraform", "terraform-plan", "terraform-state"}

# document: the input is a Terraform configuration, plan or state (one indexable body each).
document if input.kind == "terraform"

document if input.kind == "terraform-plan"

document if input.kind == "terraform-state"

# --- addresses ---------------------------------------------------------------------------------

# An instance key as Terraform prints it: [0] or ["key"] (quotes escaped with a backslash).
_key := `\[(?:"(?:[^"\\]|\\.)*"|[^\]"]*)\]`

# strip_keys(addr) is addr without any instance key:
# `module.m[0].aws_s3_bucket.b["x"]` -> `module.m.aws_s3_bucket.b`.
strip_keys(addr) := regex.replace(addr, _key, "")

# local_address(addr) is addr without its module path: `module.m[0].aws_s3_bucket.b[1]` -> `aws_s3_bucket.b[1]`.
local_address(addr) := regex.replace(addr, concat("", [`^(?:module\.[^.\[]+(?:`, _key, `)?\.)+`]), "")

# module_path(addr) is the module path of addr with its instance keys, "" in the root module:
# `module.m[0].aws_s3_bucket.b[1]` -> `module.m[0].`.
module_path(addr) := substring(addr, 0, count(addr) - count(local_address(addr)))

# in_root(addr): the address belongs to the root module.
in_root(addr) if module_path(addr) == ""

# instance_key(addr) is the resource's own instance key without brackets and quotes
# (`aws_s3_bucket.b[0]` -> "0", `aws_s3_bucket.b["k"]` -> "k"), "" when it has none.
instance_key(addr) := k if {
	found := regex.find_n(concat("", [_key, `$`]), addr, 1)
	count(found) == 1
	inner := substring(found[0], 1, count(found[0]) - 2)
	k := _unquote_key(inner)
} else := ""

_unquote_key(s) := json.unmarshal(s) if {
	startswith(s, `"`)
	json.is_valid(s)
} else := s

# instance_base(addr) is addr without its own (last) instance key: `module.m[0].aws_s3_bucket.b[1]`
# -> `module.m[0].aws_s3_bucket.b`.
instance_base(addr) := regex.replace(addr, concat("", [_key, `$`]), "")

# is_data(r): resource r is a data source (`data.aws_vpc.v`, `module.m.data.aws_vpc.v`).
is_data(r) if startswith(local_address(r.address), "data.")

# Resource types that stand for Terraform's own blocks, not for infrastructure.
meta_types := {"provider", "variable", "output", "module", "terraform"}

# is_managed(r): resource r is a managed resource (a `resource` block or its instance).
is_managed(r) if {
	not r.type in meta_types
	not is_data(r)
}

# managed[address]: every managed resource of the document.
managed[r.address] := r if {
	document
	some r in input.resources
	is_managed(r)
}

# typed[type][address]: the managed resources of each type.
typed[r.type][addr] := r if {
	some addr, r in managed
}

# _instance_keys[base]: the instance keys of the managed resources sharing instance_base(address).
# Lookups go through object.get: OPA then evaluates the whole index once and caches it, where a
# lookup with a bound key would scan the resources again for every key (likewise below).
_instance_keys[base] contains key if {
	some addr, _ in managed
	base := instance_base(addr)
	key := instance_key(addr)
}

# --- unknown values ----------------------------------------------------------------------------

# path_string(path) is the dotted form of an attribute path given as an array
# (["rule", 0, "id"] -> "rule.0.id") or already as a string.
path_string(path) := path if is_string(path)

path_string(path) := concat(".", [sprintf("%v", [p]) | some p in path]) if is_array(path)

# unknown(r, path): the value at path in r.config cannot be known statically: the path, one of
# its parents or one of its children is listed in r.unknown.
unknown(r, path) if {
	p := path_string(path)
	some u in r.unknown
	_related(u, p)
}

_related(u, p) if u == p

_related(u, p) if startswith(u, concat("", [p, "."]))

_related(u, p) if startswith(p, concat("", [u, "."]))

# known(r, path): nothing at, above or below path is unknown.
known(r, path) if not unknown(r, path)

# known_value(r, path) is the value at path in r.config when it is present, not null and known.
known_value(r, path) := v if {
	v := object.get(r.config, path, null)
	v != null
	known(r, path)
}

# --- joins ------------------------------------------------------------------------------------

# addresses[address]: facts about every address of the document, computed once:
#   stripped  the address without instance keys        module.m.aws_s3_bucket.b
#   module    its module path with instance keys       module.m[0].
#   key       its own instance key ("" when none)      1
#   base      the address without its own key          module.m[0].aws_s3_bucket.b
addresses[addr] := {
	"stripped": strip_keys(addr),
	"module": module_path(addr),
	"key": instance_key(addr),
	"base": instance_base(addr),
} if {
	document
	some r in input.resources
	addr := r.address
}

# instances[base][key]: the managed resources by instance_base(address) and instance key.
instances[f.base][f.key] := r if {
	some addr, r in managed
	f := facts(addr)
}

# facts(addr) is addresses[addr], looked up in the cached index.
facts(addr) := object.get(addresses, addr, null)

# _target_base(r, ref): the instance base a reference of r names: r's module instance followed
# by the referenced address without keys and module path (references never cross modules).
_target_base(r, ref) := concat("", [facts(r.address).module, local_address(strip_keys(ref))])

# _referrers[type][attr][target base][key]: the managed resources of a type whose attribute attr
# refers to the resource at target base, by their own instance key.
_referrers[x.type][attr][_target_base(x, ref)][facts(x.address).key] contains x if {
	some x in managed
	some attr, refs in object.get(x, "references", {})
	is_array(refs)
	some ref in refs
	is_string(ref)
}

# _orphan_referrers[type][attr][target base]: referrers whose instance key names no instance of
# the target (count on one side, for_each on the other): they may point at any instance.
_orphan_referrers[t][attr][base] contains x if {
	some t, by_attr in _referrers
	some attr, by_base in by_attr
	some base, by_key in by_base
	some key, xs in by_key
	key != ""
	not key in object.get(_instance_keys, base, set())
	some x in xs
}

# referrers(t, attr, target): the managed resources of type t whose attribute attr (dotted
# path) refers to target. Instance keys pair up: a referrer with the target's key, an
# unexpanded referrer (no key) or one whose key names no instance of the target's resource
# (it may point at any of them); an unexpanded target is referred to by every instance.
referrers(t, attr, target) := ((object.get(by_key, f.key, set()) | object.get(by_key, "", set())) | _all_if_unexpanded(by_key, f.key)) | _orphans(t, attr, f) if {
	f := facts(target.address)
	by_key := object.get(_referrers, [t, attr, f.base], {})
}

_all_if_unexpanded(by_key, "") := {x | some xs in by_key; some x in xs}

_all_if_unexpanded(_, key) := set() if key != ""

_orphans(_, _, f) := set() if f.key == ""

_orphans(t, attr, f) := object.get(_orphan_referrers, [t, attr, f.base], set()) if f.key != ""

# references_to(r, attr, target): attribute attr (dotted path) of managed resource r refers to
# managed resource target (same pairing of instances as referrers).
references_to(r, attr, target) if {
	some x in referrers(r.type, attr, target)
	x.address == r.address
}

# referenced(r, attr): the managed resources attribute attr of r refers to, paired by instance
# key like referrers: the instance with r's key when there is one, else every instance.
referenced(r, attr) := {target |
	some ref in object.get(r, ["references", attr], [])
	is_string(ref)
	by_key := object.get(instances, _target_base(r, ref), {})
	some target in _instances_for(by_key, facts(r.address).key)
}

_instances_for(by_key, key) := {by_key[key]} if {
	key != ""
	by_key[key]
} else := {r | some r in by_key}

# value_matches(r, attr, ids): attribute attr (a top-level key) of r holds one of the literal
# identifiers ids (a name, id or ARN: how state files, and literal names in configurations,
# connect resources).
value_matches(r, attr, ids) if {
	v := r.config[attr]
	literal(v)
	known(r, attr)
	v in ids
}

# linked(r, attr, target, ids): r's attribute attr points at target, by reference or by value.
linked(r, attr, target, _) if references_to(r, attr, target)

linked(r, attr, _, ids) if value_matches(r, attr, ids)

# identifiers(r, attrs): the literal, known values of r's top-level attributes attrs.
identifiers(r, attrs) := {v |
	some a in attrs
	v := r.config[a]
	literal(v)
	known(r, a)
}

# resolvable(r, attr): r's attribute attr is either known, or refers to some resource: something
# a join can use. A linking resource that is not resolvable might belong to anything.
resolvable(r, attr) if known_value(r, attr)

resolvable(r, attr) if count(object.get(r, ["references", attr], [])) > 0

# --- values -------------------------------------------------------------------------------------

# Redacted is the value normalizers put in place of a sensitive value.
redacted := "(sensitive)"

# literal(v): v is a non-empty string written out (not redacted).
literal(v) if {
	is_string(v)
	trim_space(v) != ""
	v != redacted
}

# truthy(v): a boolean true, or the string "true" (some provider attributes are strings).
truthy(true)

truthy("true")

# falsy(v): a boolean false, or the string "false".
falsy(false)

falsy("false")

# --- root module blocks (configurations) ---------------------------------------------------------

# root_terraform: the root module's `terraform` resource (address exactly "terraform").
root_terraform := r if {
	document
	some r in input.resources
	r.type == "terraform"
	r.address == "terraform"
}

# providers[address]: every provider configuration block.
providers[r.address] := r if {
	document
	some r in input.resources
	r.type == "provider"
}

# variables[address]: every input variable declaration (configurations only).
variables[r.address] := r if {
	input.kind == "terraform"
	some r in input.resources
	r.type == "variable"
}

# variable_name(r) is the name of variable resource r: `module.m.var.db_password` -> "db_password".
variable_name(r) := substring(local_address(r.address), 4, -1)

# first_at_location(r): r is the first resource (by address) declared at its location. A
# declaration in a module called several times yields one resource per call (module.a.var.x,
# module.b.var.x); rules that report the declaration itself report it once.
first_at_location(r) if r.address == min(object.get(_declarations, [[r.type, object.get(r, "location", null)]], set()))

# _declarations[[type, location]]: the addresses of the resources declared at a location
_declarations[[x.type, object.get(x, "location", null)]] contains x.address if {
	document
	some x in input.resources
}

# --- secrets ------------------------------------------------------------------------------------

# name_tokens(name) are the lower-case words of a name: "dbPassword" and "DB-PASSWORD" -> ["db", "password"].
name_tokens(name) := [t |
	some t in regex.split(`[^a-z0-9]+`, lower(regex.replace(name, `([a-z0-9])([A-Z])`, "${1}_${2}")))
	t != ""
]

# secret_name(name): the name says its value is a secret itself (not where to find one):
# password, secret, token, credentials, api_key, access_key, private_key, client_secret, ...
# Names ending in _file, _path, _arn, _id, _name, _length, _version and the like do not match.
secret_name(name) if {
	tokens := name_tokens(name)
	count(tokens) > 0
	_secret_tail(tokens)
}

_secret_words := {
	"password", "passwords", "passwd", "passphrase", "secret", "secrets", "token", "tokens",
	"apikey", "credentials", "credential", "creds", "privatekey", "secretkey", "accesskey",
	"authkey",
}

_secret_key_qualifiers := {
	"api", "access", "private", "secret", "auth", "signing", "encryption", "master",
	"app", "client", "service", "license", "account",
}

# the name ends with a secret word: db_password, github_token, client_secret
_secret_tail(tokens) if tokens[count(tokens) - 1] in _secret_words

# or with <qualifier>_key: api_key, secret_key, access_key, private_key, client_key
_secret_tail(tokens) if {
	n := count(tokens)
	n >= 2
	tokens[n - 1] in {"key", "keys"}
	tokens[n - 2] in _secret_key_qualifiers
}

# or with one of those followed by _value/_base: client_secret_value, secret_key_base
_secret_tail(tokens) if {
	n := count(tokens)
	n >= 2
	tokens[n - 1] in {"value", "base"}
	tokens[n - 2] in _secret_words
}

_secret_tail(tokens) if {
	n := count(tokens)
	n >= 3
	tokens[n - 1] in {"value", "base"}
	tokens[n - 2] == "key"
	tokens[n - 3] in _secret_key_qualifiers
}

# secret_format(v): the string contains a credential in a well-known, recognisable format.
secret_format(v) if {
	is_string(v)
	some pattern in _secret_patterns
	regex.match(pattern, v)
}

_secret_patterns := [
	`\b(AKIA|ASIA)[0-9A-Z]{16}\b`, # AWS access key id
	`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`, # PEM / OpenSSH / PGP private key
	`\bgh[pousr]_[A-Za-z0-9]{36,}\b`, # GitHub tokens
	`\bgithub_pat_[A-Za-z0-9_]{22,}\b`, # GitHub fine-grained token
	`\bglpat-[A-Za-z0-9_-]{20,}\b`, # GitLab personal access token
	`\bxox[abposr]-[A-Za-z0-9-]{10,}\b`, # Slack tokens
	`\b[sr]k_live_[A-Za-z0-9]{20,}\b`, # Stripe live keys
	`\bnpm_[A-Za-z0-9]{36}\b`, # npm access token
	`\bAIza[0-9A-Za-z_-]{35}\b`, # Google API key
	`"private_key"\s*:\s*"-----BEGIN`, # Google service account key (JSON)
]

# secret_value(v): a literal string that can be a secret: not empty, not redacted, not only a
# file path or a variable placeholder, not a boolean.
secret_value(v) if {
	literal(v)
	s := trim_space(v)
	not regex.match(`^(/|~/|\./|\.\./)\S*$`, s) # a file path: the secret lives elsewhere
	not regex.match(`^[^\s{}"]+\.(json|pem|key|p12|pfx|crt|cer|txt)$`, s) # a file name
	not regex.match(`^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$`, s) # an environment variable reference
	not lower(s) in {"true", "false", "null"}
}

# credential_json(v): a JSON credentials document holding a private key or secret (a cloud
# service-account key file inlined as a string).
credential_json(v) if {
	is_string(v)
	json.is_valid(v)
	doc := json.unmarshal(v)
	is_object(doc)
	some k in {"private_key", "client_secret", "secret", "password", "refresh_token"}
	literal(doc[k])
}

# --- provider credentials ---------------------------------------------------------------------------

# provider_credentials[[address, path]]: every credential written in a provider block, in
# configurations and plans (a plan keeps a provider's constant arguments only):
#   resource   the provider resource
#   attribute  path of the attribute in its config (top level, or inside a nested block)
#   name       the attribute's name
#   value      the value (for joins with variable defaults; never print it)
# A credential is a string attribute with a secret name (access_key, secret_key, token,
# password, client_secret, api_key, credentials, ...) holding a literal secret value, or any
# string attribute holding a value in a known credential format (AWS key id, PEM private key,
# a service-account JSON key, ...). Redacted values ("(sensitive)": from a sensitive variable)
# are left out. Maps (tags, default_tags) are not searched.
provider_credentials[[r.address, path_string(path)]] := entry if {
	some r in providers
	some [path, v] in _provider_strings(r.config)
	name := path[count(path) - 1]
	_credential(name, v)
	known(r, path)
	entry := {"resource": r, "attribute": path, "name": name, "value": v}
}

# [path, value] of the top-level string attributes and of the string attributes of nested
# blocks (lists of objects), one level down
_provider_strings(config) := {[[k], v] | some k, v in config; is_string(v)} | {[[k, i, k2], v] |
	some k, list in config
	is_array(list)
	some i, block in list
	is_object(block)
	some k2, v in block
	is_string(v)
}

_credential(_, v) if secret_format(v)

_credential(_, v) if credential_json(v)

_credential(name, v) if {
	secret_name(name)
	secret_value(v)
}
