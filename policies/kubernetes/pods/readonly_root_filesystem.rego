# METADATA
# title: Container root filesystem is writable
# description: |
#   Reports every container, init container and ephemeral container whose
#   securityContext.readOnlyRootFilesystem is not true (the default is a writable root
#   filesystem).
# custom:
#   id: RMP-K8S-004
#   severity: medium
#   category: Compute
#   risk: |
#     A writable root filesystem lets an attacker who gets code execution drop tools, replace
#     binaries or libraries of the running application, and persist until the container is
#     recreated.
#   remediation: |
#     Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir volume at the
#     paths the process must write to (for example /tmp).
#   references:
#     - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#     - https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
#   aliases:
#     checkov: [CKV_K8S_22]
#     trivy: [AVD-KSV-0014, KSV014]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.pods.readonly_root_filesystem

import data.rampart.lib.kubernetes as k8s

# Set, but not true: point at the value.
deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	value := c.container.securityContext.readOnlyRootFilesystem
	value != null
	value != true
	result := {
		"msg": sprintf("Container %q sets securityContext.readOnlyRootFilesystem to %v; its root filesystem is writable.", [k8s.container_name(c), value]),
		"resource": c.resource.address,
		"attribute": array.concat(c.path, ["securityContext", "readOnlyRootFilesystem"]),
	}
}

# Missing: the root filesystem is writable by default. Point at the container.
deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	not _set(c)
	result := {
		"msg": sprintf("Container %q does not set securityContext.readOnlyRootFilesystem: true; its root filesystem is writable.", [k8s.container_name(c)]),
		"resource": c.resource.address,
		"attribute": c.path,
	}
}

_set(c) if c.container.securityContext.readOnlyRootFilesystem != null
