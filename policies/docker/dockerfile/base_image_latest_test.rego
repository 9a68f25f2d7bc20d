package rampart.docker.dockerfile.base_image_latest_test

import data.rampart.docker.dockerfile.base_image_latest as rule
import data.rampart.docker.dockerfile.inputs_test as t

_findings(doc) := f if {
	f := {[r.resource, r.attribute] | some r in rule.deny} with input as doc
}

_one(base) := t.dockerfile([t.from_image("", base, [t.ins("cmd", ["x"])])])

test_untagged_base_fires if {
	_findings(_one("ubuntu")) == {["stage[0]", ["base_image"]]}
	_findings(_one("registry.example.com:5000/team/app")) == {["stage[0]", ["base_image"]]}
}

test_latest_tag_fires if {
	_findings(_one("node:latest")) == {["stage[0]", ["base_image"]]}
}

test_pinned_bases_pass if {
	count(_findings(_one("node:20.15-alpine3.20"))) == 0
	count(_findings(_one("registry.example.com:5000/team/app:1.4.2"))) == 0
	count(_findings(_one("alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5"))) == 0
	count(_findings(_one("node:latest@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5"))) == 0
}

test_scratch_and_stage_bases_exempt if {
	doc := t.dockerfile([
		t.from_image("build", "golang:1.22", [t.run("go build ./...")]),
		t.from_stage("test", "build", [t.run("go test ./...")]),
		t.from_image("", "scratch", [t.ins("copy", ["--from=build", "/app", "/app"])]),
	])
	count(_findings(doc)) == 0
}

test_unresolved_arg_not_judged if {
	doc := t.dockerfile([t.from_unknown("", "${BASE_IMAGE}", [t.ins("cmd", ["x"])])])
	count(_findings(doc)) == 0
}

test_every_stage_is_checked if {
	doc := t.dockerfile([
		t.from_image("build", "golang", [t.run("go build ./...")]),
		t.from_image("", "alpine:3.20", [t.ins("cmd", ["x"])]),
	])
	_findings(doc) == {["stage.build", ["base_image"]]}
}
