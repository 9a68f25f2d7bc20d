# METADATA
# title: Image runs as root
# description: >-
#   Checks the final build stage for the user its container runs as. The stage fails when no USER
#   instruction is in effect (its own, or one inherited from the stage it is built on with `FROM
#   <stage>`), so the image's processes run as root unless the base image says otherwise, or when
#   the USER in effect is root (`root`, `0`, `root:<group>`, `0:<group>`). A USER whose value is an
#   unresolved variable (`USER $APP_USER`) is not judged. Bases whose tag says they run as nonroot
#   (distroless `:nonroot`, `:debug-nonroot`) pass without a USER.
# custom:
#   id: RMP-DOCKER-001
#   severity: high
#   category: Compute
#   risk: >-
#     A process that runs as root inside the container is root on the host's kernel: an attacker who
#     gains code execution can modify every file of the image, reach mounted volumes and sockets
#     with full rights, and needs only one kernel or runtime flaw to escape to the host.
#   remediation: >-
#     Create an unprivileged user (`RUN useradd --system --uid 10001 app` or `adduser -S app`) and
#     end the final stage with `USER app` (or a numeric `USER 10001:10001`, which Kubernetes can
#     verify with runAsNonRoot). Do the steps that need root before the USER instruction.
#   references:
#     - https://docs.docker.com/reference/dockerfile/#user
#     - https://docs.docker.com/build/building/best-practices/#user
#     - https://www.cisecurity.org/benchmark/docker
#   frameworks:
#     cis-docker: {"1.6.0": ["4.1"]}
#   aliases:
#     checkov: [CKV_DOCKER_3, CKV_DOCKER_8]
#     trivy: [AVD-DS-0002, DS002]
#     kics: [fd54f200-402c-4333-a5a4-36ef6709af2f]
#   applies_to:
#     kinds: [dockerfile]
#     types: [stage]
package rampart.docker.dockerfile.root_user

import data.rampart.lib.docker

# The final stage sets no USER, and neither does any stage it is built on.
deny contains result if {
	input.kind == "dockerfile"
	final := docker.final_stage
	not docker.effective_instruction(final, "user")
	not _nonroot_base(final)
	result := {
		"msg": sprintf("final stage %s sets no USER: %s", [final.address, _no_user_consequence(final)]),
		"resource": final.address,
	}
}

# The final stage's own last USER is root.
deny contains result if {
	input.kind == "dockerfile"
	final := docker.final_stage
	u := docker.effective_instruction(final, "user")
	u.resource.address == final.address
	is_root(user_value(u.instruction))
	result := {
		"msg": sprintf("final stage %s switches to USER %q as its last user: its container runs as root", [final.address, user_value(u.instruction)]),
		"resource": final.address,
		"attribute": u.path,
	}
}

# The final stage sets no USER and inherits root from the stage it is built on.
deny contains result if {
	input.kind == "dockerfile"
	final := docker.final_stage
	u := docker.effective_instruction(final, "user")
	u.resource.address != final.address
	is_root(user_value(u.instruction))
	result := {
		"msg": sprintf("final stage %s sets no USER and inherits USER %q from stage %s: its container runs as root", [final.address, user_value(u.instruction), u.resource.address]),
		"resource": final.address,
	}
}

# The base image is not named: a tag bump must not change the finding's fingerprint.
_no_user_consequence(final) := "its container runs as root" if {
	lower(docker.base_stage(final).config.base_image) == "scratch"
} else := "its container runs as root unless its base image sets a user"

# user_value(ins): the argument of a USER instruction.
user_value(ins) := trim_space(concat(" ", docker.values(ins)))

# is_root(v): the USER value names uid 0, whatever the group.
# An unresolved variable (`USER $APP_UID`) never equals these and is not judged.
is_root(v) if {
	user := lower(trim_space(split(v, ":")[0]))
	_root_user(user)
}

_root_user("root")

_root_user(u) if regex.match(`^0+$`, u)

# Images published to run unprivileged by default carry it in their tag (gcr.io/distroless/*:nonroot).
_nonroot_base(final) if {
	base := docker.base_stage(final)
	base.config.from_stage != true
	contains(lower(base.config.image.tag), "nonroot")
}
