# METADATA
# title: Container runs without a seccomp profile
# description: |
#   Reports every container, init container and ephemeral container whose effective seccomp
#   profile (securityContext.seccompProfile of the container, else of the pod) is not
#   RuntimeDefault or Localhost: missing, Unconfined, or without a type.
#   The deprecated annotations seccomp.security.alpha.kubernetes.io/pod and
#   container.seccomp.security.alpha.kubernetes.io/<name> are not accepted: Kubernetes 1.27
#   removed them and ignores them, so a pod that only has the annotation runs Unconfined;
#   the finding then points at the annotation. Windows pods (spec.os.name: windows) are
#   skipped: seccomp is Linux only.
# custom:
#   id: RMP-K8S-014
#   severity: medium
#   category: Compute
#   risk: |
#     Without a seccomp filter every system call of the kernel is reachable from the
#     container, including rarely used ones (keyctl, unshare, bpf, userfaultfd, ...) behind
#     many kernel privilege-escalation exploits and container escapes.
#   remediation: |
#     Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a
#     reviewed profile), and remove Unconfined overrides and legacy seccomp annotations.
#   references:
#     - https://kubernetes.io/docs/tutorials/security/seccomp/
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.7.2"]}
#   aliases:
#     checkov: [CKV_K8S_31]
#     trivy: [AVD-KSV-0030, KSV030, AVD-KSV-0104, KSV104]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.pods.seccomp

import data.rampart.lib.kubernetes as k8s

_allowed := {"RuntimeDefault", "Localhost"}

_pod_annotation := "seccomp.security.alpha.kubernetes.io/pod"

_container_annotation_prefix := "container.seccomp.security.alpha.kubernetes.io/"

# A profile field is in effect but its type is not allowed.
deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	not _windows(c)
	profile := k8s.security_context(c, "seccompProfile")
	not _allowed_profile(profile)
	path := k8s.security_context_path(c, "seccompProfile")
	result := {
		"msg": sprintf("Container %q has seccomp profile type %s; RuntimeDefault or Localhost is required.", [k8s.container_name(c), _type_text(profile)]),
		"resource": c.resource.address,
		"attribute": _type_path(profile, path),
	}
}

# No profile field at either level.
deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	not _windows(c)
	not k8s.security_context(c, "seccompProfile")
	finding := _missing(c)
	result := {
		"msg": sprintf("Container %q %s.", [k8s.container_name(c), finding.why]),
		"resource": c.resource.address,
		"attribute": finding.attribute,
	}
}

_missing(c) := {
	"why": sprintf("has no securityContext.seccompProfile; its seccomp annotation %q is ignored since Kubernetes 1.27, so it runs Unconfined", [key]),
	"attribute": array.concat(meta_path, ["annotations", key]),
} if {
	meta_path := k8s.pod_metadata_path(c.pod_path)
	key := concat("", [_container_annotation_prefix, c.container.name])
	object.get(c.resource.config, array.concat(meta_path, ["annotations", key]), null) != null
} else := {
	"why": sprintf("has no securityContext.seccompProfile; the pod annotation %q is ignored since Kubernetes 1.27, so it runs Unconfined", [_pod_annotation]),
	"attribute": array.concat(meta_path, ["annotations", _pod_annotation]),
} if {
	meta_path := k8s.pod_metadata_path(c.pod_path)
	object.get(c.resource.config, array.concat(meta_path, ["annotations", _pod_annotation]), null) != null
} else := {
	"why": "runs without a seccomp profile (no securityContext.seccompProfile on the container or its pod)",
	"attribute": c.path,
}

# A helper, not `not profile.type in _allowed`: OPA evaluates the profile.type reference
# before the negation (open-policy-agent/opa#1877), so a missing type would be undefined.
_allowed_profile(profile) if profile.type in _allowed

_windows(c) if c.pod_spec.os.name == "windows"

_type_text(profile) := sprintf("%q", [profile.type]) if profile.type != null

_type_text(profile) := "(none)" if not _has_type(profile)

_has_type(profile) if profile.type != null

_type_path(profile, path) := array.concat(path, ["type"]) if _has_type(profile)

_type_path(profile, path) := path if not _has_type(profile)
