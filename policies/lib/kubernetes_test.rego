package rampart.lib.kubernetes_test

import data.rampart.lib.kubernetes as k8s

_container := {"name": "app", "image": "registry.example.com/app:1.0"}

_workload(kind, config) := _res(kind, "w", object.union({"apiVersion": "v1"}, config))

_template(spec) := {"spec": {"template": {"spec": spec}}}

_all_kinds := [
	_workload("Pod", {"spec": {"containers": [_container]}}),
	_workload("Deployment", _template({"containers": [_container]})),
	_workload("StatefulSet", _template({"containers": [_container]})),
	_workload("DaemonSet", _template({"containers": [_container]})),
	_workload("ReplicaSet", _template({"containers": [_container]})),
	_workload("ReplicationController", _template({"containers": [_container]})),
	_workload("Job", _template({"containers": [_container]})),
	_workload("CronJob", {"spec": {"jobTemplate": _template({"containers": [_container]})}}),
	_workload("Service", {"spec": {"ports": [{"port": 80}]}}),
	_workload("ConfigMap", {"data": {"containers": "x"}}),
]

_all_input := {"kind": "kubernetes", "path": "all.yaml", "resources": _all_kinds}

test_workload_kinds if {
	k8s.workload_kinds == {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"}
}

test_pods_cover_every_workload_kind_with_its_path if {
	got := {[p.resource.type, p.path] | some p in k8s.pods} with input as _all_input
	got == {
		["Pod", ["spec"]],
		["Deployment", ["spec", "template", "spec"]],
		["StatefulSet", ["spec", "template", "spec"]],
		["DaemonSet", ["spec", "template", "spec"]],
		["ReplicaSet", ["spec", "template", "spec"]],
		["ReplicationController", ["spec", "template", "spec"]],
		["Job", ["spec", "template", "spec"]],
		["CronJob", ["spec", "jobTemplate", "spec", "template", "spec"]],
	}
}

test_pods_carry_spec_and_metadata if {
	doc := _deployment({"containers": [_container], "hostNetwork": true})
	pods := k8s.pods with input as doc
	count(pods) == 1
	some p in pods
	p.spec.hostNetwork == true
	p.resource.address == "Deployment/web"
	p.metadata == {"labels": {"app": "web"}}
	p.metadata_path == ["spec", "template", "metadata"]
}

test_pod_metadata_defaults_to_empty_object if {
	pods := k8s.pods with input as _pod({"containers": [_container]})
	some p in pods
	p.metadata == {"name": "web"}
	p.metadata_path == ["metadata"]
	pods2 := k8s.pods with input as _doc("Job", "j", {"spec": {"template": {"spec": {"containers": [_container]}}}})
	some p2 in pods2
	p2.metadata == {}
	pods3 := k8s.pods with input as _doc("Job", "j", {"spec": {"template": {"metadata": null, "spec": {"containers": [_container]}}}})
	some p3 in pods3
	p3.metadata == {}
}

test_pods_skip_workloads_without_pod_spec if {
	doc := {"kind": "kubernetes", "path": "x.yaml", "resources": [
		_workload("Deployment", {"spec": {"replicas": 1}}),
		_workload("CronJob", {"spec": {"jobTemplate": {"spec": {"template": "oops"}}}}),
		_workload("Pod", {}),
	]}
	count(k8s.pods) == 0 with input as doc
}

test_pods_need_kubernetes_input if {
	count(k8s.pods) == 0 with input as object.union(_all_input, {"kind": "dockerfile"})
	count(k8s.containers) == 0 with input as object.union(_all_input, {"kind": "scan"})
}

test_containers_paths_and_flags if {
	doc := _cronjob({
		"initContainers": [{"name": "migrate"}],
		"containers": [{"name": "a"}, {"name": "b"}],
		"ephemeralContainers": [{"name": "debug"}],
	})
	got := {[c.container.name, c.path, c.init, c.ephemeral, c.field] | some c in k8s.containers} with input as doc
	base := ["spec", "jobTemplate", "spec", "template", "spec"]
	got == {
		["migrate", array.concat(base, ["initContainers", 0]), true, false, "initContainers"],
		["a", array.concat(base, ["containers", 0]), false, false, "containers"],
		["b", array.concat(base, ["containers", 1]), false, false, "containers"],
		["debug", array.concat(base, ["ephemeralContainers", 0]), false, true, "ephemeralContainers"],
	}
}

test_containers_carry_pod_spec if {
	cs := k8s.containers with input as _deployment({"containers": [_container], "hostPID": true})
	some c in cs
	c.pod_spec.hostPID == true
	c.pod_path == ["spec", "template", "spec"]
	c.resource.address == "Deployment/web"
}

test_containers_ignore_malformed_lists if {
	doc := _pod({"containers": {"name": "not-a-list"}, "initContainers": ["not-an-object", {"name": "ok"}]})
	got := {c.path | some c in k8s.containers} with input as doc
	got == {["spec", "initContainers", 1]}
}

test_containers_over_every_kind if {
	got := {[c.resource.type, c.path] | some c in k8s.containers} with input as _all_input
	count(got) == 8
	["CronJob", ["spec", "jobTemplate", "spec", "template", "spec", "containers", 0]] in got
	["Pod", ["spec", "containers", 0]] in got
}

test_security_context_container_overrides_pod if {
	doc := _deployment({
		"securityContext": {"runAsUser": 1000, "runAsNonRoot": true},
		"containers": [{"name": "a", "securityContext": {"runAsUser": 0}}],
	})
	some c in k8s.containers with input as doc
	k8s.security_context(c, "runAsUser") == 0
	k8s.security_context_path(c, "runAsUser") == ["spec", "template", "spec", "containers", 0, "securityContext", "runAsUser"]
	k8s.security_context(c, "runAsNonRoot") == true
	k8s.security_context_path(c, "runAsNonRoot") == ["spec", "template", "spec", "securityContext", "runAsNonRoot"]
}

test_security_context_null_is_unset if {
	doc := _pod({
		"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}},
		"containers": [{"name": "a", "securityContext": {"seccompProfile": null}}],
	})
	some c in k8s.containers with input as doc
	k8s.security_context(c, "seccompProfile") == {"type": "RuntimeDefault"}
	k8s.security_context_path(c, "seccompProfile") == ["spec", "securityContext", "seccompProfile"]
}

test_security_context_undefined_when_unset if {
	some c in k8s.containers with input as _pod({"containers": [{"name": "a", "securityContext": null}]})
	not k8s.security_context(c, "runAsUser")
	not k8s.security_context_path(c, "runAsUser")
}

test_container_name if {
	some c in k8s.containers with input as _pod({"containers": [{"image": "x:1"}]})
	k8s.container_name(c) == "spec.containers.0"
	some d in k8s.containers with input as _pod({"containers": [{"name": "web"}]})
	k8s.container_name(d) == "web"
}

test_service_account if {
	k8s.service_account({"serviceAccountName": "api"}) == "api"
	k8s.service_account_key({"serviceAccountName": "api"}) == "serviceAccountName"
	k8s.service_account({"serviceAccount": "legacy"}) == "legacy"
	k8s.service_account_key({"serviceAccount": "legacy"}) == "serviceAccount"
	k8s.service_account({"serviceAccountName": "", "serviceAccount": "legacy"}) == "legacy"
	k8s.service_account({}) == "default"
	not k8s.service_account_key({})
}

test_names_and_namespaces if {
	r := _res("Deployment", "web", {"metadata": {"name": "web", "namespace": "prod"}})
	k8s.name(r) == "web"
	k8s.namespace(r) == "prod"
	k8s.namespace_or_default(r) == "prod"
	s := {"address": "Deployment[0]", "type": "Deployment", "config": {"kind": "Deployment", "metadata": {"generateName": "web-"}}}
	k8s.name(s) == "Deployment[0]"
	k8s.namespace(s) == ""
	k8s.namespace_or_default(s) == "default"
}

test_pod_spec_helpers if {
	r := _res("CronJob", "c", {"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": []}}}}}})
	k8s.is_workload(r)
	k8s.pod_spec(r) == {"containers": []}
	k8s.pod_spec_path(r) == ["spec", "jobTemplate", "spec", "template", "spec"]
	k8s.pod_metadata_path(k8s.pod_spec_path(r)) == ["spec", "jobTemplate", "spec", "template", "metadata"]
	s := _res("Service", "s", {"spec": {}})
	not k8s.is_workload(s)
	not k8s.pod_spec(s)
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
