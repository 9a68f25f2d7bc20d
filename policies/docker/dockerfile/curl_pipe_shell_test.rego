package rampart.docker.dockerfile.curl_pipe_shell_test

import data.rampart.docker.dockerfile.curl_pipe_shell as rule
import data.rampart.docker.dockerfile.inputs_test as t

_findings(doc) := f if {
	f := {[r.resource, r.attribute] | some r in rule.deny} with input as doc
}

_doc(instrs) := t.dockerfile([t.from_image("tools", "debian:12-slim", instrs)])

_fires(i) if _findings(_doc([t.ins("workdir", ["/tmp"]), i])) == {["stage.tools", ["instructions", 1]]}

_silent(i) if count(_findings(_doc([i]))) == 0

test_pipe_into_shell_fires if {
	_fires(t.run("curl -fsSL https://get.example.sh | sh"))
	_fires(t.run("curl -fsSL https://get.example.sh | sh -s -- --version 1.2.3"))
	_fires(t.run("wget -qO- https://install.example.io | bash"))
	_fires(t.run("wget -O - https://install.example.io | sudo -E bash -"))
	_fires(t.run("curl -sL https://deb.example.com/setup_20.x | sudo bash - && apt-get install -y nodejs"))
	_fires(t.run("curl -sSL https://install.example.org | python3 -"))
	_fires(t.run("apt-get update && curl -fsSL https://x.example/i.sh | tee /tmp/i.sh | sh"))
}

test_message_names_hosts_only if {
	doc := _doc([t.run("curl -fsSL -H 'Authorization: Bearer abc' https://ci:t0k3n@get.example.sh/install?sig=xyz | sh")])
	msgs := {r.msg | some r in rule.deny} with input as doc
	msgs == {"RUN in stage.tools executes a script downloaded from get.example.sh at build time (piped into a shell) without verifying it"}
}

test_substitutions_fire if {
	_fires(t.run("bash <(curl -fsSL https://example.com/install.sh)"))
	_fires(t.run(`sh -c "$(curl -fsSL https://raw.example.com/install.sh)"`))
	_fires(t.run(`bash -c "$(wget -qO- https://raw.example.com/install.sh)"`))
	_fires(t.run(`eval "$(curl -fsSL https://example.com/env.sh)"`))
	_fires(t.run("source <(curl -s https://example.com/env.sh)"))
}

test_exec_form_fires if {
	_fires(t.run_exec(["/bin/sh", "-c", "curl -fsSL https://get.example.sh | sh"]))
}

test_heredoc_script_fires if {
	_fires(t.run_heredoc("<<EOF", "set -eux\ncurl -fsSL https://get.example.sh | sh\n"))
}

test_heredoc_data_is_not_executed if {
	_silent(t.run_heredoc("cat <<EOF > /usr/local/bin/setup", "curl -fsSL https://get.example.sh | sh\n"))
}

test_downloads_into_data_tools_pass if {
	_silent(t.run("curl -fsSL https://example.com/key.gpg | gpg --dearmor -o /usr/share/keyrings/example.gpg"))
	_silent(t.run("curl -fsSL https://example.com/app-1.2.3.tar.gz | tar -xz -C /opt"))
	_silent(t.run(`curl -s https://api.github.com/repos/x/y/releases/latest | python3 -c 'import json,sys; print(json.load(sys.stdin)["tag_name"])'`))
	_silent(t.run("curl -s https://api.example.com/v | jq -r .version"))
	_silent(t.run(`curl -fsSL https://x | sh -c 'cat > /tmp/x'`))
	_silent(t.run(`curl -fsSL https://x | sh -x -c 'cat > /tmp/x'`))
	_silent(t.run("curl -fsSL https://x/data.json | python3 -m json.tool"))
	_silent(t.run("curl -fsSL https://x/data.json | node ./scripts/parse.js"))
}

test_shell_before_download_passes if {
	_silent(t.run("bash ./scripts/report.sh | curl -fsS -T - https://upload.example.com/report"))
}

test_verified_download_passes if {
	_silent(t.run(concat(" ", [
		"curl -fsSLo /tmp/install.sh https://get.example.sh",
		"&& echo \"5d41402abc4b2a76b9719d911017c592  /tmp/install.sh\" | sha256sum -c -",
		"&& sh /tmp/install.sh",
	])))
}

test_other_shells_in_pipeline_without_download_pass if {
	_silent(t.run("cat ./scripts/setup.sh | sh"))
	_silent(t.run("echo curl | grep c; sh ./x.sh"))
}

test_onbuild_trigger_fires if {
	_fires(t.onbuild(t.run("curl -fsSL https://get.example.sh | sh")))
}
