# METADATA
# title: Package manager update without install in the same RUN
# description: >-
#   Checks the RUN instructions of every stage (shell and exec form, heredoc scripts, ONBUILD RUN)
#   for an operating-system package manager update that is not followed by an install of the same
#   package manager in the same RUN: `apt-get update` / `apt update` / `aptitude update` without
#   `install`, `upgrade`, `dist-upgrade` ...; `apk update` without `add` or `upgrade`;
#   `yum`/`dnf`/`microdnf`/`tdnf` `update`, `upgrade`, `makecache` or `check-update` without
#   `install`; `zypper refresh`/`update`/`dist-upgrade` without `install`. `apk add --update` and
#   `apt-get update && apt-get install -y ...` in one RUN pass.
# custom:
#   id: RMP-DOCKER-007
#   severity: low
#   category: Compute
#   risk: >-
#     A RUN that only updates is cached as its own layer: later builds reuse the old package index
#     or the old upgrade, so packages installed in later RUNs come from a stale index (old versions
#     with known vulnerabilities, or install failures) and rebuilds do not pick up security fixes.
#   remediation: >-
#     Update and install in one RUN, and clean up in the same layer: `RUN apt-get update && apt-get
#     install -y --no-install-recommends pkg=1.2.3 && rm -rf /var/lib/apt/lists/*`; for Alpine use
#     `apk add --no-cache pkg`. To refresh an image's packages, rebuild with `--pull --no-cache`
#     instead of an update-only RUN.
#   references:
#     - https://docs.docker.com/build/building/best-practices/#apt-get
#     - https://www.cisecurity.org/benchmark/docker
#   frameworks:
#     cis-docker: {"1.6.0": ["4.7"]}
#   aliases:
#     checkov: [CKV_DOCKER_5]
#     trivy: [AVD-DS-0017, DS017]
#     kics: [9bae49be-0aa3-4de5-bab2-4c3a069e40cd]
#   applies_to:
#     kinds: [dockerfile]
#     types: [stage]
package rampart.docker.dockerfile.update_alone

import data.rampart.lib.docker

deny contains result if {
	input.kind == "dockerfile"
	some result in docker.results(_found)
}

_found contains [x, msg] if {
	input.kind == "dockerfile"
	some x in docker.runs
	ops := [op | some c in docker.sub_commands(x.script); op := _package_op(c)]
	installing := {family | some [_, verb, family] in ops; verb in _install_verbs[family]}
	alone := {sprintf("%s %s", [prog, verb]) |
		some [prog, verb, family] in ops
		verb in _update_verbs[family]
		not family in installing
	}
	count(alone) > 0
	msg := sprintf("%s in %s runs %s without installing packages in the same RUN", [_name(x), x.resource.address, concat(", ", sort(alone))])
}

_name(x) := "ONBUILD RUN" if x.onbuild

else := "RUN"

_families := {
	"apt-get": "apt", "apt": "apt", "aptitude": "apt",
	"apk": "apk",
	"yum": "yum", "dnf": "yum", "microdnf": "yum", "tdnf": "yum",
	"zypper": "zypper",
}

# For apt and apk, `update` only refreshes the package index, which any command of the same
# manager that installs or upgrades consumes. For yum/dnf and zypper, update/upgrade installs the
# newest packages itself: alone it freezes that upgrade in a cached layer (CIS Docker 4.7's own
# example is `yum update`), so only an install of named packages accompanies it.
_update_verbs := {
	"apt": {"update"},
	"apk": {"update"},
	"yum": {"update", "upgrade", "makecache", "check-update", "update-minimal", "upgrade-minimal"},
	"zypper": {"refresh", "ref", "update", "up", "dist-upgrade", "dup", "patch"},
}

_install_verbs := {
	"apt": {"install", "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade", "build-dep", "reinstall", "source"},
	"apk": {"add", "upgrade", "fix"},
	"yum": {"install", "groupinstall", "localinstall", "reinstall", "downgrade", "swap", "group", "module"},
	"zypper": {"install", "in", "source-install", "si"},
}

# _package_op(cmd): [program, verb, family] of a package manager command:
# "DEBIAN_FRONTEND=noninteractive apt-get -y -o X=1 install curl" -> ["apt-get", "install", "apt"].
_package_op(cmd) := [prog, verb, family] if {
	args := docker.argv(cmd)
	prog := docker.basename(args[0])
	family := _families[prog]
	positional := [a |
		some i, a in args
		i > 0
		not startswith(a, "-")
		not args[i - 1] in _options_with_value[family]
	]
	verb := lower(positional[0])
}

# options that take their value as the next word (`apt-get -o Dpkg::Options::=--force-confnew install`)
_options_with_value := {
	"apt": {"-o", "-c", "-t", "-a", "--option", "--config-file", "--target-release", "--host-architecture"},
	"apk": {"-X", "-p", "--repository", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file"},
	"yum": {
		"-c", "-d", "-e", "-x", "-R", "--config", "--setopt", "--enablerepo", "--disablerepo",
		"--releasever", "--installroot", "--exclude", "--repo", "--repofrompath",
	},
	"zypper": {"-c", "-R", "-p", "--config", "--root", "--plus-repo"},
}
