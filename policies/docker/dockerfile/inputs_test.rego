# Input builders shared by the Dockerfile rule tests (import data.rampart.docker.dockerfile.inputs_test as t):
# documents shaped as described in docs/documents.md, section "dockerfile". Test-only; it defines
# no tests itself. policies/lib/docker_test.rego keeps its own copy so that each directory's tests
# compile on their own.
package rampart.docker.dockerfile.inputs_test

# ins(cmd, value): an instruction with defaults for the other fields.
ins(cmd, value) := {
	"cmd": cmd,
	"original": concat(" ", array.concat([upper(cmd)], value)),
	"value": value,
	"flags": [],
	"json": false,
	"pairs": [],
	"heredocs": [],
	"start_line": 1,
	"end_line": 1,
}

# with_flags(i, flags): instruction i carrying flags ("--checksum=...").
with_flags(i, flags) := object.union(i, {"flags": flags})

# run(s): RUN in shell form.
run(s) := ins("run", [s])

# run_exec(args): RUN in exec (JSON) form.
run_exec(args) := object.union(ins("run", args), {"json": true})

# run_heredoc(first, content): `RUN <first>` followed by a heredoc named EOF.
run_heredoc(first, content) := object.union(ins("run", [first]), {"heredocs": [{"name": "EOF", "content": content}]})

# env(pairs) / arg(pairs): pairs is a list of [key, value] (value null: ARG without default);
# values are given unquoted, as the normalizer gives them.
env(ps) := object.union(ins("env", [concat("=", p) | some p in ps]), {"pairs": [{"key": p[0], "value": p[1]} | some p in ps]})

arg(ps) := object.union(ins("arg", [_arg_word(p) | some p in ps]), {"pairs": [{"key": p[0], "value": p[1]} | some p in ps]})

_arg_word(p) := p[0] if p[1] == null

else := concat("=", p)

# from_image(name, base, instructions) and from_stage(name, parent, instructions): stage specs.
from_image(name, base, instrs) := {"name": name, "base_image": base, "from_stage": false, "instructions": instrs, "unknown": []}

from_stage(name, parent, instrs) := {"name": name, "base_image": parent, "from_stage": true, "instructions": instrs, "unknown": []}

# from_unknown(name, base, instructions): a stage whose base comes from an ARG without default.
from_unknown(name, base, instrs) := object.union(from_image(name, base, instrs), {"unknown": ["base_image"]})

# onbuild(i): `ONBUILD <i>`.
onbuild(i) := object.union(ins("onbuild", array.concat([upper(i.cmd)], i.value)), {"trigger": i})

# dockerfile(specs): the document of the stages, the last one final; a stage built on an earlier
# one references it in references.base_image, as the normalizer does.
dockerfile(specs) := {
	"kind": "dockerfile",
	"path": "Dockerfile",
	"args": [],
	"stages": [s.name | some s in specs],
	"resources": [_resource(i, s, specs) | some i, s in specs],
}

# with_args(doc, ps): the document with ARGs declared before the first FROM.
with_args(doc, ps) := object.union(doc, {"args": [{"key": p[0], "value": p[1]} | some p in ps]})

address(i, name) := concat("", ["stage.", name]) if name != ""

else := sprintf("stage[%d]", [i])

_resource(i, s, specs) := {
	"address": address(i, s.name),
	"type": "stage",
	"provider": "docker",
	"config": {
		"index": i,
		"name": s.name,
		"final": i == (count(specs) - 1),
		"base_image": s.base_image,
		"image": _image(s),
		"from_stage": s.from_stage,
		"platform": "",
		"instructions": s.instructions,
	},
	"unknown": s.unknown,
	"references": _references(i, s, specs),
	"location": {"path": "Dockerfile", "start_line": 1, "end_line": 1},
}

_references(i, s, specs) := {"base_image": [address(j, specs[j].name)]} if {
	s.from_stage
	j := max({k | some k, x in specs; k < i; lower(x.name) == lower(s.base_image)})
} else := {}

_image(s) := {} if s.from_stage

else := {"registry": "", "name": m[1], "tag": m[2], "digest": m[3]} if {
	m := regex.find_all_string_submatch_n(`^([^@]+?)(?::([^:/@]+))?(?:@(.+))?$`, s.base_image, 1)[0]
}
