package rampart.kubernetes.pods.host_pid_test

import data.rampart.kubernetes.pods.host_pid

_containers := [{"name": "web", "image": "nginx:1.27"}]

test_pod if {
	results := host_pid.deny with input as _pod({"hostPID": true, "containers": _containers})
	_hits(results) == {["Pod/web", ["spec", "hostPID"]]}
	some r in results
	contains(r.msg, "hostPID: true")
	contains(r.msg, `"web"`)
}

test_deployment if {
	results := host_pid.deny with input as _deployment({"hostPID": true, "containers": _containers})
	_hits(results) == {["Deployment/web", array.concat(_deployment_path, ["hostPID"])]}
}

test_cronjob if {
	results := host_pid.deny with input as _cronjob({"hostPID": true, "containers": _containers})
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["hostPID"])]}
}

test_one_finding_per_workload if {
	doc := {"kind": "kubernetes", "path": "all.yaml", "resources": [
		_res("DaemonSet", "agent", {"spec": {"template": {"spec": {"hostPID": true, "containers": _containers}}}}),
		_res("StatefulSet", "db", {"spec": {"template": {"spec": {"hostPID": false, "containers": _containers}}}}),
		_res("Job", "migrate", {"spec": {"template": {"spec": {"hostPID": true, "containers": _containers}}}}),
	]}
	results := host_pid.deny with input as doc
	_hits(results) == {
		["DaemonSet/agent", ["spec", "template", "spec", "hostPID"]],
		["Job/migrate", ["spec", "template", "spec", "hostPID"]],
	}
}

test_false_or_absent_is_silent if {
	count(host_pid.deny) == 0 with input as _pod({"hostPID": false, "containers": _containers})
	count(host_pid.deny) == 0 with input as _deployment({"containers": _containers})
	count(host_pid.deny) == 0 with input as _cronjob({"hostPID": null, "containers": _containers})
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
