# METADATA
# title: Service account token is mounted automatically
# description: |
#   Reports workloads and ServiceAccounts that leave API credentials mounted by default:
#   - a workload whose pod spec sets automountServiceAccountToken to anything but false, or
#     leaves it unset while no ServiceAccount in the same document (same name and namespace
#     as the pod's service account) sets automountServiceAccountToken: false;
#   - a ServiceAccount object that does not set automountServiceAccountToken: false, since
#     every pod using it then gets its token unless the pod opts out.
#   The pod-level setting wins over the ServiceAccount's. A ServiceAccount defined in another
#   file is not seen, so a workload relying on it is reported: set the field on the pod too.
# custom:
#   id: RMP-K8S-013
#   severity: medium
#   category: IAM
#   risk: |
#     The mounted token lets anyone who gets code execution in the pod (or reads its
#     filesystem through a path traversal) call the Kubernetes API with the service account's
#     permissions: read secrets, create pods, or move laterally.
#   remediation: |
#     Set automountServiceAccountToken: false on ServiceAccounts and on pod specs that do not
#     call the Kubernetes API; for those that do, set it to true on the pod only and give the
#     service account the least RBAC it needs.
#   references:
#     - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
#     - https://kubernetes.io/docs/concepts/security/service-accounts/
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.1.6"]}
#   aliases:
#     checkov: [CKV_K8S_38, CKV_K8S_41]
#     trivy: [AVD-KSV-0036, KSV036]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, ServiceAccount]
package rampart.kubernetes.serviceaccounts.token_automount

import data.rampart.lib.kubernetes as k8s

# ServiceAccounts of this document that opt out, as [namespace, name].
_opted_out contains [k8s.namespace(r), k8s.name(r)] if {
	input.kind == "kubernetes"
	some r in input.resources
	r.type == "ServiceAccount"
	r.config.automountServiceAccountToken == false
}

# Pod spec sets it, to something other than false.
deny contains result if {
	input.kind == "kubernetes"
	some pod in k8s.pods
	value := pod.spec.automountServiceAccountToken
	value != null
	value != false
	result := {
		"msg": sprintf("%s %q mounts the token of service account %q (automountServiceAccountToken: %v).", [
			pod.resource.type, k8s.name(pod.resource), k8s.service_account(pod.spec), value,
		]),
		"resource": pod.resource.address,
		"attribute": array.concat(pod.path, ["automountServiceAccountToken"]),
	}
}

# Pod spec leaves it unset and its ServiceAccount is not in this document with false.
deny contains result if {
	input.kind == "kubernetes"
	some pod in k8s.pods
	not _pod_sets(pod.spec)
	account := k8s.service_account(pod.spec)
	key := [k8s.namespace(pod.resource), account]
	not key in _opted_out
	result := {
		"msg": sprintf("%s %q does not set automountServiceAccountToken: false, so the token of service account %q is mounted.", [
			pod.resource.type, k8s.name(pod.resource), account,
		]),
		"resource": pod.resource.address,
		"attribute": pod.path,
	}
}

# ServiceAccount does not opt out.
deny contains result if {
	input.kind == "kubernetes"
	some r in input.resources
	r.type == "ServiceAccount"
	not r.config.automountServiceAccountToken == false
	result := object.union(
		{
			"msg": sprintf("ServiceAccount %q does not set automountServiceAccountToken: false, so its token is mounted into every pod that uses it.", [k8s.name(r)]),
			"resource": r.address,
		},
		_sa_attribute(r),
	)
}

_pod_sets(spec) if spec.automountServiceAccountToken != null

_sa_attribute(r) := {"attribute": ["automountServiceAccountToken"]} if {
	r.config.automountServiceAccountToken != null
} else := {}
