# METADATA
# title: Container has no CPU or memory limit
# description: |
#   Reports every container and init container without resources.limits.cpu or
#   resources.limits.memory (the message says which is missing). A limit set in the pod-level
#   resources (spec.resources.limits) counts for every container of the pod. Ephemeral
#   containers are skipped: the API does not allow resources on them. Limits a LimitRange
#   would inject at admission are not visible in the manifest and are not considered.
# custom:
#   id: RMP-K8S-011
#   severity: medium
#   category: Compute
#   risk: |
#     A container without limits can use all the CPU and memory of its node: a bug, a load
#     spike or an attacker (cryptomining, memory exhaustion) starves or evicts the other pods
#     on the node, turning one compromised or faulty workload into a denial of service.
#   remediation: |
#     Set resources.limits.cpu and resources.limits.memory on every container (and matching
#     requests), sized from observed usage.
#   references:
#     - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
#     - https://kubernetes.io/docs/concepts/policy/limit-range/
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.pods.resource_limits

import data.rampart.lib.kubernetes as k8s

_labels := {"cpu": "CPU", "memory": "memory"}

deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	not c.ephemeral
	missing := [_labels[res] | some res in ["cpu", "memory"]; not _limited(c, res)]
	count(missing) > 0
	result := {
		"msg": sprintf("Container %q has no %s %s (resources.limits).", [
			k8s.container_name(c),
			concat(" or ", missing),
			_plural(missing),
		]),
		"resource": c.resource.address,
		"attribute": _attribute(c),
	}
}

_limited(c, res) if _set(c.container.resources.limits[res])

_limited(c, res) if _set(c.pod_spec.resources.limits[res])

_set(value) if {
	value != null
	value != ""
}

_plural(missing) := "limit" if count(missing) == 1

_plural(missing) := "limits" if count(missing) > 1

# A limits map that exists but is incomplete is the offending key; otherwise the container.
_attribute(c) := array.concat(c.path, ["resources", "limits"]) if {
	is_object(c.container.resources.limits)
} else := c.path
