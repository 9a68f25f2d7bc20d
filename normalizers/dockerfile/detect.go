package dockerfile

import (
	"bytes"
	"strings"
)

// notDockerfileExt lists final file-name extensions that mark a file whose
// name starts with "Dockerfile" as something else: documentation, data,
// scripts, backups and ignore files (buildkit reads "<name>.dockerignore"
// beside a Dockerfile). Template extensions (.template, .tmpl, .j2, .in) are
// not listed: such files are mostly Dockerfile text and are worth scanning.
var notDockerfileExt = map[string]bool{
	// documentation
	"md": true, "markdown": true, "mdx": true, "txt": true, "text": true, "rst": true,
	"adoc": true, "asciidoc": true, "html": true, "htm": true, "pdf": true, "license": true,
	// data and configuration
	"json": true, "yaml": true, "yml": true, "toml": true, "ini": true, "cfg": true,
	"conf": true, "xml": true, "csv": true, "lock": true, "sum": true, "mod": true,
	"properties": true, "env": true, "hcl": true, "tf": true, "cue": true,
	"jsonnet": true, "libsonnet": true,
	// source code and scripts
	"go": true, "py": true, "pyc": true, "rb": true, "js": true, "mjs": true, "cjs": true,
	"ts": true, "java": true, "kt": true, "rs": true, "c": true, "h": true, "cpp": true,
	"php": true, "pl": true, "lua": true, "swift": true, "sh": true, "bash": true,
	"zsh": true, "fish": true, "ps1": true, "bat": true, "mk": true, "makefile": true,
	// editor, VCS and tool leftovers
	"orig": true, "rej": true, "bak": true, "backup": true, "old": true, "tmp": true,
	"swp": true, "swo": true, "log": true, "patch": true, "diff": true,
	"dockerignore": true, "gitignore": true, "gitattributes": true,
	// signatures, checksums, archives and media
	"sig": true, "asc": true, "sha256": true, "sha512": true, "md5": true,
	"zip": true, "tar": true, "gz": true, "tgz": true, "bz2": true, "xz": true, "zst": true,
	"png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true, "ico": true,
	"exe": true, "dll": true, "so": true,
}

// sniffLen is how much of the content Detect looks at for a NUL byte.
const sniffLen = 512

// isDockerfileName reports whether a file's base name is one of the
// Dockerfile naming conventions, case-insensitively:
//
//	Dockerfile, Containerfile
//	Dockerfile.<x>, Dockerfile-<x>, Dockerfile_<x> (and Containerfile...)
//	<x>.Dockerfile, <x>.dockerfile, <x>.Containerfile
//
// A prefixed name whose last extension marks another kind of file
// (Dockerfile.md, Dockerfile-lint.json, Dockerfile.dockerignore) is not one.
func isDockerfileName(p string) bool {
	base := p
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	b := strings.ToLower(base)
	for _, stem := range [...]string{"dockerfile", "containerfile"} {
		if b == stem {
			return true
		}
		if rest, ok := strings.CutSuffix(b, "."+stem); ok && rest != "" {
			return true
		}
		rest, ok := strings.CutPrefix(b, stem)
		if !ok || len(rest) < 2 || !strings.ContainsRune(".-_", rune(rest[0])) {
			continue
		}
		if i := strings.LastIndexByte(rest, '.'); i >= 0 && notDockerfileExt[rest[i+1:]] {
			return false
		}
		return true
	}
	return false
}

// looksBinary reports whether content has a NUL byte near its start.
func looksBinary(content []byte) bool {
	return bytes.IndexByte(content[:min(len(content), sniffLen)], 0) >= 0
}
