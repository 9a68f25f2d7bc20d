# METADATA
# title: sudo used in RUN
# description: >-
#   Checks the RUN instructions of every stage (shell and exec form, heredoc scripts, ONBUILD RUN,
#   every command of a list or pipeline, and `sh -c` scripts) for commands run through sudo.
#   Installing the sudo package is not flagged; invoking it is.
# custom:
#   id: RMP-DOCKER-008
#   severity: medium
#   category: Compute
#   risk: >-
#     sudo in a build means the image ships sudo and a sudoers rule that lets its runtime user
#     become root: any code execution in the container is then one command away from root. sudo also
#     behaves unpredictably without a TTY and with signal forwarding, which hides failed build
#     steps.
#   remediation: >-
#     Run the steps that need root before switching users (RUN instructions run as root until a USER
#     instruction), or switch explicitly with `USER root` ... `USER app` around them. Do not install
#     sudo or grant NOPASSWD rules in the image; if the entrypoint must drop privileges at start,
#     use gosu or su-exec.
#   references:
#     - https://docs.docker.com/build/building/best-practices/#user
#     - https://docs.docker.com/reference/dockerfile/#user
#   aliases:
#     checkov: [CKV2_DOCKER_1]
#     trivy: [AVD-DS-0010, DS010]
#     kics: [8ada6e80-0ade-439e-b176-0b28f6bce35a]
#   applies_to:
#     kinds: [dockerfile]
#     types: [stage]
package rampart.docker.dockerfile.sudo_in_run

import data.rampart.lib.docker

deny contains result if {
	input.kind == "dockerfile"
	some result in docker.results(_found)
}

_found contains [x, msg] if {
	input.kind == "dockerfile"
	some x in docker.runs
	programs := {_sudo_target(c) | some c in docker.sub_commands(x.script); uses_sudo(c)}
	count(programs) > 0
	msg := sprintf("%s in %s runs %s with sudo", [_name(x), x.resource.address, concat(", ", sort(programs))])
}

_name(x) := "ONBUILD RUN" if x.onbuild

else := "RUN"

# the program sudo runs (its base name), or "commands" for a bare `sudo -i` / `sudo -s`
_sudo_target(cmd) := docker.program(cmd) if docker.argv(cmd)

else := "commands"

# uses_sudo(cmd): the command's program, after wrappers other than sudo, is sudo.
uses_sudo(cmd) if docker.basename(docker.argv_keep_sudo(cmd)[0]) == "sudo"
