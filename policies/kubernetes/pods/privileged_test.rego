package rampart.kubernetes.pods.privileged_test

import data.rampart.kubernetes.pods.privileged

_bad := {"name": "web", "image": "nginx:1.27", "securityContext": {"privileged": true}}

_good := {"name": "web", "image": "nginx:1.27", "securityContext": {"privileged": false}}

test_pod_privileged if {
	results := privileged.deny with input as _pod({"containers": [_bad]})
	_hits(results) == {["Pod/web", ["spec", "containers", 0, "securityContext", "privileged"]]}
	some r in results
	contains(r.msg, `"web"`)
	contains(r.msg, "privileged")
}

test_deployment_privileged if {
	results := privileged.deny with input as _deployment({"containers": [_bad]})
	_hits(results) == {["Deployment/web", array.concat(_deployment_path, ["containers", 0, "securityContext", "privileged"])]}
}

test_cronjob_privileged if {
	results := privileged.deny with input as _cronjob({"containers": [_bad]})
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["containers", 0, "securityContext", "privileged"])]}
}

test_one_finding_per_container_including_init_and_ephemeral if {
	spec := {
		"initContainers": [object.union(_bad, {"name": "setup"})],
		"containers": [_good, object.union(_bad, {"name": "sidecar"})],
		"ephemeralContainers": [object.union(_bad, {"name": "debug"})],
	}
	results := privileged.deny with input as _deployment(spec)
	_hits(results) == {
		["Deployment/web", array.concat(_deployment_path, ["initContainers", 0, "securityContext", "privileged"])],
		["Deployment/web", array.concat(_deployment_path, ["containers", 1, "securityContext", "privileged"])],
		["Deployment/web", array.concat(_deployment_path, ["ephemeralContainers", 0, "securityContext", "privileged"])],
	}
}

test_not_privileged_is_silent if {
	count(privileged.deny) == 0 with input as _deployment({"containers": [_good]})
	count(privileged.deny) == 0 with input as _cronjob({"containers": [{"name": "web", "image": "nginx:1.27"}]})
	count(privileged.deny) == 0 with input as _pod({"containers": [{"name": "web", "securityContext": {"privileged": null}}]})
}

test_other_document_kinds_are_ignored if {
	doc := object.union(_pod({"containers": [_bad]}), {"kind": "dockerfile"})
	count(privileged.deny) == 0 with input as doc
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
