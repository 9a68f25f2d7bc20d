package rampart.kubernetes.pods.seccomp_test

import data.rampart.kubernetes.pods.seccomp

_runtime_default := {"seccompProfile": {"type": "RuntimeDefault"}}

test_missing_fires_per_container if {
	spec := {"containers": [{"name": "web", "image": "nginx:1.27"}, {"name": "proxy", "image": "envoy:1.30"}]}
	results := seccomp.deny with input as _deployment(spec)
	_hits(results) == {
		["Deployment/web", array.concat(_deployment_path, ["containers", 0])],
		["Deployment/web", array.concat(_deployment_path, ["containers", 1])],
	}
	some r in results
	contains(r.msg, "without a seccomp profile")
}

test_unconfined_at_pod_level if {
	spec := {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [{"name": "web"}]}
	results := seccomp.deny with input as _pod(spec)
	_hits(results) == {["Pod/web", ["spec", "securityContext", "seccompProfile", "type"]]}
	some r in results
	contains(r.msg, `"Unconfined"`)
}

test_container_unconfined_overrides_pod_runtime_default if {
	spec := {
		"securityContext": _runtime_default,
		"containers": [{"name": "web"}, {"name": "strace", "securityContext": {"seccompProfile": {"type": "Unconfined"}}}],
	}
	results := seccomp.deny with input as _cronjob(spec)
	_hits(results) == {["CronJob/backup", array.concat(_cronjob_path, ["containers", 1, "securityContext", "seccompProfile", "type"])]}
}

test_profile_without_type_points_at_profile if {
	spec := {"containers": [{"name": "web", "securityContext": {"seccompProfile": {"localhostProfile": "x.json"}}}]}
	results := seccomp.deny with input as _pod(spec)
	_hits(results) == {["Pod/web", ["spec", "containers", 0, "securityContext", "seccompProfile"]]}
}

test_legacy_pod_annotation_is_not_enough if {
	doc := _doc("Deployment", "web", {"spec": {"template": {
		"metadata": {"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "runtime/default"}},
		"spec": {"containers": [{"name": "web"}]},
	}}})
	results := seccomp.deny with input as doc
	_hits(results) == {["Deployment/web", ["spec", "template", "metadata", "annotations", "seccomp.security.alpha.kubernetes.io/pod"]]}
	some r in results
	contains(r.msg, "1.27")
}

test_legacy_container_annotation_wins_over_pod_annotation if {
	doc := _doc("Pod", "web", {
		"metadata": {"annotations": {
			"seccomp.security.alpha.kubernetes.io/pod": "runtime/default",
			"container.seccomp.security.alpha.kubernetes.io/web": "unconfined",
		}},
		"spec": {"containers": [{"name": "web"}, {"name": "other"}]},
	})
	results := seccomp.deny with input as doc
	_hits(results) == {
		["Pod/web", ["metadata", "annotations", "container.seccomp.security.alpha.kubernetes.io/web"]],
		["Pod/web", ["metadata", "annotations", "seccomp.security.alpha.kubernetes.io/pod"]],
	}
}

test_field_with_annotation_is_silent if {
	doc := _doc("Pod", "web", {
		"metadata": {"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "runtime/default"}},
		"spec": {"securityContext": _runtime_default, "containers": [{"name": "web"}]},
	})
	count(seccomp.deny) == 0 with input as doc
}

test_runtime_default_or_localhost_is_silent if {
	count(seccomp.deny) == 0 with input as _pod({"securityContext": _runtime_default, "containers": [{"name": "web"}]})
	count(seccomp.deny) == 0 with input as _deployment({
		"initContainers": [{"name": "init", "securityContext": _runtime_default}],
		"containers": [{"name": "web", "securityContext": {"seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/web.json"}}}],
	})
	count(seccomp.deny) == 0 with input as _cronjob({"securityContext": _runtime_default, "containers": [{"name": "worker"}]})
}

test_windows_pods_are_skipped if {
	count(seccomp.deny) == 0 with input as _pod({"os": {"name": "windows"}, "containers": [{"name": "web"}]})
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
