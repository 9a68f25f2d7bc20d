# Kubernetes helpers for rules (not a rule: no METADATA, no deny).
#
# Shared views of a Kubernetes document: its workloads, their pod specs and every container
# they run, each with its path inside the resource's config so a rule can point a finding at
# the offending key. The sets are partial rules, so OPA computes each once per input and
# caches it for every rule that reads it; all are empty unless input.kind == "kubernetes".
package rampart.lib.kubernetes

# Kinds that embed a pod template, mapped to the path of the pod spec inside the object.
pod_spec_paths := {
	"Pod": ["spec"],
	"Deployment": ["spec", "template", "spec"],
	"StatefulSet": ["spec", "template", "spec"],
	"DaemonSet": ["spec", "template", "spec"],
	"ReplicaSet": ["spec", "template", "spec"],
	"ReplicationController": ["spec", "template", "spec"],
	"Job": ["spec", "template", "spec"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
}

# The workload kinds: every kind whose objects run pods.
workload_kinds := {kind | some kind, _ in pod_spec_paths}

# Container lists of a pod spec, with the flags every container entry carries.
container_fields := {
	"containers": {"init": false, "ephemeral": false},
	"initContainers": {"init": true, "ephemeral": false},
	"ephemeralContainers": {"init": false, "ephemeral": true},
}

# is_workload(r) is true when resource r (an element of input.resources) is a workload kind.
is_workload(r) if pod_spec_paths[r.type]

# pod_spec_path(r) is the path of r's pod spec inside r.config (undefined for other kinds).
pod_spec_path(r) := pod_spec_paths[r.type]

# pod_spec(r) is r's pod spec, undefined when r is not a workload or has no pod spec object.
pod_spec(r) := spec if {
	spec := object.get(r.config, pod_spec_paths[r.type], null)
	is_object(spec)
}

# name(r) is metadata.name of r, or its address when it has no name.
name(r) := n if {
	n := r.config.metadata.name
	is_string(n)
	n != ""
} else := r.address

# namespace(r) is metadata.namespace of r, or "" when it is not set (the namespace then comes
# from the kubectl context: "default" unless told otherwise).
namespace(r) := ns if {
	ns := r.config.metadata.namespace
	is_string(ns)
	ns != ""
} else := ""

# namespace_or_default(r) is metadata.namespace of r, or "default" when it is not set.
namespace_or_default(r) := ns if {
	ns := namespace(r)
	ns != ""
} else := "default"

# pod_metadata_path(spec_path) is the path of the pod metadata that goes with the pod spec
# at spec_path: ["metadata"] for a Pod, ["spec", "template", "metadata"] for a Deployment.
pod_metadata_path(spec_path) := array.concat(array.slice(spec_path, 0, count(spec_path) - 1), ["metadata"])

# pods: one entry per workload resource of the document that has a pod spec:
#   resource:      the element of input.resources
#   spec:          the pod spec object
#   path:          path of the pod spec inside resource.config
#   metadata:      the pod's metadata (pod template metadata for controllers; {} when absent)
#   metadata_path: path of that metadata inside resource.config
pods[i] := pod if {
	input.kind == "kubernetes"
	some i, r in input.resources
	path := pod_spec_paths[r.type]
	spec := object.get(r.config, path, null)
	is_object(spec)
	meta_path := pod_metadata_path(path)
	meta := object.get(r.config, meta_path, {})
	pod := {
		"resource": r,
		"spec": spec,
		"path": path,
		"metadata": _object_or_empty(meta),
		"metadata_path": meta_path,
	}
}

# containers: one entry per container, init container and ephemeral container of every pod:
#   resource:  the element of input.resources
#   container: the container object
#   path:      path of the container inside resource.config, e.g.
#              ["spec", "template", "spec", "containers", 0]
#   init:      true for initContainers
#   ephemeral: true for ephemeralContainers
#   field:     the list it came from ("containers", "initContainers", "ephemeralContainers")
#   pod_spec:  the pod spec the container belongs to
#   pod_path:  path of that pod spec inside resource.config
containers[[p, field, i]] := entry if {
	some p, pod in pods
	some field, flags in container_fields
	list := pod.spec[field]
	is_array(list)
	some i, container in list
	is_object(container)
	entry := {
		"resource": pod.resource,
		"container": container,
		"path": array.concat(pod.path, [field, i]),
		"init": flags.init,
		"ephemeral": flags.ephemeral,
		"field": field,
		"pod_spec": pod.spec,
		"pod_path": pod.path,
	}
}

# container_name(c) is the name of container entry c, or its path when it has no name.
container_name(c) := n if {
	n := c.container.name
	is_string(n)
	n != ""
} else := concat(".", [sprintf("%v", [p]) | some p in c.path])

# security_context(c, key) is the effective value of securityContext.<key> for container
# entry c: the container's own value when set (not null), else the pod's, else undefined.
# Only meaningful for keys both levels define: runAsNonRoot, runAsUser, runAsGroup,
# seccompProfile, seLinuxOptions, appArmorProfile, windowsOptions.
security_context(c, key) := value if {
	value := c.container.securityContext[key]
	value != null
} else := value if {
	value := c.pod_spec.securityContext[key]
	value != null
}

# security_context_path(c, key) is the path inside resource.config of the securityContext.<key>
# that security_context(c, key) returns (undefined when neither level sets it).
security_context_path(c, key) := array.concat(c.path, ["securityContext", key]) if {
	c.container.securityContext[key] != null
} else := array.concat(c.pod_path, ["securityContext", key]) if {
	c.pod_spec.securityContext[key] != null
}

# service_account(spec) is the service account a pod spec runs as: serviceAccountName, else
# the deprecated serviceAccount, else "default" (what the API server assigns).
service_account(spec) := n if {
	n := spec.serviceAccountName
	is_string(n)
	n != ""
} else := n if {
	n := spec.serviceAccount
	is_string(n)
	n != ""
} else := "default"

# service_account_key(spec) is the pod spec key service_account(spec) came from
# ("serviceAccountName" or "serviceAccount"); undefined when neither is set.
service_account_key(spec) := "serviceAccountName" if {
	n := spec.serviceAccountName
	is_string(n)
	n != ""
} else := "serviceAccount" if {
	n := spec.serviceAccount
	is_string(n)
	n != ""
}

_object_or_empty(x) := x if is_object(x)

_object_or_empty(x) := {} if not is_object(x)
