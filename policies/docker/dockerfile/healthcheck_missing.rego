# METADATA
# title: Image defines no HEALTHCHECK
# description: >-
#   Checks that the final build stage has a HEALTHCHECK in effect: its own, or one inherited from
#   the stage it is built on with `FROM <stage>`. The stage fails when there is none, or when the
#   HEALTHCHECK in effect is `HEALTHCHECK NONE`. A health check inherited from an external base
#   image cannot be seen in the Dockerfile, so such images fail too; declare the check explicitly.
# custom:
#   id: RMP-DOCKER-003
#   severity: low
#   category: Compute
#   risk: >-
#     Without a health check Docker and Swarm only notice that a container died, not that it hangs
#     or stopped serving, so a wedged or resource-exhausted service (for instance after a
#     denial-of-service attempt) keeps receiving traffic and is never restarted.
#   remediation: >-
#     Add a HEALTHCHECK to the final stage that probes the service, e.g. `HEALTHCHECK --interval=30s
#     --timeout=3s CMD wget -qO- http://localhost:8080/healthz || exit 1`, and remove `HEALTHCHECK
#     NONE`. Images without a shell or probe tool can ship a small health-check binary.
#     Orchestrators with their own probes (Kubernetes) ignore HEALTHCHECK; keep it for plain Docker
#     and Compose users.
#   references:
#     - https://docs.docker.com/reference/dockerfile/#healthcheck
#     - https://www.cisecurity.org/benchmark/docker
#   frameworks:
#     cis-docker: {"1.6.0": ["4.6"]}
#   aliases:
#     checkov: [CKV_DOCKER_2]
#     trivy: [AVD-DS-0026, DS026]
#     kics: [b03a748a-542d-44f4-bb86-9199ab4fd2d5]
#   applies_to:
#     kinds: [dockerfile]
#     types: [stage]
package rampart.docker.dockerfile.healthcheck_missing

import data.rampart.lib.docker

# No stage of the final stage's lineage declares a HEALTHCHECK.
deny contains result if {
	input.kind == "dockerfile"
	final := docker.final_stage
	not docker.effective_instruction(final, "healthcheck")
	result := {
		"msg": sprintf("final stage %s defines no HEALTHCHECK", [final.address]),
		"resource": final.address,
	}
}

# The final stage disables the health check itself.
deny contains result if {
	input.kind == "dockerfile"
	final := docker.final_stage
	h := docker.effective_instruction(final, "healthcheck")
	h.resource.address == final.address
	is_none(h.instruction)
	result := {
		"msg": sprintf("final stage %s disables the health check with HEALTHCHECK NONE", [final.address]),
		"resource": final.address,
		"attribute": h.path,
	}
}

# The final stage inherits HEALTHCHECK NONE from the stage it is built on.
deny contains result if {
	input.kind == "dockerfile"
	final := docker.final_stage
	h := docker.effective_instruction(final, "healthcheck")
	h.resource.address != final.address
	is_none(h.instruction)
	result := {
		"msg": sprintf("final stage %s inherits HEALTHCHECK NONE from stage %s", [final.address, h.resource.address]),
		"resource": final.address,
	}
}

# is_none(ins): HEALTHCHECK NONE.
is_none(ins) if upper(trim_space(docker.values(ins)[0])) == "NONE"
