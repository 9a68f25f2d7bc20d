package rampart.kubernetes.networkpolicies.namespace_without_policy_test

import data.rampart.kubernetes.networkpolicies.namespace_without_policy

_res(kind, name, ns, spec) := {
	"address": _address(kind, name, ns),
	"type": kind,
	"provider": "kubernetes",
	"config": {"kind": kind, "metadata": _metadata(name, ns), "spec": spec},
	"location": {"path": "x.yaml", "start_line": 1, "end_line": 20},
}

_address(kind, name, "") := sprintf("%s/%s", [kind, name])

_address(kind, name, ns) := sprintf("%s/%s/%s", [kind, ns, name]) if ns != ""

_metadata(name, "") := {"name": name}

_metadata(name, ns) := {"name": name, "namespace": ns} if ns != ""

_deployment(name, ns) := _res("Deployment", name, ns, {"template": {"spec": {"containers": [{"name": name, "image": "app:1"}]}}})

_cronjob(name, ns) := _res("CronJob", name, ns, {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": name}]}}}}})

_policy(name, ns) := _res("NetworkPolicy", name, ns, {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]})

_document(path, resources) := {"kind": "kubernetes", "path": path, "resources": resources}

_scan(documents) := {"kind": "scan", "documents": documents}

_hits(results) := {[r.path, r.resource, object.get(r, "attribute", "none")] | some r in results}

test_namespace_without_policy_reported_once_on_first_workload if {
	in_scan := _scan([
		_document("b/api.yaml", [_deployment("api", "shop")]),
		_document("a/web.yaml", [_res("Service", "web", "shop", {}), _deployment("web", "shop"), _cronjob("report", "shop")]),
	])
	results := namespace_without_policy.deny with input as in_scan
	_hits(results) == {["a/web.yaml", "Deployment/shop/web", ["metadata", "namespace"]]}
	some r in results
	contains(r.msg, `"shop"`)
}

test_policy_in_another_file_covers_the_namespace if {
	in_scan := _scan([
		_document("apps.yaml", [_deployment("web", "shop"), _deployment("billing", "pay")]),
		_document("netpol.yaml", [_policy("default-deny", "shop")]),
	])
	results := namespace_without_policy.deny with input as in_scan
	_hits(results) == {["apps.yaml", "Deployment/pay/billing", ["metadata", "namespace"]]}
}

test_missing_namespace_is_default if {
	in_scan := _scan([
		_document("pod.yaml", [_res("Pod", "tool", "", {"containers": [{"name": "tool"}]})]),
		_document("job.yaml", [_cronjob("nightly", "")]),
	])
	results := namespace_without_policy.deny with input as in_scan
	_hits(results) == {["job.yaml", "CronJob/nightly", "none"]}
	some r in results
	contains(r.msg, `"default"`)

	# a policy without namespace also lands in "default"
	covered := _scan([_document("pod.yaml", [_res("Pod", "tool", "", {"containers": [{"name": "tool"}]}), _policy("deny", "")])])
	count(namespace_without_policy.deny) == 0 with input as covered

	# and so does one that names "default" explicitly
	explicit := _scan([_document("pod.yaml", [_res("Pod", "tool", "", {"containers": [{"name": "tool"}]})]), _document("np.yaml", [_policy("deny", "default")])])
	count(namespace_without_policy.deny) == 0 with input as explicit
}

test_cilium_policy_counts if {
	in_scan := _scan([_document("all.yaml", [_deployment("web", "shop"), _res("CiliumNetworkPolicy", "l7", "shop", {})])])
	count(namespace_without_policy.deny) == 0 with input as in_scan
}

test_no_workloads_no_finding if {
	in_scan := _scan([_document("svc.yaml", [_res("Service", "web", "shop", {}), _res("ConfigMap", "cfg", "shop", {})])])
	count(namespace_without_policy.deny) == 0 with input as in_scan
}

test_needs_scan_input if {
	doc := _document("apps.yaml", [_deployment("web", "shop")])
	count(namespace_without_policy.deny) == 0 with input as doc
}
