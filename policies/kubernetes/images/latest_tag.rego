# METADATA
# title: Container image is not pinned (latest or no tag)
# description: |
#   Reports every container, init container and ephemeral container whose image has the tag
#   "latest" or no tag at all (which means latest), and no digest. The tag is read from the
#   last path component only, so a registry port is not a tag (localhost:5000/app has no
#   tag). An image with a digest (app@sha256:..., app:1.2@sha256:...) is pinned and passes.
#   Images written as unresolved template placeholders (${...}, {{ ... }}) are skipped.
# custom:
#   id: RMP-K8S-016
#   severity: medium
#   category: Compute
#   risk: |
#     "latest" points at whatever was pushed last: a rollout or a rescheduled pod can silently
#     run a different, untested or compromised image, different nodes may run different
#     versions, and a vulnerable release cannot be traced or rolled back reliably.
#   remediation: |
#     Reference images by an immutable version tag, preferably by digest
#     (registry/app:1.4.2@sha256:...), and update them deliberately.
#   references:
#     - https://kubernetes.io/docs/concepts/containers/images/#image-names
#     - https://kubernetes.io/docs/concepts/configuration/overview/#container-images
#   aliases:
#     checkov: [CKV_K8S_14]
#     trivy: [AVD-KSV-0013, KSV013]
#   applies_to:
#     kinds: [kubernetes]
#     types: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob]
package rampart.kubernetes.images.latest_tag

import data.rampart.lib.kubernetes as k8s

deny contains result if {
	input.kind == "kubernetes"
	some c in k8s.containers
	image := c.container.image
	is_string(image)
	trim_space(image) != ""
	not _templated(image)
	not _has_digest(image)
	problem := _problem(_tag(image))
	result := {
		"msg": sprintf("Container %q uses image %q, which %s; pin a version tag or a digest.", [k8s.container_name(c), image, problem]),
		"resource": c.resource.address,
		"attribute": array.concat(c.path, ["image"]),
	}
}

_templated(image) if contains(image, "${")

_templated(image) if contains(image, "{{")

_has_digest(image) if regex.match(`@[A-Za-z][A-Za-z0-9]*([+._-][A-Za-z][A-Za-z0-9]*)*:[0-9A-Za-z=_-]{32,}$`, image)

# The tag is after the last ":" of the last path component ("" when there is none).
_tag(image) := tag if {
	parts := split(trim_space(image), "/")
	last := parts[count(parts) - 1]
	tail := split(last, ":")
	count(tail) > 1
	tag := tail[count(tail) - 1]
} else := ""

_problem("") := "has no tag and so resolves to latest"

_problem("latest") := "uses the mutable latest tag"
