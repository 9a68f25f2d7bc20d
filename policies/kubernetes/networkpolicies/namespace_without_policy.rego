# METADATA
# title: Namespace has workloads but no NetworkPolicy
# description: |
#   Looks at every Kubernetes document of the scan together. For each namespace that has at
#   least one workload (metadata.namespace, "default" when unset) and no NetworkPolicy in any
#   scanned document, it reports the namespace once, on its first workload (by document path,
#   then position in the document). NetworkPolicy objects of any API group (Kubernetes,
#   Calico's projectcalico.org) and CiliumNetworkPolicy count; a policy applies to the
#   namespace it is created in. Cluster-wide policies (AdminNetworkPolicy, Calico
#   GlobalNetworkPolicy, CiliumClusterwideNetworkPolicy) and policies that are not in the
#   scanned files are not seen.
# custom:
#   id: RMP-K8S-017
#   severity: medium
#   category: Network
#   risk: |
#     Without a NetworkPolicy every pod of the namespace accepts traffic from, and can connect
#     to, every pod of the cluster and the internet: one compromised pod can reach databases,
#     internal APIs and other tenants directly, and data can be exfiltrated freely.
#   remediation: |
#     Add a default-deny NetworkPolicy for ingress and egress to the namespace
#     (podSelector: {}, policyTypes: [Ingress, Egress]) and explicit policies that allow only
#     the traffic each workload needs.
#   references:
#     - https://kubernetes.io/docs/concepts/services-networking/network-policies/
#     - https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.3.2"]}
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
#     scope: scan
package rampart.kubernetes.networkpolicies.namespace_without_policy

import data.rampart.lib.kubernetes as k8s

_policy_kinds := {"NetworkPolicy", "CiliumNetworkPolicy"}

# Namespaces that have at least one network policy.
_covered contains k8s.namespace_or_default(r) if {
	input.kind == "scan"
	some doc in input.documents
	doc.kind == "kubernetes"
	some r in doc.resources
	r.type in _policy_kinds
}

# Workloads by namespace: [namespace, document path, index, address, namespace written?].
_workloads contains [k8s.namespace_or_default(r), doc.path, i, r.address, k8s.namespace(r) != ""] if {
	input.kind == "scan"
	some doc in input.documents
	doc.kind == "kubernetes"
	some i, r in doc.resources
	k8s.pod_spec(r)
}

deny contains result if {
	input.kind == "scan"
	namespaces := {w[0] | some w in _workloads}
	some ns in namespaces
	not ns in _covered
	first := min({array.slice(w, 1, 5) | some w in _workloads; w[0] == ns})
	result := object.union(
		{
			"msg": sprintf("Namespace %q runs workloads but no NetworkPolicy in the scanned files applies to it; its pods accept and send any traffic.", [ns]),
			"resource": first[2],
			"path": first[0],
		},
		_attribute(first[3]),
	)
}

_attribute(true) := {"attribute": ["metadata", "namespace"]}

_attribute(false) := {}
