package rampart.docker.dockerfile.update_alone_test

import data.rampart.docker.dockerfile.inputs_test as t
import data.rampart.docker.dockerfile.update_alone as rule

_findings(doc) := f if {
	f := {[r.resource, r.attribute] | some r in rule.deny} with input as doc
}

_doc(instrs) := t.dockerfile([t.from_image("", "ubuntu:24.04", instrs)])

_fires(i) if _findings(_doc([t.ins("workdir", ["/app"]), i])) == {["stage[0]", ["instructions", 1]]}

_silent(i) if count(_findings(_doc([i]))) == 0

test_update_alone_fires if {
	_fires(t.run("apt-get update"))
	_fires(t.run("apt update -y"))
	_fires(t.run("apk update"))
	_fires(t.run("yum -y update && yum clean all"))
	_fires(t.run("dnf makecache"))
	_fires(t.run("zypper --non-interactive refresh"))
	_fires(t.run("sudo apt-get -qq update"))
	_fires(t.run("apt-get -o Acquire::Retries=3 update"))
	_fires(t.run_exec(["apt-get", "update"]))
}

test_update_with_install_passes if {
	_silent(t.run("apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*"))
	_silent(t.run("DEBIAN_FRONTEND=noninteractive apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get -y -o Dpkg::Options::=--force-confnew install ca-certificates"))
	_silent(t.run("apt-get update && apt-get -y upgrade"))
	_silent(t.run("apk update && apk add --no-cache git"))
	_silent(t.run("yum -y update && yum -y install httpd && yum clean all"))
	_silent(t.run("apk add --update --no-cache git"))
	_silent(t.run("zypper ref && zypper -n in curl"))
	_silent(t.run_exec(["/bin/sh", "-c", "apt-get update && apt-get install -y curl"]))
}

test_install_must_be_same_manager if {
	_fires(t.run("apt-get update && pip install requests"))
	_fires(t.run("apt-get update && apk add git"))
}

test_update_and_install_in_separate_runs_fires_on_the_update if {
	doc := _doc([t.run("apt-get update"), t.run("apt-get install -y curl")])
	_findings(doc) == {["stage[0]", ["instructions", 0]]}
}

test_repeated_findings_in_a_stage_keep_distinct_messages if {
	doc := _doc([t.run("apt-get update"), t.run("apt-get install -y curl"), t.run("apt-get -q update")])
	_findings(doc) == {["stage[0]", ["instructions", 0]], ["stage[0]", ["instructions", 2]]}
	msgs := {r.msg | some r in rule.deny} with input as doc
	msgs == {
		"RUN in stage[0] runs apt-get update without installing packages in the same RUN (1 of 2 in this stage)",
		"RUN in stage[0] runs apt-get update without installing packages in the same RUN (2 of 2 in this stage)",
	}
}

test_heredoc_script if {
	_fires(t.run_heredoc("<<EOF", "set -e\napt-get update\n"))
	_silent(t.run_heredoc("<<EOF", "set -e\napt-get update\napt-get install -y curl\n"))
}

test_package_names_are_not_verbs if {
	_silent(t.run("apt-get install -y update-notifier"))
	_silent(t.run("echo apt-get update"))
}

test_onbuild_trigger_fires if {
	_fires(t.onbuild(t.run("apt-get update")))
}
