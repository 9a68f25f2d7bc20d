package rampart.kubernetes.images.latest_tag_test

import data.rampart.kubernetes.images.latest_tag

_image(name, image) := {"name": name, "image": image}

test_latest_tag_in_pod if {
	results := latest_tag.deny with input as _pod({"containers": [_image("web", "nginx:latest")]})
	_hits(results) == {["Pod/web", ["spec", "containers", 0, "image"]]}
	some r in results
	contains(r.msg, `"web"`)
	contains(r.msg, "latest tag")
}

test_untagged_images if {
	spec := {"containers": [
		_image("a", "nginx"),
		_image("b", "localhost:5000/team/app"),
		_image("c", "registry.example.com:443/app:1.4.2"),
		_image("d", "ghcr.io/org/app:latest"),
	]}
	results := latest_tag.deny with input as _deployment(spec)
	base := array.concat(_deployment_path, ["containers"])
	_hits(results) == {
		["Deployment/web", array.concat(base, [0, "image"])],
		["Deployment/web", array.concat(base, [1, "image"])],
		["Deployment/web", array.concat(base, [3, "image"])],
	}
	msgs := {r.msg | some r in results}
	some m in msgs
	contains(m, "localhost:5000/team/app")
	contains(m, "no tag")
}

test_cronjob_init_container if {
	spec := {"initContainers": [_image("migrate", "flyway/flyway")], "containers": [_image("worker", "app:2.0.1")]}
	results := latest_tag.deny with input as _cronjob(spec)
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["initContainers", 0, "image"])]}
}

test_pinned_images_are_silent if {
	spec := {"containers": [
		_image("a", "nginx:1.27.2"),
		_image("b", "localhost:5000/app:v3"),
		_image("c", "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"),
		_image("d", "nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"),
		_image("e", "${IMAGE}"),
		_image("f", "{{ .Values.image }}"),
		{"name": "g"},
	]}
	count(latest_tag.deny) == 0 with input as _pod(spec)
	count(latest_tag.deny) == 0 with input as _deployment(spec)
	count(latest_tag.deny) == 0 with input as _cronjob(spec)
}

# --- input builders (document shape of docs/documents.md) ---

_doc(kind, name, config) := {
	"kind": "kubernetes",
	"path": "manifests/app.yaml",
	"resources": [_res(kind, name, config)],
}

_res(kind, name, config) := {
	"address": sprintf("%s/%s", [kind, name]),
	"type": kind,
	"provider": "kubernetes",
	"config": object.union({"kind": kind, "metadata": {"name": name}}, config),
	"unknown": [],
	"references": {},
	"location": {"path": "manifests/app.yaml", "start_line": 1, "end_line": 40},
}

_pod(spec) := _doc("Pod", "web", {"apiVersion": "v1", "spec": spec})

_deployment(spec) := _doc("Deployment", "web", {
	"apiVersion": "apps/v1",
	"spec": {
		"replicas": 2,
		"selector": {"matchLabels": {"app": "web"}},
		"template": {"metadata": {"labels": {"app": "web"}}, "spec": spec},
	},
})

_cronjob(spec) := _doc("CronJob", "backup", {
	"apiVersion": "batch/v1",
	"spec": {
		"schedule": "0 3 * * *",
		"jobTemplate": {"spec": {"template": {"spec": object.union({"restartPolicy": "OnFailure"}, spec)}}},
	},
})

_pod_path := ["spec"]

_deployment_path := ["spec", "template", "spec"]

_cronjob_path := ["spec", "jobTemplate", "spec", "template", "spec"]

# {[resource, attribute]} of a rule's results.
_hits(results) := {[r.resource, r.attribute] | some r in results}
