package rampart.kubernetes.pods.readonly_root_filesystem_test

import data.rampart.kubernetes.pods.readonly_root_filesystem

_fixed := {"name": "web", "securityContext": {"readOnlyRootFilesystem": true}}

test_missing_fires_on_the_container if {
	results := readonly_root_filesystem.deny with input as _pod({"containers": [{"name": "web", "image": "nginx:1.27"}]})
	_hits(results) == {["Pod/web", ["spec", "containers", 0]]}
	some r in results
	contains(r.msg, `"web"`)
}

test_false_points_at_the_key if {
	spec := {"containers": [_fixed, {"name": "sidecar", "securityContext": {"readOnlyRootFilesystem": false}}]}
	results := readonly_root_filesystem.deny with input as _deployment(spec)
	_hits(results) == {["Deployment/web", array.concat(_deployment_path, ["containers", 1, "securityContext", "readOnlyRootFilesystem"])]}
}

test_cronjob_init_container if {
	spec := {"initContainers": [{"name": "fetch", "securityContext": {}}], "containers": [_fixed]}
	results := readonly_root_filesystem.deny with input as _cronjob(spec)
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["initContainers", 0])]}
}

test_pod_level_setting_does_not_exist if {
	# readOnlyRootFilesystem is a container-only field: a pod-level value changes nothing
	spec := {"securityContext": {"readOnlyRootFilesystem": true}, "containers": [{"name": "web"}]}
	results := readonly_root_filesystem.deny with input as _pod(spec)
	_hits(results) == {["Pod/web", ["spec", "containers", 0]]}
}

test_read_only_is_silent if {
	count(readonly_root_filesystem.deny) == 0 with input as _pod({"containers": [_fixed]})
	count(readonly_root_filesystem.deny) == 0 with input as _deployment({"initContainers": [_fixed], "containers": [_fixed]})
	count(readonly_root_filesystem.deny) == 0 with input as _cronjob({"containers": [_fixed]})
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
