package rampart.docker.dockerfile.sudo_in_run_test

import data.rampart.docker.dockerfile.inputs_test as t
import data.rampart.docker.dockerfile.sudo_in_run as rule

_findings(doc) := f if {
	f := {[r.resource, r.attribute] | some r in rule.deny} with input as doc
}

_doc(instrs) := t.dockerfile([
	t.from_image("build", "golang:1.22", [t.run("go build ./...")]),
	t.from_image("runtime", "ubuntu:24.04", instrs),
])

_fires(i) if _findings(_doc([t.ins("user", ["app"]), i])) == {["stage.runtime", ["instructions", 1]]}

_silent(i) if count(_findings(_doc([i]))) == 0

test_sudo_fires if {
	_fires(t.run("sudo apt-get install -y curl"))
	_fires(t.run("apt-get update && sudo apt-get install -y curl"))
	_fires(t.run("DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y curl"))
	_fires(t.run("curl -fsSL https://x.example/key | sudo tee /etc/apt/keyrings/x.asc"))
	_fires(t.run(`sh -c "sudo chown -R app /srv"`))
	_fires(t.run("if [ -d /srv ]; then sudo rm -rf /srv/cache; fi"))
}

test_exec_form_fires if {
	_fires(t.run_exec(["sudo", "make", "install"]))
}

test_heredoc_fires if {
	_fires(t.run_heredoc("<<EOF", "set -e\nsudo make install\n"))
}

test_installing_sudo_or_mentioning_it_passes if {
	_silent(t.run("apt-get update && apt-get install -y sudo && rm -rf /var/lib/apt/lists/*"))
	_silent(t.run("echo 'app ALL=(ALL) ALL' > /etc/sudoers.d/app"))
	_silent(t.run("make install"))
	_silent(t.run("pseudo-tool --sudo-mode"))
}

test_one_finding_per_run if {
	doc := _doc([t.run("sudo apt-get update && sudo apt-get install -y x && sudo -E /usr/bin/make install")])
	_findings(doc) == {["stage.runtime", ["instructions", 0]]}
	msgs := {r.msg | some r in rule.deny} with input as doc
	msgs == {"RUN in stage.runtime runs apt-get, make with sudo"}
}

test_every_stage_is_checked if {
	doc := t.dockerfile([
		t.from_image("build", "golang:1.22", [t.run("sudo make")]),
		t.from_image("", "alpine:3.20", [t.ins("user", ["app"])]),
	])
	_findings(doc) == {["stage.build", ["instructions", 0]]}
}

test_onbuild_trigger_fires if {
	_fires(t.onbuild(t.run("sudo make install")))
}
