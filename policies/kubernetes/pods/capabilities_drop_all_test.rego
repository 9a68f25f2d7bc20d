package rampart.kubernetes.pods.capabilities_drop_all_test

import data.rampart.kubernetes.pods.capabilities_drop_all

_fixed := {"name": "web", "securityContext": {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}}

test_no_drop_fires_on_the_container if {
	results := capabilities_drop_all.deny with input as _pod({"containers": [{"name": "web", "image": "nginx:1.27"}]})
	_hits(results) == {["Pod/web", ["spec", "containers", 0]]}
	some r in results
	contains(r.msg, `"web"`)
}

test_partial_drop_points_at_the_list if {
	spec := {"containers": [_fixed, {"name": "sidecar", "securityContext": {"capabilities": {"drop": ["NET_RAW", "SYS_ADMIN"]}}}]}
	results := capabilities_drop_all.deny with input as _deployment(spec)
	_hits(results) == {["Deployment/web", array.concat(_deployment_path, ["containers", 1, "securityContext", "capabilities", "drop"])]}
}

test_add_only_and_init_container_in_cronjob if {
	spec := {
		"initContainers": [{"name": "init", "securityContext": {"capabilities": {"add": ["CHOWN"]}}}],
		"containers": [_fixed],
	}
	results := capabilities_drop_all.deny with input as _cronjob(spec)
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["initContainers", 0])]}
}

test_all_is_matched_exactly if {
	# the Pod Security Standards only accept the upper-case "ALL"
	spec := {"containers": [{"name": "web", "securityContext": {"capabilities": {"drop": ["all"]}}}]}
	results := capabilities_drop_all.deny with input as _pod(spec)
	_hits(results) == {["Pod/web", ["spec", "containers", 0, "securityContext", "capabilities", "drop"]]}
}

test_drop_all_is_silent if {
	count(capabilities_drop_all.deny) == 0 with input as _pod({"containers": [_fixed]})
	count(capabilities_drop_all.deny) == 0 with input as _deployment({"initContainers": [_fixed], "containers": [_fixed]})
	count(capabilities_drop_all.deny) == 0 with input as _cronjob({"containers": [{"name": "w", "securityContext": {"capabilities": {"drop": ["NET_RAW", "ALL"]}}}]})
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
