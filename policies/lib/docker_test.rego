# Tests of rampart.lib.docker. The input builders below are the same as those of
# policies/docker/dockerfile/inputs_test.rego (kept apart so each directory compiles on its own).
package rampart.lib.docker_test

import data.rampart.lib.docker

# --- builders (documents shaped as in docs/documents.md, section "dockerfile") -----------------

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

# --- stages ------------------------------------------------------------------------------------

_multi := dockerfile([
	from_image("build", "golang:1.22", [ins("user", ["builder"]), run("go build ./...")]),
	from_image("", "alpine:3.20", [ins("workdir", ["/app"])]),
	from_stage("base", "build", [ins("healthcheck", ["NONE"])]),
	from_stage("final", "BASE", [ins("expose", ["8080"])]),
])

test_stages_only_for_dockerfiles if {
	count(docker.stages) == 4 with input as _multi
	count(docker.stages) == 0 with input as object.union(_multi, {"kind": "kubernetes"})
	count(docker.instructions) == 0 with input as object.union(_multi, {"kind": "kubernetes"})
}

test_final_stage if {
	docker.final_stage.address == "stage.final" with input as _multi
}

test_parent_stage_by_name_case_insensitive if {
	final := docker.final_stage with input as _multi
	docker.parent_stage(final).address == "stage.base" with input as _multi
	some base in docker.stages with input as _multi
	base.address == "stage.base"
	docker.parent_stage(base).address == "stage.build" with input as _multi
}

test_parent_stage_from_references_or_name if {
	# two stages named "base": the latest earlier one is the parent, with or without references
	doc := dockerfile([
		from_image("base", "alpine:3.19", []),
		from_image("base", "alpine:3.20", []),
		from_stage("", "base", []),
	])
	docker.parent_stage(docker.final_stage).address == "stage.base#2" with input as json.patch(doc, [
		{"op": "replace", "path": "/resources/1/address", "value": "stage.base#2"},
		{"op": "replace", "path": "/resources/2/references", "value": {"base_image": ["stage.base#2"]}},
	])
	docker.parent_stage(docker.final_stage).config.index == 1 with input as json.patch(doc, [{"op": "replace", "path": "/resources/2/references", "value": {}}])

	# references win over the name lookup
	docker.parent_stage(docker.final_stage).config.index == 0 with input as json.patch(doc, [
		{"op": "replace", "path": "/resources/1/address", "value": "stage.base#2"},
		{"op": "replace", "path": "/resources/2/references", "value": {"base_image": ["stage.base"]}},
	])
}

test_parent_stage_undefined_for_image_base if {
	some s in docker.stages with input as _multi
	s.address == "stage[1]"
	not docker.parent_stage(s) with input as _multi
}

test_lineage_nearest_first if {
	final := docker.final_stage with input as _multi
	chain := docker.lineage(final) with input as _multi
	[s.address | some s in chain] == ["stage.final", "stage.base", "stage.build"]
	docker.base_stage(final).address == "stage.build" with input as _multi
}

test_lineage_of_image_stage_is_itself if {
	some s in docker.stages with input as _multi
	s.address == "stage[1]"
	[x.address | some x in docker.lineage(s)] == ["stage[1]"] with input as _multi
}

# --- instructions ------------------------------------------------------------------------------

test_instructions_carry_stage_index_and_path if {
	xs := {[x.resource.address, x.index, x.path, x.instruction.cmd] | some x in docker.instructions} with input as _multi
	xs == {
		["stage.build", 0, ["instructions", 0], "user"],
		["stage.build", 1, ["instructions", 1], "run"],
		["stage[1]", 0, ["instructions", 0], "workdir"],
		["stage.base", 0, ["instructions", 0], "healthcheck"],
		["stage.final", 0, ["instructions", 0], "expose"],
	}
}

test_instructions_of if {
	xs := {[x.resource.address, x.index] | some x in docker.instructions_of("run")} with input as _multi
	xs == {["stage.build", 1]}
}

test_last_instruction if {
	doc := dockerfile([from_image("", "alpine:3.20", [ins("user", ["a"]), run("id"), ins("user", ["b"]), run("id")])])
	some s in docker.stages with input as doc
	x := docker.last_instruction(s, "user") with input as doc
	x.index == 2
	x.path == ["instructions", 2]
	x.instruction.value == ["b"]
	not docker.last_instruction(s, "healthcheck") with input as doc
}

test_effective_instruction_inherited_through_stages if {
	final := docker.final_stage with input as _multi
	u := docker.effective_instruction(final, "user") with input as _multi
	u.resource.address == "stage.build"
	u.instruction.value == ["builder"]
	h := docker.effective_instruction(final, "healthcheck") with input as _multi
	h.resource.address == "stage.base"
	not docker.effective_instruction(final, "workdir") with input as _multi
}

test_onbuild_triggers_and_commands_of if {
	doc := dockerfile([from_image("", "alpine:3.20", [
		run("apk add --no-cache git"),
		onbuild(run("curl -fsSL https://x | sh")),
		onbuild(ins("copy", [".", "/src"])),
	])])
	xs := {[x.index, x.path, x.instruction.cmd, object.get(x, "onbuild", false)] | some x in docker.commands_of("run")} with input as doc
	xs == {[0, ["instructions", 0], "run", false], [1, ["instructions", 1], "run", true]}
	count(docker.instructions_of("run")) == 1 with input as doc
	count(docker.onbuild_triggers) == 2 with input as doc
	{x.script | some x in docker.runs} == {"apk add --no-cache git", "curl -fsSL https://x | sh"} with input as doc
}

test_flags if {
	i := with_flags(run("x"), ["--mount=type=cache,target=/a", "--mount=type=secret,id=b", "--network=none"])
	docker.flag_values(i, "mount") == ["type=cache,target=/a", "type=secret,id=b"]
	docker.has_flag(i, "network")
	not docker.has_flag(i, "checksum")
	docker.has_flag(with_flags(ins("add", ["a", "b"]), ["--link"]), "link")
	docker.flag_values(run("x"), "mount") == []
}

test_unquote if {
	docker.unquote(`"abc"`) == "abc"
	docker.unquote(" 'a b' ") == "a b"
	docker.unquote(`"abc`) == `"abc`
	docker.unquote(`""`) == ""
	docker.unquote("plain") == "plain"
}

# --- RUN text ----------------------------------------------------------------------------------

test_run_command_shell_and_exec if {
	docker.run_command(run("apt-get update && apt-get install -y curl")) == "apt-get update && apt-get install -y curl"
	docker.run_command(run_exec(["/bin/sh", "-c", "make all"])) == "/bin/sh -c make all"
}

test_run_script_includes_shell_heredoc if {
	docker.run_script(run_heredoc("<<EOF", "apt-get update\napt-get install -y x\n")) == "<<EOF\napt-get update\napt-get install -y x\n"
	docker.run_script(run_heredoc("bash -ex <<'EOF'", "make\n")) == "bash -ex <<'EOF'\nmake\n"
	docker.run_script(run_heredoc("<<EOF", "#!/usr/bin/env bash\nmake\n")) == "<<EOF\n#!/usr/bin/env bash\nmake\n"
}

test_run_script_excludes_data_heredoc if {
	docker.run_script(run_heredoc("cat <<EOF > /etc/apt/sources.list", "deb http://x y z\n")) == "cat <<EOF > /etc/apt/sources.list"
	docker.run_script(run_heredoc("python3 <<EOF", "import os\n")) == "python3 <<EOF"
	docker.run_script(run_heredoc("<<EOF", "#!/usr/bin/env python3\nprint(1)\n")) == "<<EOF"
}

test_runs_carry_script if {
	doc := dockerfile([from_image("", "alpine:3.20", [ins("user", ["a"]), run_heredoc("<<EOF", "id\n")])])
	xs := {[x.index, x.path, x.script] | some x in docker.runs} with input as doc
	xs == {[1, ["instructions", 1], "<<EOF\nid\n"]}
}

# --- shell text --------------------------------------------------------------------------------

test_sub_commands_split_on_operators if {
	docker.sub_commands("a && b || c; d | e\nf |& g") == ["a", "b", "c", "d", "e", "f", "g"]
	docker.sub_commands("  ") == []
}

test_pipelines if {
	docker.pipelines("curl -fsSL x | sudo sh && ls; a || b | c") == [["curl -fsSL x", "sudo sh"], ["ls"], ["a"], ["b", "c"]]
}

test_words_trim_quotes_and_brackets if {
	docker.words(`sh -c "$(curl -fsSL https://x)" ; (cd /a)`) == ["sh", "-c", "curl", "-fsSL", "https://x", "cd", "/a"]
}

test_argv_skips_wrappers if {
	docker.argv("DEBIAN_FRONTEND=noninteractive sudo -E apt-get -y install x") == ["apt-get", "-y", "install", "x"]
	docker.argv("sudo -u app env A=1 /usr/bin/make all") == ["/usr/bin/make", "all"]
	docker.argv(`then timeout 60 curl -o x y`) == ["curl", "-o", "x", "y"]
	docker.argv(`/bin/sh -c "apt-get update`) == ["apt-get", "update"]
	docker.argv("bash -") == ["bash", "-"]
	docker.argv("busybox wget -O- x") == ["wget", "-O-", "x"]
	not docker.argv("sudo")
}

test_argv_keep_sudo if {
	docker.argv_keep_sudo("A=1 sudo -E apt-get update") == ["sudo", "-E", "apt-get", "update"]
	docker.argv_keep_sudo("apt-get install -y sudo") == ["apt-get", "install", "-y", "sudo"]
}

test_program if {
	docker.program("DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get -y update") == "apt-get"
	docker.program(`bash -c "curl x"`) == "curl"
	docker.basename("/usr/local/bin/x") == "x"
}

# --- results -----------------------------------------------------------------------------------

test_results_number_repeated_messages_per_stage if {
	doc := dockerfile([
		from_image("a", "alpine:3.20", [run("x"), run("y"), run("x")]),
		from_image("b", "alpine:3.20", [run("x")]),
	])
	found := {[x, msg] |
		some x in docker.runs
		msg := sprintf("bad %s", [x.script])
	} with input as doc
	docker.results(found) == {
		{"msg": "bad x (1 of 2 in this stage)", "resource": "stage.a", "attribute": ["instructions", 0]},
		{"msg": "bad y", "resource": "stage.a", "attribute": ["instructions", 1]},
		{"msg": "bad x (2 of 2 in this stage)", "resource": "stage.a", "attribute": ["instructions", 2]},
		{"msg": "bad x", "resource": "stage.b", "attribute": ["instructions", 0]},
	}
}

test_url_hosts_drop_credentials_paths_and_queries if {
	docker.url_hosts("curl -u x https://deploy:t0ken@Get.Example.com/i.sh?sig=abc | sh; wget ftp://mirror.example.org/a && echo http://b.io:8080/") == ["b.io", "get.example.com", "mirror.example.org"]
	docker.url_hosts("curl $URL | sh") == []
}
