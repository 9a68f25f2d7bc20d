package rampart.docker.dockerfile.healthcheck_missing_test

import data.rampart.docker.dockerfile.healthcheck_missing as rule
import data.rampart.docker.dockerfile.inputs_test as t

_findings(doc) := f if {
	f := {[r.resource, object.get(r, "attribute", null)] | some r in rule.deny} with input as doc
}

_hc := t.ins("healthcheck", ["CMD", "curl -f http://localhost:8080/healthz || exit 1"])

_app(instrs) := t.dockerfile([t.from_image("", "node:20-alpine", instrs)])

test_missing_healthcheck_fires_on_the_stage if {
	_findings(_app([t.ins("cmd", ["node", "server.js"])])) == {["stage[0]", null]}
}

test_healthcheck_passes if {
	count(_findings(_app([_hc, t.ins("cmd", ["node", "server.js"])]))) == 0
	exec := object.union(t.ins("healthcheck", ["CMD", "/healthcheck", "--port", "8080"]), {"json": true})
	count(_findings(_app([exec]))) == 0
}

test_healthcheck_none_fires_on_the_instruction if {
	_findings(_app([t.ins("user", ["node"]), t.ins("healthcheck", ["NONE"])])) == {["stage[0]", ["instructions", 1]]}
	_findings(_app([_hc, t.ins("healthcheck", ["none"])])) == {["stage[0]", ["instructions", 1]]}
}

test_last_healthcheck_wins if {
	count(_findings(_app([t.ins("healthcheck", ["NONE"]), _hc]))) == 0
}

test_only_the_final_stage_counts if {
	bad := t.dockerfile([
		t.from_image("build", "node:20", [_hc]),
		t.from_image("", "node:20-alpine", [t.ins("cmd", ["node", "server.js"])]),
	])
	_findings(bad) == {["stage[1]", null]}

	ok := t.dockerfile([
		t.from_image("build", "node:20", [t.run("npm ci")]),
		t.from_image("", "node:20-alpine", [_hc]),
	])
	count(_findings(ok)) == 0
}

test_healthcheck_inherited_from_parent_stage if {
	ok := t.dockerfile([
		t.from_image("base", "node:20-alpine", [_hc]),
		t.from_stage("prod", "base", [t.ins("cmd", ["node", "server.js"])]),
	])
	count(_findings(ok)) == 0

	bad := t.dockerfile([
		t.from_image("base", "node:20-alpine", [t.ins("healthcheck", ["NONE"])]),
		t.from_stage("prod", "base", [t.ins("cmd", ["node", "server.js"])]),
	])
	_findings(bad) == {["stage.prod", null]}
}

test_other_kinds_ignored if {
	count(_findings(object.union(_app([]), {"kind": "kubernetes"}))) == 0
}
