# METADATA
# title: ADD used where COPY serves
# description: >-
#   Checks every ADD instruction of every stage, ONBUILD ADD included. ADD is flagged when one of
#   its sources is a local file or directory that is not an archive for ADD to extract (COPY does
#   the same without the implicit unpacking and URL fetching), or a heredoc, or a remote URL or Git
#   repository fetched without pinning its content (no `--checksum`, and for Git no full commit hash
#   in the URL fragment). Sources that are unresolved variables are not judged. Local tar archives
#   (.tar, .tar.gz, .tgz, .tar.bz2, .tar.xz, .tar.zst, ...) are allowed because extracting them is
#   what ADD is for.
# custom:
#   id: RMP-DOCKER-002
#   severity: low
#   category: Compute
#   risk: >-
#     ADD silently changes behaviour with its source: a path that turns out to be an archive is
#     unpacked into the image, and a URL is downloaded at build time without any integrity check, so
#     a compromised or changed server puts arbitrary content in the image. Reviewers reading ADD
#     cannot tell which of these happens.
#   remediation: >-
#     Use COPY for local files and directories. For downloads, pin the content with `ADD
#     --checksum=sha256:<digest> <url> <dest>`, or fetch it in a RUN with curl and verify it (`echo
#     "<sha256>  file" | sha256sum -c -`). For Git sources, pin a commit (`ADD --checksum=<commit>
#     <repo>` or `<repo>#<full commit hash>`).
#   references:
#     - https://docs.docker.com/reference/dockerfile/#add
#     - https://docs.docker.com/build/building/best-practices/#add-or-copy
#     - https://www.cisecurity.org/benchmark/docker
#   frameworks:
#     cis-docker: {"1.6.0": ["4.9"]}
#   aliases:
#     checkov: [CKV_DOCKER_4]
#     trivy: [AVD-DS-0005, DS005]
#     kics: [9513a694-aa0d-41d8-be61-3271e056f36b]
#   applies_to:
#     kinds: [dockerfile]
#     types: [stage]
package rampart.docker.dockerfile.add_instead_of_copy

import data.rampart.lib.docker

deny contains result if {
	input.kind == "dockerfile"
	some result in docker.results(_found)
}

# [instruction entry, msg] of each offending ADD
_found contains [x, msg] if {
	input.kind == "dockerfile"
	some x in docker.commands_of("add")
	reasons := {reason |
		some src in sources(x.instruction)
		reason := _reason(x.instruction, src)
	}
	count(reasons) > 0
	msg := sprintf("%s in %s %s", [_name(x), x.resource.address, concat("; ", sort(reasons))])
}

_name(x) := "ONBUILD ADD" if x.onbuild

else := "ADD"

# sources(ins): every argument of ADD but the last (the destination).
sources(ins) := array.slice(args, 0, count(args) - 1) if {
	args := [a | some a in docker.values(ins); is_string(a)]
	count(args) > 1
} else := []

_reason(_, src) := sprintf("copies local %q, which is not an archive to extract: use COPY", [src]) if {
	not is_remote(src)
	not is_heredoc(src)
	not is_archive(src)
	not contains(src, "$") # an unresolved variable may name an archive
}

_reason(_, src) := "adds a heredoc: use COPY <<EOF" if is_heredoc(src)

_reason(ins, src) := sprintf("downloads from %s without --checksum: pin the content with --checksum=sha256:<digest>", [host(src)]) if {
	is_remote(src)
	not is_git(src)
	not docker.has_flag(ins, "checksum")
}

_reason(ins, src) := sprintf("fetches Git repository %s without pinning a commit: use --checksum=<commit> or <repo>#<full commit hash>", [host(src)]) if {
	is_git(src)
	not docker.has_flag(ins, "checksum")
	not regex.match(`#[0-9a-fA-F]{40}([0-9a-fA-F]{24})?(:.*)?$`, src)
}

is_remote(src) if regex.match(`^[A-Za-z][A-Za-z0-9+.-]*://`, src)

is_remote(src) if is_git(src)

is_git(src) if regex.match(`^git@[^:/]+:`, src)

is_git(src) if regex.match(`^(git|ssh|git\+ssh|git\+https?)://`, src)

is_git(src) if regex.match(`^https?://[^?#]+\.git(#.*)?$`, src)

is_heredoc(src) if regex.match(`^[0-9]*<<`, src)

# Local archives ADD extracts: tar, possibly compressed with gzip, bzip2, xz or zstd. ADD detects
# them by content, so single-compressed files (.gz, .xz, ...) may be archives too and pass.
is_archive(src) if regex.match(`(?i)\.(tar|tgz|taz|tbz|tbz2|tb2|txz|tzst|gz|bz2|xz|zst|lz|lzma)$`, src)

# host(src): where a remote source comes from, without user info, path or query (which may hold tokens).
host(src) := h if {
	m := regex.find_all_string_submatch_n(`^(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:[^@/]*@)?([^/:?#]+)`, src, 1)
	h := m[0][1]
} else := "a remote source"
