package rampart.kubernetes.pods.dangerous_capabilities_test

import data.rampart.kubernetes.pods.dangerous_capabilities

_caps(add) := {"name": "web", "image": "nginx:1.27", "securityContext": {"capabilities": {"drop": ["ALL"], "add": add}}}

test_sys_admin_in_pod if {
	results := dangerous_capabilities.deny with input as _pod({"containers": [_caps(["SYS_ADMIN"])]})
	_hits(results) == {["Pod/web", ["spec", "containers", 0, "securityContext", "capabilities", "add", 0]]}
	some r in results
	contains(r.msg, `"web"`)
	contains(r.msg, "SYS_ADMIN")
}

test_each_dangerous_entry_is_a_finding if {
	spec := {"containers": [_caps(["NET_BIND_SERVICE", "NET_ADMIN", "CHOWN", "NET_RAW"])]}
	results := dangerous_capabilities.deny with input as _deployment(spec)
	base := array.concat(_deployment_path, ["containers", 0, "securityContext", "capabilities", "add"])
	_hits(results) == {
		["Deployment/web", array.concat(base, [1])],
		["Deployment/web", array.concat(base, [3])],
	}
}

test_names_are_normalized if {
	spec := {"initContainers": [_caps(["cap_sys_ptrace"])], "containers": [_caps([" sys_module ", "all"])]}
	results := dangerous_capabilities.deny with input as _cronjob(spec)
	_hits(results) == {
		["CronJob/backup", array.concat(_cronjob_path, ["initContainers", 0, "securityContext", "capabilities", "add", 0])],
		["CronJob/backup", array.concat(_cronjob_path, ["containers", 0, "securityContext", "capabilities", "add", 0])],
		["CronJob/backup", array.concat(_cronjob_path, ["containers", 0, "securityContext", "capabilities", "add", 1])],
	}
	msgs := {r.msg | some r in results}
	some m in msgs
	contains(m, "SYS_PTRACE")
}

test_every_listed_capability_fires if {
	every cap in dangerous_capabilities.dangerous {
		count(dangerous_capabilities.deny) == 1 with input as _pod({"containers": [_caps([cap])]})
	}
	count(dangerous_capabilities.dangerous) == 16
}

test_harmless_or_no_additions_are_silent if {
	count(dangerous_capabilities.deny) == 0 with input as _pod({"containers": [_caps(["NET_BIND_SERVICE", "CHOWN"])]})
	count(dangerous_capabilities.deny) == 0 with input as _deployment({"containers": [{"name": "web", "securityContext": {"capabilities": {"drop": ["SYS_ADMIN"]}}}]})
	count(dangerous_capabilities.deny) == 0 with input as _cronjob({"containers": [{"name": "web"}]})
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
