# METADATA
# title: Container runs privileged
# description: |
#   Reports every container, init container and ephemeral container whose
#   securityContext.privileged is true.
# custom:
#   id: RMP-K8S-001
#   severity: critical
#   category: Compute
#   risk: |
#     A privileged container gets every Linux capability, all host devices and no seccomp or
#     AppArmor confinement. Code running in it (a compromised app, a malicious image) can mount
#     the node's disks, load kernel modules and take over the node and every pod on it.
#   remediation: |
#     Remove securityContext.privileged or set it to false, and grant only the specific
#     capabilities the process needs (securityContext.capabilities.add).
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#     - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.2.2"]}
#   aliases:
#     checkov: [CKV_K8S_16]
#     trivy: [AVD-KSV-0017, KSV017]
#     kics: [dd29336b-fe57-445b-a26e-e6aa867ae609]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.pods.privileged

import data.rampart.lib.kubernetes as k8s

deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	c.container.securityContext.privileged == true
	result := {
		"msg": sprintf("Container %q runs privileged (securityContext.privileged: true).", [k8s.container_name(c)]),
		"resource": c.resource.address,
		"attribute": array.concat(c.path, ["securityContext", "privileged"]),
	}
}
