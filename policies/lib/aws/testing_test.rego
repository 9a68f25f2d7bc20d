# Input builders for the unit tests of the Terraform and AWS rules and libraries (a _test.rego
# file: loaded by `opa test` and `rampart test`, never by scans). Documents follow
# docs/documents.md, sections "terraform", "terraform-plan and terraform-state" and
# "cloudformation".
package rampart.lib.aws.testing

# doc(kind, resources): a document of the given kind.
doc(kind, resources) := {"kind": kind, "path": "infra", "resources": resources}

tf(resources) := doc("terraform", resources)

plan(resources) := doc("terraform-plan", resources)

state(resources) := doc("terraform-state", resources)

# every Terraform kind the AWS rules read, with a builder each (CloudFormation: cfn below)
kinds := {"terraform", "terraform-plan", "terraform-state"}

# cfn(resources): a CloudFormation template's document, every resource active.
cfn(resources) := {
	"kind": "cloudformation",
	"path": "template.yaml",
	"resources": resources,
	"inactive": [],
	"conditions": {},
	"parameters": {},
	"resources_meta": {},
}

# cfn_inactive(resources, ids): a template whose resources ids have a false Condition.
cfn_inactive(resources, ids) := object.union(cfn(resources), {"inactive": ids})

# cres(id, type, properties): a CloudFormation resource, declared at a location of its own.
cres(id, type, properties) := {
	"address": id,
	"type": type,
	"provider": lower(split(type, "::")[0]),
	"config": properties,
	"unknown": [],
	"references": {},
	"location": {"path": "template.yaml", "start_line": 1, "end_line": 20},
}

# ref(r, key, ids): r with property key referring to the resources ids (Ref, GetAtt) and, as
# normalizers do, the value left out of config and listed as unknown.
ref(r, key, ids) := object.union(r, {
	"config": object.remove(r.config, [key]),
	"unknown": array.concat(r.unknown, [key]),
	"references": object.union(r.references, {key: ids}),
})

# res(address, config): a resource whose type and provider follow from its address
# (`module.m.aws_s3_bucket.b[0]` -> aws_s3_bucket / aws, `var.x` -> variable / terraform),
# declared at a location of its own.
res(addr, config) := {
	"address": addr,
	"type": type_of(addr),
	"provider": provider_of(addr),
	"config": config,
	"unknown": [],
	"references": {},
	"location": {"path": sprintf("infra/%s.tf", [addr]), "start_line": 1, "end_line": 20},
}

# unknown(r, paths): r with these dotted paths listed as unknown (and left out of config by
# the caller, as normalizers do).
unknown(r, paths) := object.union(r, {"unknown": paths})

# refs(r, refs): r with these references.
refs(r, references) := object.union(r, {"references": references})

# at(r, line): r declared at a line of infra/main.tf (resources at the same line are one
# declaration repeated by module calls).
at(r, line) := object.union(r, {"location": {"path": "infra/main.tf", "start_line": line, "end_line": line + 3}})

_local(addr) := regex.replace(addr, `^(module\.[^.\[]+(\[[^\]]*\])?\.)+`, "")

type_of(addr) := "variable" if startswith(_local(addr), "var.")

else := "provider" if startswith(_local(addr), "provider.")

else := "output" if startswith(_local(addr), "output.")

else := "terraform" if _local(addr) == "terraform"

else := "module" if startswith(_local(addr), "module.")

else := split(regex.replace(_local(addr), `^data\.`, ""), ".")[0]

provider_of(addr) := "terraform" if type_of(addr) in {"variable", "output", "terraform", "module"}

else := split(_local(addr), ".")[1] if type_of(addr) == "provider"

else := split(type_of(addr), "_")[0]

# hits(results): the [resource, attribute] pairs of rule results (attribute null when absent).
hits(results) := {[r.resource, object.get(r, "attribute", null)] | some r in results}

# resources(results): the resource addresses of rule results.
resources(results) := {r.resource | some r in results}
