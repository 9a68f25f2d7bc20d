# METADATA
# title: Pod mounts a hostPath volume
# description: |
#   Reports every volume of a workload's pod spec that is a hostPath volume, whatever the
#   path or whether it is mounted read-only.
# custom:
#   id: RMP-K8S-010
#   severity: high
#   category: Data
#   risk: |
#     A hostPath volume exposes the node's filesystem to the pod. Writable mounts of paths such
#     as /, /etc, /var/lib/kubelet or the container runtime socket are a direct node takeover;
#     even read-only mounts leak credentials, kubelet certificates and other pods' data.
#   remediation: |
#     Replace the hostPath volume with a persistentVolumeClaim, configMap, secret, emptyDir or
#     CSI volume. If node access is unavoidable (node agents), restrict it to the narrowest
#     path, mount it readOnly and isolate the workload in a dedicated namespace.
#   references:
#     - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   frameworks:
#     cis-kubernetes: {"1.8.0": ["5.2.12"]}
#   aliases:
#     trivy: [AVD-KSV-0023, KSV023]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.pods.host_path

import data.rampart.lib.kubernetes as k8s

deny contains result if {
	input.kind == "kubernetes"
	some pod in k8s.pods
	volumes := pod.spec.volumes
	is_array(volumes)
	some i, volume in volumes
	volume.hostPath != null
	result := {
		"msg": sprintf("Volume %q mounts the node path %s (hostPath).", [_volume_name(volume, i), _node_path(volume)]),
		"resource": pod.resource.address,
		"attribute": array.concat(pod.path, ["volumes", i, "hostPath"]),
	}
}

_volume_name(volume, i) := volume.name if {
	is_string(volume.name)
} else := sprintf("volumes[%d]", [i])

_node_path(volume) := sprintf("%q", [volume.hostPath.path]) if {
	is_string(volume.hostPath.path)
} else := "(no path given)"
