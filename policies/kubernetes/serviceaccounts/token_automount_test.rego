package rampart.kubernetes.serviceaccounts.token_automount_test

import data.rampart.kubernetes.serviceaccounts.token_automount

_containers := [{"name": "web", "image": "nginx:1.27"}]

test_unset_points_at_pod_spec if {
	results := token_automount.deny with input as _pod({"serviceAccountName": "web", "containers": _containers})
	_hits(results) == {["Pod/web", ["spec"]]}
	some r in results
	contains(r.msg, `"web"`)
}

test_explicit_true_points_at_the_key if {
	results := token_automount.deny with input as _deployment({"automountServiceAccountToken": true, "containers": _containers})
	_hits(results) == {["Deployment/web", array.concat(_deployment_path, ["automountServiceAccountToken"])]}
}

test_cronjob_unset if {
	results := token_automount.deny with input as _cronjob({"containers": _containers})
	_hits(results) == {["CronJob/backup", _cronjob_path]}
}

test_service_account_in_same_document_opting_out if {
	doc := {"kind": "kubernetes", "path": "app.yaml", "resources": [
		_res("ServiceAccount", "web", {"apiVersion": "v1", "automountServiceAccountToken": false}),
		_res("Deployment", "web", {"spec": {"template": {"spec": {"serviceAccountName": "web", "containers": _containers}}}}),
		_res("Deployment", "api", {"spec": {"template": {"spec": {"serviceAccountName": "api", "containers": _containers}}}}),
		_res("Job", "tool", {"spec": {"template": {"spec": {"serviceAccountName": "web", "automountServiceAccountToken": true, "containers": _containers}}}}),
	]}
	results := token_automount.deny with input as doc
	_hits(results) == {
		["Deployment/api", ["spec", "template", "spec"]],
		["Job/tool", ["spec", "template", "spec", "automountServiceAccountToken"]],
	}
}

test_service_account_must_be_in_the_same_namespace if {
	doc := {"kind": "kubernetes", "path": "app.yaml", "resources": [
		_res("ServiceAccount", "web", {"metadata": {"namespace": "other"}, "automountServiceAccountToken": false}),
		_res("Deployment", "web", {"metadata": {"namespace": "prod"}, "spec": {"template": {"spec": {"serviceAccountName": "web", "containers": _containers}}}}),
	]}
	results := token_automount.deny with input as doc
	_hits(results) == {["Deployment/web", ["spec", "template", "spec"]]}

	same := {"kind": "kubernetes", "path": "app.yaml", "resources": [
		_res("ServiceAccount", "web", {"metadata": {"namespace": "prod"}, "automountServiceAccountToken": false}),
		_res("Deployment", "web", {"metadata": {"namespace": "prod"}, "spec": {"template": {"spec": {"serviceAccountName": "web", "containers": _containers}}}}),
	]}
	count(token_automount.deny) == 0 with input as same
}

test_service_account_objects if {
	doc := {"kind": "kubernetes", "path": "sa.yaml", "resources": [
		_res("ServiceAccount", "plain", {"apiVersion": "v1"}),
		_res("ServiceAccount", "explicit", {"apiVersion": "v1", "automountServiceAccountToken": true}),
		_res("ServiceAccount", "off", {"apiVersion": "v1", "automountServiceAccountToken": false}),
	]}
	results := token_automount.deny with input as doc
	got := {[r.resource, object.get(r, "attribute", "none")] | some r in results}
	got == {
		["ServiceAccount/plain", "none"],
		["ServiceAccount/explicit", ["automountServiceAccountToken"]],
	}
}

test_opted_out_is_silent if {
	count(token_automount.deny) == 0 with input as _pod({"automountServiceAccountToken": false, "containers": _containers})
	count(token_automount.deny) == 0 with input as _deployment({"automountServiceAccountToken": false, "containers": _containers})
	count(token_automount.deny) == 0 with input as _cronjob({"automountServiceAccountToken": false, "containers": _containers})
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
