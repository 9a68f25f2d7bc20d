# METADATA
# title: Pod shares the host IPC namespace
# description: |
#   Reports workloads whose pod spec sets hostIPC: true.
# custom:
#   id: RMP-K8S-009
#   severity: high
#   category: Compute
#   risk: |
#     The pod can read and write System V shared memory and message queues of every process on
#     the node, leaking or tampering with data exchanged by host processes and other host-IPC
#     pods.
#   remediation: |
#     Remove hostIPC or set it to false.
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.2.4"]}
#   aliases:
#     checkov: [CKV_K8S_18]
#     trivy: [AVD-KSV-0008, KSV008]
#     kics: [cd290efd-6c82-4e9d-a698-be12ae31d536]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job,
#     CronJob]
package rampart.kubernetes.pods.host_ipc

import data.rampart.lib.kubernetes as k8s

deny contains result if {
	input.kind == "kubernetes"
	some pod in k8s.pods
	pod.spec.hostIPC == true
	result := {
		"msg": sprintf("%s %q shares the node's IPC namespace (hostIPC: true).", [pod.resource.type, k8s.name(pod.resource)]),
		"resource": pod.resource.address,
		"attribute": array.concat(pod.path, ["hostIPC"]),
	}
}
