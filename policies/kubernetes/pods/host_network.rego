# METADATA
# title: Pod uses the host network namespace
# description: |
#   Reports workloads whose pod spec sets hostNetwork: true.
# custom:
#   id: RMP-K8S-007
#   severity: high
#   category: Network
#   risk: |
#     The pod sees and can bind every network interface of the node: it can sniff node traffic,
#     reach services bound to localhost on the node (kubelet, metadata endpoints, node-local
#     daemons) and bypass NetworkPolicies, which do not apply to host-network pods.
#   remediation: |
#     Remove hostNetwork or set it to false; expose the workload through a Service instead.
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.2.5"]}
#   aliases:
#     checkov: [CKV_K8S_19]
#     trivy: [AVD-KSV-0009, KSV009]
#     kics: [6b6bdfb3-c3ae-44cb-88e4-7405c1ba2c8a]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job,
#     CronJob]
package rampart.kubernetes.pods.host_network

import data.rampart.lib.kubernetes as k8s

deny contains result if {
	input.kind == "kubernetes"
	some pod in k8s.pods
	pod.spec.hostNetwork == true
	result := {
		"msg": sprintf("%s %q shares the node's network namespace (hostNetwork: true).", [pod.resource.type, k8s.name(pod.resource)]),
		"resource": pod.resource.address,
		"attribute": array.concat(pod.path, ["hostNetwork"]),
	}
}
