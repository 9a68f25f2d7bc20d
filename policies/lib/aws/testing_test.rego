# Input builders for the unit tests of the Terraform and AWS rules and libraries (a _test.rego
# file: loaded by `opa test` and `rampart test`, never by scans). Documents follow
# docs/documents.md, sections "terraform" and "terraform-plan and terraform-state".
package rampart.lib.aws.testing

# doc(kind, resources): a document of the given kind.
doc(kind, resources) := {"kind": kind, "path": "infra", "resources": resources}

tf(resources) := doc("terraform", resources)

plan(resources) := doc("terraform-plan", resources)

state(resources) := doc("terraform-state", resources)

# every kind the AWS rules read, with a builder each
kinds := {"terraform", "terraform-plan", "terraform-state"}

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
