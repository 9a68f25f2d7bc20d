package rampart.kubernetes.pods.host_path_test

import data.rampart.kubernetes.pods.host_path

_containers := [{"name": "web", "image": "nginx:1.27"}]

test_pod_host_path if {
	spec := {"containers": _containers, "volumes": [{"name": "docker", "hostPath": {"path": "/var/run/docker.sock", "type": "Socket"}}]}
	results := host_path.deny with input as _pod(spec)
	_hits(results) == {["Pod/web", ["spec", "volumes", 0, "hostPath"]]}
	some r in results
	contains(r.msg, `"docker"`)
	contains(r.msg, `"/var/run/docker.sock"`)
}

test_deployment_each_host_path_volume if {
	spec := {"containers": _containers, "volumes": [
		{"name": "logs", "hostPath": {"path": "/var/log"}},
		{"name": "cache", "emptyDir": {}},
		{"name": "root", "hostPath": {"path": "/"}},
	]}
	results := host_path.deny with input as _deployment(spec)
	_hits(results) == {
		["Deployment/web", array.concat(_deployment_path, ["volumes", 0, "hostPath"])],
		["Deployment/web", array.concat(_deployment_path, ["volumes", 2, "hostPath"])],
	}
}

test_cronjob_host_path_without_name_or_path if {
	spec := {"containers": _containers, "volumes": [{"hostPath": {}}]}
	results := host_path.deny with input as _cronjob(spec)
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["volumes", 0, "hostPath"])]}
	some r in results
	contains(r.msg, "volumes[0]")
}

test_other_volumes_are_silent if {
	spec := {"containers": _containers, "volumes": [
		{"name": "data", "persistentVolumeClaim": {"claimName": "data"}},
		{"name": "config", "configMap": {"name": "web"}},
		{"name": "tmp", "emptyDir": {}},
		{"name": "unset", "hostPath": null, "emptyDir": {}},
	]}
	count(host_path.deny) == 0 with input as _pod(spec)
	count(host_path.deny) == 0 with input as _deployment(spec)
	count(host_path.deny) == 0 with input as _cronjob({"containers": _containers})
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
