# METADATA
# title: Container does not drop all capabilities
# description: |
#   Reports every container, init container and ephemeral container whose
#   securityContext.capabilities.drop does not contain "ALL". Without it the container keeps
#   the runtime's default capability set (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID,
#   NET_RAW, ...). The match is exact ("ALL"), as in the Pod Security Standards.
# custom:
#   id: RMP-K8S-005
#   severity: medium
#   category: Compute
#   risk: |
#     Default capabilities such as NET_RAW (packet crafting, ARP/DNS spoofing inside the node
#     network), DAC_OVERRIDE and SETUID widen what a compromised process can do and give
#     kernel exploits more to work with.
#   remediation: |
#     Set securityContext.capabilities.drop: ["ALL"] and add back only the capabilities the
#     process needs (usually none, sometimes NET_BIND_SERVICE).
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
#     - https://man7.org/linux/man-pages/man7/capabilities.7.html
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.2.10"]}
#   aliases:
#     checkov: [CKV_K8S_37]
#     trivy: [AVD-KSV-0003, KSV003, AVD-KSV-0106, KSV106]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.pods.capabilities_drop_all

import data.rampart.lib.kubernetes as k8s

# A drop list exists but lacks "ALL": point at the list.
deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	drop := c.container.securityContext.capabilities.drop
	drop != null
	not _drops_all(drop)
	result := {
		"msg": sprintf("Container %q drops some capabilities but not \"ALL\" (securityContext.capabilities.drop).", [k8s.container_name(c)]),
		"resource": c.resource.address,
		"attribute": array.concat(c.path, ["securityContext", "capabilities", "drop"]),
	}
}

# No drop list at all: point at the container.
deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	not _has_drop(c)
	result := {
		"msg": sprintf("Container %q does not drop capabilities (securityContext.capabilities.drop: [\"ALL\"] is missing).", [k8s.container_name(c)]),
		"resource": c.resource.address,
		"attribute": c.path,
	}
}

_has_drop(c) if c.container.securityContext.capabilities.drop != null

_drops_all(drop) if {
	is_array(drop)
	"ALL" in drop
}
