package rampart.kubernetes.serviceaccounts.default_service_account_test

import data.rampart.kubernetes.serviceaccounts.default_service_account

_containers := [{"name": "web", "image": "nginx:1.27"}]

test_absent_points_at_pod_spec if {
	results := default_service_account.deny with input as _pod({"containers": _containers})
	_hits(results) == {["Pod/web", ["spec"]]}
	some r in results
	contains(r.msg, "default service account")
	contains(r.msg, `"web"`)
}

test_explicit_default_points_at_the_key if {
	results := default_service_account.deny with input as _deployment({"serviceAccountName": "default", "containers": _containers})
	_hits(results) == {["Deployment/web", array.concat(_deployment_path, ["serviceAccountName"])]}
}

test_cronjob_deprecated_field_and_empty_name if {
	results := default_service_account.deny with input as _cronjob({"serviceAccount": "default", "serviceAccountName": "", "containers": _containers})
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["serviceAccount"])]}
	results2 := default_service_account.deny with input as _cronjob({"serviceAccountName": "", "containers": _containers})
	_hits(results2) == {["CronJob/backup", _cronjob_path]}
}

test_dedicated_account_is_silent if {
	count(default_service_account.deny) == 0 with input as _pod({"serviceAccountName": "web", "containers": _containers})
	count(default_service_account.deny) == 0 with input as _deployment({"serviceAccountName": "web", "containers": _containers})
	count(default_service_account.deny) == 0 with input as _cronjob({"serviceAccount": "backup", "containers": _containers})
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
