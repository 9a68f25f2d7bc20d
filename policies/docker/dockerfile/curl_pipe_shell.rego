# METADATA
# title: Remote script piped into a shell
# description: >-
#   Checks the RUN instructions of every stage (shell and exec form, heredoc scripts, ONBUILD RUN)
#   for code downloaded with curl or wget and executed without being stored and verified first: a
#   download piped into a shell or interpreter reading its program from standard input (`curl -fsSL
#   URL | sh`, `wget -qO- URL | sudo bash -`, `curl URL | python3 -`), fed through process
#   substitution (`bash <(curl URL)`, `source <(curl URL)`) or command substitution (`sh -c "$(curl
#   URL)"`, `eval "$(wget -qO- URL)"`). Downloads piped into tools that only read data (tar, gpg,
#   tee, jq, `python3 -c ...`) are not flagged.
# custom:
#   id: RMP-DOCKER-006
#   severity: high
#   category: Compute
#   risk: >-
#     The image runs whatever the server returns at build time, usually as root, with no checksum or
#     signature check: a compromised download host, a hijacked domain or a man-in-the-middle on a
#     plain-HTTP mirror puts a backdoor in the image, and the script that ran is not recorded
#     anywhere, so the build can neither be reviewed nor reproduced.
#   remediation: >-
#     Install the software from the distribution's signed packages, or download a pinned version to
#     a file and verify it before running it (`curl -fsSLo install.sh URL && echo "<sha256>
#     install.sh" | sha256sum -c - && sh install.sh`), or use `ADD --checksum=sha256:<digest> URL
#     /tmp/install.sh`, or check the publisher's GPG signature.
#   references:
#     - https://docs.docker.com/reference/dockerfile/#add
#     - https://www.cisecurity.org/benchmark/docker
#   frameworks:
#     cis-docker: {"1.6.0": ["4.11"]}
#   applies_to:
#     kinds: [dockerfile]
#     types: [stage]
package rampart.docker.dockerfile.curl_pipe_shell

import data.rampart.lib.docker

deny contains result if {
	input.kind == "dockerfile"
	some result in docker.results(_found)
}

_found contains [x, msg] if {
	input.kind == "dockerfile"
	some x in docker.runs
	how := [h | some h in {"pipe", "process", "command"}; executes_download(x.script, h)]
	count(how) > 0
	msg := sprintf("%s in %s executes a script downloaded from %s at build time (%s) without verifying it", [
		_name(x), x.resource.address, _from(x.script),
		concat(", ", [_how_text[h] | some h in how]),
	])
}

_name(x) := "ONBUILD RUN" if x.onbuild

else := "RUN"

# where from: host names only, never paths or query strings (which may carry tokens)
_from(script) := concat(", ", hosts) if {
	hosts := docker.url_hosts(script)
	count(hosts) > 0
} else := "a URL"

_how_text := {
	"pipe": "piped into a shell",
	"process": "run through process substitution",
	"command": "run through command substitution",
}

downloaders := {"curl", "wget"}

# `curl URL | sh`: a pipeline stage downloads and a later stage executes its standard input.
executes_download(script, "pipe") if {
	some p in docker.pipelines(script)
	some i, first in p
	_downloads(first)
	some j, later in p
	j > i
	executes_stdin(later)
}

# `bash <(curl URL)`, `source <(wget -O- URL)`
executes_download(script, "process") if regex.match(
	`(^|[\s;&|(])(sh|bash|dash|ash|zsh|ksh|mksh|source|\.|python[0-9.]*|perl|ruby|node)\s+(-\S+\s+)*<\(\s*(sudo\s+(-\S+\s+)*)?(curl|wget)\s`,
	script,
)

# `sh -c "$(curl URL)"`, `eval "$(wget -qO- URL)"`, also with backticks
executes_download(script, "command") if regex.match(
	`(^|[\s;&|(])((sh|bash|dash|ash|zsh|ksh|mksh)\s+(-\S+\s+)*-[A-Za-z]*c[A-Za-z]*|eval)\s+["']?(\$\(|\x60)\s*(sudo\s+(-\S+\s+)*)?(curl|wget)\s`,
	script,
)

# a word of cmd is curl or wget (possibly with a path), as one regex rather than a loop over words
_downloads(cmd) if regex.match("(^|[\\s\"'\\x60(){}$;&!/])(curl|wget)($|[\\s\"'\\x60(){};&!])", cmd)

# executes_stdin(cmd): cmd runs a program read from its standard input.
executes_stdin(cmd) if {
	args := docker.argv(cmd)
	docker.basename(args[0]) in docker.shells
	not _has_arg(args, `^-[A-Za-z]*c[A-Za-z]*$`) # sh -c '...' runs its argument, not stdin
}

# python3 -, perl, ruby, node, php without a script operand read the program from stdin;
# `python3 -c "..."`, `python3 -m json.tool`, `perl -e '...'`, `node script.js` do not.
executes_stdin(cmd) if {
	args := docker.argv(cmd)
	regex.match(`^(python[0-9.]*|perl|ruby|node|php)$`, docker.basename(args[0]))
	not _has_operand(args)
}

_has_arg(args, pattern) if {
	some i, a in args
	i > 0
	regex.match(pattern, a)
}

_has_operand(args) if {
	some i, a in args
	i > 0
	not startswith(a, "-")
}
