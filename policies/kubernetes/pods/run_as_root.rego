# METADATA
# title: Container may run as root
# description: |
#   Reports every container, init container and ephemeral container that may run as UID 0:
#   its effective runAsUser (container securityContext, else pod securityContext) is 0, or
#   neither runAsNonRoot: true nor a non-zero runAsUser is in effect, so the image's USER
#   decides and that is root for most images.
# custom:
#   id: RMP-K8S-003
#   severity: high
#   category: Compute
#   risk: |
#     Root in a container is root on the node for every resource the container can reach:
#     writable hostPath or volume mounts, the container runtime socket, and any kernel or
#     runtime escape. It also lets a compromised process rewrite the container's own binaries.
#   remediation: |
#     Set securityContext.runAsNonRoot: true (pod or container level) and a non-zero
#     runAsUser, and build the image with a non-root USER.
#   references:
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#     - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.2.7"]}
#   aliases:
#     checkov: [CKV_K8S_23]
#     trivy: [AVD-KSV-0012, KSV012, AVD-KSV-0105, KSV105]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.pods.run_as_root

import data.rampart.lib.kubernetes as k8s

deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	finding := _finding(c)
	result := {
		"msg": sprintf("Container %q %s.", [k8s.container_name(c), finding.why]),
		"resource": c.resource.address,
		"attribute": finding.attribute,
	}
}

# Explicit root: runAsUser 0 wins over runAsNonRoot (the kubelet would refuse to start it
# with runAsNonRoot: true, but the manifest still asks for root).
_finding(c) := {
	"why": "runs as root (runAsUser: 0)",
	"attribute": k8s.security_context_path(c, "runAsUser"),
} if {
	k8s.security_context(c, "runAsUser") == 0
} else := {
	"why": "may run as root: runAsNonRoot is false and no non-zero runAsUser is set",
	"attribute": k8s.security_context_path(c, "runAsNonRoot"),
} if {
	not _non_root_uid(c)
	k8s.security_context(c, "runAsNonRoot") == false
} else := {
	"why": "may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set for it or its pod",
	"attribute": c.path,
} if {
	not _non_root_uid(c)
	not _run_as_non_root(c)
}

# Helpers keep calls out of negated expressions: OPA evaluates a call nested in a `not`
# expression before the negation (open-policy-agent/opa#1877), so `not f(x) == v` would be
# undefined, not true, when f(x) is undefined.
_run_as_non_root(c) if k8s.security_context(c, "runAsNonRoot") == true

_non_root_uid(c) if {
	uid := k8s.security_context(c, "runAsUser")
	is_number(uid)
	uid > 0
}
