# METADATA
# title: Base image not pinned to a version
# description: >-
#   Checks the FROM of every build stage. A stage fails when its base image has no tag and no digest
#   (which means `latest`) or is tagged `latest` without a digest. `scratch`, stages built on an
#   earlier stage (`FROM build`), and bases whose name comes from a build argument without default
#   (the value is unknown) are not judged.
# custom:
#   id: RMP-DOCKER-004
#   severity: medium
#   category: Compute
#   risk: >-
#     `latest` is whatever the publisher (or anyone who takes over the repository or tag) pushed
#     last: each build can silently pull a different, unreviewed base with new vulnerabilities or
#     malicious content, and a build cannot be reproduced or traced to the base it used.
#   remediation: >-
#     Pin the base to a specific version tag (`FROM python:3.12.4-slim-bookworm`) and preferably to
#     a digest (`FROM python:3.12.4-slim-bookworm@sha256:<digest>`); let a dependency bot
#     (Dependabot, Renovate) propose updates so they are reviewed.
#   references:
#     - https://docs.docker.com/reference/dockerfile/#from
#     - https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
#   aliases:
#     checkov: [CKV_DOCKER_7]
#     trivy: [AVD-DS-0001, DS001]
#     kics: [f45ea400-6bbe-4501-9fc7-1c3d75c32067]
#   applies_to:
#     kinds: [dockerfile]
#     types: [stage]
package rampart.docker.dockerfile.base_image_latest

import data.rampart.lib.docker

deny contains result if {
	input.kind == "dockerfile"
	some r in docker.stages
	not r.config.from_stage
	not "base_image" in r.unknown
	lower(r.config.base_image) != "scratch"
	not contains(r.config.base_image, "$")
	image := r.config.image
	object.get(image, "digest", "") == ""
	reason := _unpinned(object.get(image, "tag", ""))
	result := {
		"msg": sprintf("stage %s is built FROM %q, %s", [r.address, r.config.base_image, reason]),
		"resource": r.address,
		"attribute": ["base_image"],
	}
}

_unpinned("") := "which has no tag or digest and resolves to latest"

_unpinned(tag) := "which uses the mutable latest tag" if lower(tag) == "latest"
