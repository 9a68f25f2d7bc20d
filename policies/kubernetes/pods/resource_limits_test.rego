package rampart.kubernetes.pods.resource_limits_test

import data.rampart.kubernetes.pods.resource_limits

_limited(name) := {"name": name, "image": "nginx:1.27", "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}}}

test_no_resources_fires_on_the_container if {
	results := resource_limits.deny with input as _pod({"containers": [{"name": "web", "image": "nginx:1.27"}]})
	_hits(results) == {["Pod/web", ["spec", "containers", 0]]}
	some r in results
	contains(r.msg, `"web"`)
	contains(r.msg, "CPU or memory limits")
}

test_missing_cpu_is_named_and_points_at_limits if {
	spec := {"containers": [_limited("web"), {"name": "sidecar", "resources": {"limits": {"memory": "64Mi"}}}]}
	results := resource_limits.deny with input as _deployment(spec)
	_hits(results) == {["Deployment/web", array.concat(_deployment_path, ["containers", 1, "resources", "limits"])]}
	some r in results
	contains(r.msg, "no CPU limit")
	not contains(r.msg, "memory")
}

test_missing_memory_is_named if {
	spec := {"containers": [{"name": "worker", "resources": {"requests": {"memory": "64Mi"}, "limits": {"cpu": "1", "memory": ""}}}]}
	results := resource_limits.deny with input as _cronjob(spec)
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["containers", 0, "resources", "limits"])]}
	some r in results
	contains(r.msg, "no memory limit")
}

test_requests_only_points_at_container if {
	spec := {"initContainers": [{"name": "init", "resources": {"requests": {"cpu": "100m"}}}], "containers": [_limited("web")]}
	results := resource_limits.deny with input as _pod(spec)
	_hits(results) == {["Pod/web", ["spec", "initContainers", 0]]}
}

test_ephemeral_containers_are_skipped if {
	spec := {"containers": [_limited("web")], "ephemeralContainers": [{"name": "debug", "image": "busybox:1.36"}]}
	count(resource_limits.deny) == 0 with input as _pod(spec)
}

test_pod_level_limits_count if {
	spec := {"resources": {"limits": {"cpu": "2"}}, "containers": [{"name": "web", "resources": {"limits": {"memory": "1Gi"}}}]}
	count(resource_limits.deny) == 0 with input as _pod(spec)
}

test_limited_is_silent if {
	count(resource_limits.deny) == 0 with input as _deployment({"initContainers": [_limited("init")], "containers": [_limited("web")]})
	count(resource_limits.deny) == 0 with input as _cronjob({"containers": [_limited("worker")]})
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
