# Helpers for rules that read Dockerfile documents (input.kind == "dockerfile").
#
# The document shape is described in docs/documents.md, section "dockerfile": one resource of
# type "stage" per build stage, its config holding index, name, final, base_image, image,
# from_stage and the stage's instructions (FROM excluded).
#
# Every set below is empty, and every input-based function undefined, unless
# input.kind == "dockerfile".
#
# Shell helpers (sub_commands, pipelines, words, argv, program) are deliberately simple: they
# split on shell operators without a full shell parser, which is what a static check of build
# scripts needs. Quotes do not protect operators (`sh -c "a && b"` yields `sh -c "a` and `b"`);
# words() trims quotes, brackets and `$` from each word, and argv() skips the leading words that
# only wrap the real command (VAR=value assignments, sudo, env, exec, then/do/else, `sh -c`, ...).
package rampart.lib.docker

# --- stages ------------------------------------------------------------------------------------

# stages: every build stage resource of the document.
stages contains r if {
	input.kind == "dockerfile"
	some r in input.resources
	r.type == "stage"
}

# final_stage: the stage the image is built from by default (the last one).
final_stage := r if {
	some r in stages
	r.config.final == true
}

# parent_stage(r): the earlier stage that stage r is built on (`FROM build`), when r.config.from_stage:
# the stage named in r.references.base_image, else the latest earlier stage of that name
# (compared case-insensitively, as docker build does).
parent_stage(r) := p if {
	r.config.from_stage == true
	addr := r.references.base_image[0]
	some p in stages
	p.address == addr
} else := p if {
	r.config.from_stage == true
	ref := lower(r.config.base_image)
	candidates := {q.config.index |
		some q in stages
		q.config.index < r.config.index
		is_string(q.config.name)
		q.config.name != ""
		lower(q.config.name) == ref
	}
	some p in stages
	p.config.index == max(candidates)
}

# _parent_graph: stage address -> [address of the stage it is built on] (empty for image bases).
_parent_graph[r.address] := parents if {
	some r in stages
	parents := [p.address | p := parent_stage(r)]
}

# lineage(r): stage r followed by the stages it inherits from, nearest first
# (`FROM a AS b` / `FROM b AS c`: lineage(c) is [c, b, a]).
lineage(r) := [s |
	reach := graph.reachable(_parent_graph, {r.address})
	idx := sort([st.config.index | some st in stages; st.address in reach])
	n := count(idx)
	some k in numbers.range(1, n)
	some s in stages
	s.config.index == idx[n - k]
]

# base_stage(r): the first stage of r's lineage, the one built on an image (or on scratch).
base_stage(r) := s if {
	chain := lineage(r)
	s := chain[count(chain) - 1]
}

# --- instructions ------------------------------------------------------------------------------

# instructions: every instruction of every stage, with the attribute path that places it.
instructions contains {"resource": r, "instruction": ins, "index": n, "path": ["instructions", n]} if {
	some r in stages
	some n, ins in r.config.instructions
}

# instructions_of(cmd): the instructions named cmd (lower case: "run", "user", "env", ...).
instructions_of(cmd) := {x | some x in instructions; x.instruction.cmd == cmd}

# onbuild_triggers: the instruction of every `ONBUILD <instruction>` (config "trigger"), placed at
# the ONBUILD instruction. They run in the builds of images that use this one as their base.
onbuild_triggers contains {"resource": x.resource, "instruction": x.instruction.trigger, "index": x.index, "path": x.path, "onbuild": true} if {
	some x in instructions
	x.instruction.cmd == "onbuild"
	is_object(x.instruction.trigger)
}

# commands_of(cmd): the instructions named cmd plus the ONBUILD triggers named cmd (those carry
# "onbuild": true). Use it for content checks (RUN scripts, ADD sources, ENV values) that matter
# wherever the instruction eventually runs.
commands_of(cmd) := instructions_of(cmd) | {x | some x in onbuild_triggers; x.instruction.cmd == cmd}

# stage_instructions(r, cmd): stage r's instructions named cmd, in order.
stage_instructions(r, cmd) := [{"resource": r, "instruction": ins, "index": n, "path": ["instructions", n]} |
	some n, ins in r.config.instructions
	ins.cmd == cmd
]

# last_instruction(r, cmd): the last instruction named cmd in stage r; undefined when there is none.
last_instruction(r, cmd) := {"resource": r, "instruction": r.config.instructions[n], "index": n, "path": ["instructions", n]} if {
	n := max({i | some i, ins in r.config.instructions; ins.cmd == cmd})
}

# effective_instruction(r, cmd): the instruction named cmd in effect for stage r: its own last one,
# else the last one of the nearest stage it is built on (USER, HEALTHCHECK, WORKDIR ... are
# inherited through `FROM <stage>`). The result's resource is the stage that holds it. Undefined
# when no stage of the lineage has one (the value then comes from the base image, unknown here).
effective_instruction(r, cmd) := x if {
	holders := [s | some s in lineage(r); count(stage_instructions(s, cmd)) > 0]
	x := last_instruction(holders[0], cmd)
}

# values(ins): the instruction's arguments (an empty array when absent).
values(ins) := v if {
	v := ins.value
	is_array(v)
} else := []

# flags(ins): the instruction's flags, e.g. ["--chown=app", "--checksum=sha256:..."].
flags(ins) := f if {
	f := ins.flags
	is_array(f)
} else := []

# flag_values(ins, name): the values of every `--name=value` flag of the instruction, in order
# (name without dashes): flag_values(ins, "mount") for `RUN --mount=type=cache,target=/x ...`.
flag_values(ins, name) := [substring(f, count(prefix), -1) |
	prefix := concat("", ["--", name, "="])
	some f in flags(ins)
	startswith(f, prefix)
]

# has_flag(ins, name): the instruction carries --name or --name=value.
has_flag(ins, name) if {
	some f in flags(ins)
	f == concat("", ["--", name])
}

has_flag(ins, name) if count(flag_values(ins, name)) > 0

# pairs(ins): the key/value pairs of ENV, ARG and LABEL (value null for an ARG without default).
pairs(ins) := p if {
	p := ins.pairs
	is_array(p)
} else := []

# unquote(s): s without one pair of surrounding double or single quotes, and without surrounding blanks.
unquote(s) := substring(t, 1, count(t) - 2) if {
	t := trim_space(s)
	count(t) >= 2
	_quoted(t)
} else := trim_space(s)

_quoted(t) if {
	startswith(t, `"`)
	endswith(t, `"`)
}

_quoted(t) if {
	startswith(t, "'")
	endswith(t, "'")
}

# --- results -----------------------------------------------------------------------------------

# results(found): result objects for a set of [entry, msg] pairs, where entry is an element of
# instructions / commands_of / runs. Findings are deduplicated by rule, file, resource and msg,
# and messages must not carry line numbers; so when several instructions of one stage get the
# same msg, each gets " (k of n in this stage)" appended (k in instruction order) and stays a
# finding of its own.
results(found) := {r |
	some pair in found
	[x, msg] := pair
	same := sort([y.index |
		some other in found
		[y, m] := other
		m == msg
		y.resource.address == x.resource.address
	])
	r := {"msg": _numbered(msg, x.index, same), "resource": x.resource.address, "attribute": x.path}
}

_numbered(msg, _, same) := msg if count(same) == 1

_numbered(msg, i, same) := sprintf("%s (%d of %d in this stage)", [msg, k + 1, count(same)]) if {
	count(same) > 1
	some k, j in same
	j == i
}

# url_hosts(text): the host names of the http(s)/ftp URLs in text (no user info, path or query,
# which may carry credentials), sorted.
url_hosts(text) := sort({h |
	some m in regex.find_all_string_submatch_n(`(?i)\b(?:https?|ftp)://(?:[^/\s"'@]*@)?([A-Za-z0-9.-]+)`, text, -1)
	h := lower(m[1])
})

# --- RUN commands ------------------------------------------------------------------------------

# run_command(ins): the command of a RUN: the shell-form string, or the exec-form elements joined by spaces.
run_command(ins) := concat(" ", [v | some v in values(ins); is_string(v)])

# run_script(ins): the shell text a RUN executes: run_command plus the bodies of its heredocs when
# they are a script for the shell (`RUN <<EOF`, `RUN bash <<EOF`); not when they are data for
# another program (`RUN cat <<EOF > /etc/conf`, `RUN python3 <<EOF`) or start with a non-shell #!.
run_script(ins) := concat("\n", array.concat([run_command(ins)], [h.content |
	some h in _heredocs(ins)
	is_string(h.content)
	_heredoc_runs_in_shell(ins)
	not _non_shell_shebang(h.content)
]))

_heredocs(ins) := h if {
	h := ins.heredocs
	is_array(h)
} else := []

_heredoc_token := `[0-9]*<<-?[ \t]*("[^"]*"|'[^']*'|[^\s<>|&;]+)`

_heredoc_runs_in_shell(ins) if {
	rest := regex.replace(run_command(ins), _heredoc_token, " ")
	count(words(rest)) == 0
}

_heredoc_runs_in_shell(ins) if {
	rest := regex.replace(run_command(ins), _heredoc_token, " ")
	program(rest) in shells
}

_non_shell_shebang(content) if {
	first := split(trim_left(content, " \t\r\n"), "\n")[0]
	startswith(first, "#!")
	not regex.match(`^#!\s*\S*(/|\s|^)(ba|da|z|k|mk|a)?sh(\s|$)`, first)
	not regex.match(`^#!\s*\S*/env\s+(-\S+\s+)*(ba|da|z|k|mk|a)?sh(\s|$)`, first)
}

# runs: every RUN instruction and ONBUILD RUN trigger (commands_of("run")) with its script text.
runs contains object.union(x, {"script": run_script(x.instruction)}) if {
	some x in commands_of("run")
}

# --- shell text --------------------------------------------------------------------------------

# shells: program names of POSIX-ish shells.
shells := {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "fish"}

# sub_commands(text): the simple commands of a shell text, split on &&, ||, ;, | and newlines,
# trimmed, empty ones dropped.
sub_commands(text) := [t |
	some part in regex.split(`&&|\|\||;|\||\n`, text)
	t := trim_space(trim_left(trim_space(part), "&"))
	t != ""
]

# pipelines(text): the text split into command lists on &&, ||, ; and newlines, each one split into
# its pipeline stages on `|`: "curl x | sh && ls" -> [["curl x", "sh"], ["ls"]].
pipelines(text) := [p |
	some part in regex.split(`&&|\|\||;|\n`, text)
	p := [t |
		some stage in split(part, "|")
		t := trim_space(trim_left(stage, "&"))
		t != ""
	]
	count(p) > 0
]

# words(cmd): the whitespace-separated words of a command, each with quotes, brackets, `$`,
# `;`, `&` and `!` trimmed from both ends; words that are only such characters are dropped.
words(cmd) := [w |
	some raw in regex.split(`\s+`, trim_space(cmd))
	w := trim(raw, "\"'`(){}$;&!")
	w != ""
]

# argv(cmd): the words of cmd from the program on, skipping what wraps it: VAR=value assignments,
# sudo/env/exec/command/nohup/time/timeout/nice/busybox and their options, then/do/else/if/while,
# and `sh -c`. Undefined when nothing is left.
argv(cmd) := _argv(words(cmd), false)

# argv_keep_sudo(cmd): like argv but sudo is not skipped (argv_keep_sudo("sudo apt-get x")[0] == "sudo").
argv_keep_sudo(cmd) := _argv(words(cmd), true)

# program(cmd): the base name of the program cmd runs ("/usr/bin/apt-get -y x" -> "apt-get").
program(cmd) := basename(argv(cmd)[0])

# basename(path): the last element of a slash-separated path.
basename(path) := parts[count(parts) - 1] if parts := split(path, "/")

_wrappers := {
	"sudo", "env", "exec", "command", "builtin", "nohup", "time", "timeout", "nice", "busybox",
	"then", "do", "else", "elif", "if", "while", "until",
}

# options of wrappers that take a separate value: sudo -u user, env -u VAR, nice -n 10, timeout 60.
_value_options := {"-u", "-g", "-n", "-C", "--user", "--group", "timeout"}

# _argv skips the leading wrapper words. Only the first _max_wrapped words are looked at (no
# real command wraps its program deeper), and each check gets the word and its neighbours, not the
# whole word list: passing the list into a function would make OPA hash it on every call, which is
# quadratic on the long RUN scripts of real images.
_argv(ws, keep_sudo) := ws if {
	# fast path: most commands start with their program
	count(ws) > 0
	not _first_skippable(ws[0], keep_sudo)
} else := array.slice(ws, start, n) if {
	n := count(ws)
	prevs := array.concat([""], ws)
	nexts := array.concat(array.slice(ws, 1, n), [""])
	start := min({i |
		some i in numbers.range(0, min([n, _max_wrapped]) - 1)
		not _skippable(ws[i], prevs[i], nexts[i], i, keep_sudo)
	})
}

_max_wrapped := 24

# _first_skippable(w, keep_sudo): the first word may be skipped (a shell is looked at slowly, for
# `sh -c`).
_first_skippable(w, keep_sudo) if _skippable(w, "", "", 0, keep_sudo)

_first_skippable(w, _) if basename(w) in shells

_skippable(w, _, _, _, _) if regex.match(`^[A-Za-z_][A-Za-z0-9_]*=`, w)

# keep_sudo is a boolean rather than a set of wrappers: OPA hashes function arguments on every
# call, and a set argument made this the most expensive line of the docker rules.
_skippable(w, _, _, _, false) if basename(w) in _wrappers

_skippable(w, _, _, _, true) if {
	b := basename(w)
	b in _wrappers
	b != "sudo"
}

_skippable(w, _, _, i, _) if {
	i > 0
	startswith(w, "-")
}

_skippable(_, prev, _, i, _) if {
	i > 0
	basename(prev) in _value_options
}

# `sh -c "..."`: the command is the script after -c.
_skippable(w, _, next, _, _) if {
	basename(w) in shells
	regex.match(`^-[A-Za-z]*c[A-Za-z]*$`, next)
}
