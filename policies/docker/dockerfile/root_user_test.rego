package rampart.docker.dockerfile.root_user_test

import data.rampart.docker.dockerfile.inputs_test as t
import data.rampart.docker.dockerfile.root_user

# [resource, attribute or null] of each finding
_findings(doc) := f if {
	f := {[r.resource, object.get(r, "attribute", null)] | some r in root_user.deny} with input as doc
}

_app(instrs) := t.dockerfile([t.from_image("", "python:3.12-slim", instrs)])

test_no_user_fires_on_the_stage if {
	doc := _app([t.run("pip install flask"), t.ins("cmd", ["python", "app.py"])])
	_findings(doc) == {["stage[0]", null]}
	some r in root_user.deny with input as doc
	r.msg == "final stage stage[0] sets no USER: its container runs as root unless its base image sets a user"
}

test_last_user_root_fires_on_the_user_instruction if {
	doc := _app([t.ins("user", ["app"]), t.run("id"), t.ins("user", ["root"]), t.ins("cmd", ["x"])])
	_findings(doc) == {["stage[0]", ["instructions", 2]]}
}

test_root_spellings if {
	_findings(_app([t.ins("user", ["0"])])) == {["stage[0]", ["instructions", 0]]}
	_findings(_app([t.ins("user", ["0:0"])])) == {["stage[0]", ["instructions", 0]]}
	_findings(_app([t.ins("user", ["root:app"])])) == {["stage[0]", ["instructions", 0]]}
	_findings(_app([t.ins("user", ["ROOT"])])) == {["stage[0]", ["instructions", 0]]}
}

test_non_root_user_passes if {
	count(_findings(_app([t.ins("user", ["app"])]))) == 0
	count(_findings(_app([t.ins("user", ["10001:10001"])]))) == 0
	count(_findings(_app([t.ins("user", ["1000"])]))) == 0
	count(_findings(_app([t.ins("user", ["root"]), t.run("apt-get install -y x"), t.ins("user", ["app:app"])]))) == 0
}

test_unresolved_user_is_not_judged if {
	count(_findings(_app([t.ins("user", ["$APP_UID"])]))) == 0
}

test_only_the_final_stage_counts if {
	# root in a builder stage is fine
	ok := t.dockerfile([
		t.from_image("build", "golang:1.22", [t.ins("user", ["root"]), t.run("go build -o /out/app .")]),
		t.from_image("", "alpine:3.20", [t.ins("copy", ["--from=build", "/out/app", "/app"]), t.ins("user", ["app"])]),
	])
	count(_findings(ok)) == 0

	# a USER in a builder stage does not carry over to an image-based final stage
	bad := t.dockerfile([
		t.from_image("build", "golang:1.22", [t.ins("user", ["app"])]),
		t.from_image("", "alpine:3.20", [t.ins("cmd", ["/app"])]),
	])
	_findings(bad) == {["stage[1]", null]}
}

test_user_inherited_from_parent_stage if {
	ok := t.dockerfile([
		t.from_image("base", "node:20-alpine", [t.ins("user", ["node"])]),
		t.from_stage("prod", "base", [t.ins("cmd", ["node", "server.js"])]),
	])
	count(_findings(ok)) == 0

	bad := t.dockerfile([
		t.from_image("base", "node:20-alpine", [t.ins("user", ["node"]), t.ins("user", ["root"])]),
		t.from_stage("prod", "base", [t.ins("cmd", ["node", "server.js"])]),
	])
	_findings(bad) == {["stage.prod", null]}
	some r in root_user.deny with input as bad
	contains(r.msg, "stage.base")
}

test_nonroot_distroless_base_passes if {
	count(_findings(t.dockerfile([t.from_image("", "gcr.io/distroless/static-debian12:nonroot", [t.ins("copy", ["app", "/app"])])]))) == 0
}

test_scratch_without_user_fires if {
	doc := t.dockerfile([t.from_image("", "scratch", [t.ins("copy", ["app", "/app"])])])
	_findings(doc) == {["stage[0]", null]}
	{r.msg | some r in root_user.deny} == {"final stage stage[0] sets no USER: its container runs as root"} with input as doc
}

test_other_kinds_ignored if {
	doc := object.union(_app([t.ins("user", ["root"])]), {"kind": "compose"})
	count(_findings(doc)) == 0
}
