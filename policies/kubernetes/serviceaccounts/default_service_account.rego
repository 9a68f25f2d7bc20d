# METADATA
# title: Workload uses the default service account
# description: |
#   Reports workloads whose pod spec runs as the namespace's "default" service account:
#   serviceAccountName (or the deprecated serviceAccount) is absent, empty or "default".
# custom:
#   id: RMP-K8S-012
#   severity: medium
#   category: IAM
#   risk: |
#     Every pod of the namespace that names no service account shares the default one, so any
#     RBAC permission granted to it (often added later for one workload) is available to all
#     of them, and a compromised pod cannot be told apart from the others in audit logs.
#   remediation: |
#     Create a dedicated ServiceAccount per workload, grant it only the roles it needs, set
#     spec.serviceAccountName to it, and set automountServiceAccountToken: false on the
#     namespace's default service account.
#   references:
#     - https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
#     - https://kubernetes.io/docs/concepts/security/service-accounts/
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.1.5"]}
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.serviceaccounts.default_service_account

import data.rampart.lib.kubernetes as k8s

deny contains result if {
	input.kind == "kubernetes"
	some pod in k8s.pods
	k8s.service_account(pod.spec) == "default"
	result := {
		"msg": sprintf("%s %q runs as the namespace's default service account.", [pod.resource.type, k8s.name(pod.resource)]),
		"resource": pod.resource.address,
		"attribute": _attribute(pod),
	}
}

# serviceAccountName: default written out: point at it; nothing written: the pod spec.
_attribute(pod) := array.concat(pod.path, [k8s.service_account_key(pod.spec)]) if {
	k8s.service_account_key(pod.spec)
} else := pod.path
