# METADATA
# title: Container allows privilege escalation
# description: |
#   Reports every container, init container and ephemeral container whose
#   securityContext.allowPrivilegeEscalation is not explicitly false. Kubernetes defaults the
#   field to true, so a missing value is a finding.
# custom:
#   id: RMP-K8S-002
#   severity: high
#   category: Compute
#   risk: |
#     Without no_new_privs a process can gain privileges it was not started with, through
#     setuid/setgid binaries or file capabilities in the image, turning a foothold in an
#     unprivileged process into root inside the container.
#   remediation: Set securityContext.allowPrivilegeEscalation to false on every container.
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.2.6"]}
#   aliases:
#     checkov: [CKV_K8S_20]
#     trivy: [AVD-KSV-0001, KSV001]
#     kics: [5572cc5e-1e4c-4113-92a6-7a8a3bd25e6d]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.pods.privilege_escalation

import data.rampart.lib.kubernetes as k8s

# The value is set but is not false (true, or not a boolean): point at it.
deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	value := c.container.securityContext.allowPrivilegeEscalation
	value != null
	value != false
	result := {
		"msg": sprintf("Container %q sets securityContext.allowPrivilegeEscalation to %v; it must be false.", [k8s.container_name(c), value]),
		"resource": c.resource.address,
		"attribute": array.concat(c.path, ["securityContext", "allowPrivilegeEscalation"]),
	}
}

# The value is missing (or null): Kubernetes defaults it to true. Point at the container.
deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	not _set(c)
	result := {
		"msg": sprintf("Container %q does not set securityContext.allowPrivilegeEscalation to false (it defaults to true).", [k8s.container_name(c)]),
		"resource": c.resource.address,
		"attribute": c.path,
	}
}

_set(c) if c.container.securityContext.allowPrivilegeEscalation != null
