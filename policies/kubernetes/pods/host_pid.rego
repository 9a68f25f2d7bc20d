# METADATA
# title: Pod shares the host process ID namespace
# description: |
#   Reports workloads whose pod spec sets hostPID: true.
# custom:
#   id: RMP-K8S-008
#   severity: high
#   category: Compute
#   risk: |
#     The pod sees every process on the node, can read their environment and command lines
#     (often holding secrets) and, with SYS_PTRACE or as root, inspect or signal them; it is a
#     common step of container escapes (nsenter into PID 1).
#   remediation: |
#     Remove hostPID or set it to false.
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.2.3"]}
#   aliases:
#     checkov: [CKV_K8S_17]
#     trivy: [AVD-KSV-0010, KSV010]
#     kics: [302736f4-b16c-41b8-befe-c0baffa0bd9d]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job,
#     CronJob]
package rampart.kubernetes.pods.host_pid

import data.rampart.lib.kubernetes as k8s

deny contains result if {
	input.kind == "kubernetes"
	some pod in k8s.pods
	pod.spec.hostPID == true
	result := {
		"msg": sprintf("%s %q shares the node's process ID namespace (hostPID: true).", [pod.resource.type, k8s.name(pod.resource)]),
		"resource": pod.resource.address,
		"attribute": array.concat(pod.path, ["hostPID"]),
	}
}
