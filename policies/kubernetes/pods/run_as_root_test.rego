package rampart.kubernetes.pods.run_as_root_test

import data.rampart.kubernetes.pods.run_as_root

test_nothing_set_fires_on_each_container if {
	spec := {"containers": [{"name": "web", "image": "nginx:1.27"}, {"name": "proxy", "image": "envoy:1.30"}]}
	results := run_as_root.deny with input as _deployment(spec)
	_hits(results) == {
		["Deployment/web", array.concat(_deployment_path, ["containers", 0])],
		["Deployment/web", array.concat(_deployment_path, ["containers", 1])],
	}
	some r in results
	contains(r.msg, "may run as root")
}

test_run_as_user_zero_at_container_level if {
	spec := {
		"securityContext": {"runAsNonRoot": true},
		"containers": [{"name": "web", "securityContext": {"runAsUser": 0}}],
	}
	results := run_as_root.deny with input as _pod(spec)
	_hits(results) == {["Pod/web", ["spec", "containers", 0, "securityContext", "runAsUser"]]}
	some r in results
	contains(r.msg, "runAsUser: 0")
}

test_run_as_user_zero_at_pod_level_points_at_pod if {
	spec := {
		"securityContext": {"runAsUser": 0},
		"containers": [{"name": "worker"}],
	}
	results := run_as_root.deny with input as _cronjob(spec)
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["securityContext", "runAsUser"])]}
}

test_run_as_non_root_false_points_at_it if {
	spec := {"containers": [{"name": "web", "securityContext": {"runAsNonRoot": false}}]}
	results := run_as_root.deny with input as _pod(spec)
	_hits(results) == {["Pod/web", ["spec", "containers", 0, "securityContext", "runAsNonRoot"]]}
}

test_container_false_overrides_pod_true if {
	spec := {
		"securityContext": {"runAsNonRoot": true},
		"containers": [{"name": "a"}, {"name": "b", "securityContext": {"runAsNonRoot": false}}],
	}
	results := run_as_root.deny with input as _deployment(spec)
	_hits(results) == {["Deployment/web", array.concat(_deployment_path, ["containers", 1, "securityContext", "runAsNonRoot"])]}
}

test_init_container_is_checked if {
	spec := {
		"initContainers": [{"name": "chown", "securityContext": {"runAsUser": 0}}],
		"containers": [{"name": "web", "securityContext": {"runAsNonRoot": true}}],
	}
	results := run_as_root.deny with input as _pod(spec)
	_hits(results) == {["Pod/web", ["spec", "initContainers", 0, "securityContext", "runAsUser"]]}
}

test_non_root_settings_are_silent if {
	# runAsNonRoot at pod level
	count(run_as_root.deny) == 0 with input as _deployment({"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "web"}]})

	# non-zero runAsUser at pod level, runAsNonRoot absent
	count(run_as_root.deny) == 0 with input as _cronjob({"securityContext": {"runAsUser": 1000}, "containers": [{"name": "worker"}]})

	# container-level settings
	count(run_as_root.deny) == 0 with input as _pod({"containers": [{"name": "web", "securityContext": {"runAsNonRoot": true, "runAsUser": 101}}]})

	# container runAsUser overrides pod runAsUser 0
	count(run_as_root.deny) == 0 with input as _pod({"securityContext": {"runAsUser": 0}, "containers": [{"name": "web", "securityContext": {"runAsUser": 1001}}]})
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
