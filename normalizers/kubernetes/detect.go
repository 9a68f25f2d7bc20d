package kubernetes

import (
	"bytes"
	"path"
	"strings"

	"github.com/rampart-iac/rampart/normalizers/internal/yamltree"
)

// Detect reports whether the file is a Kubernetes manifest: a .yaml, .yml or
// .json file whose content has top-level apiVersion and kind keys. YAML keys
// must start a line; a file that starts with "{" (JSON, or YAML in flow style)
// is scanned for the keys of its outermost object. It never parses. Helm
// templates are left to discovery: one starting with "{{" is sniffed like
// YAML.
func (*Normalizer) Detect(p string, content []byte) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".yaml", ".yml", ".json":
	default:
		return false
	}
	text := yamltree.Text(content)
	if t := bytes.TrimLeft(text, " \t\r\n"); len(t) > 0 && t[0] == '{' && !bytes.HasPrefix(t, []byte("{{")) {
		return hasFlowKeys(t)
	}
	return hasLineKey(text, "apiVersion") && hasLineKey(text, "kind")
}

// hasLineKey looks for key, bare or quoted, at the start of a line and
// followed by a colon.
func hasLineKey(text []byte, key string) bool {
	k := []byte(key)
	for i := 0; ; {
		j := bytes.Index(text[i:], k)
		if j < 0 {
			return false
		}
		start := i + j
		i = start + len(k)
		quote := byte(0)
		if start > 0 && (text[start-1] == '"' || text[start-1] == '\'') {
			quote = text[start-1]
			if i >= len(text) || text[i] != quote {
				continue
			}
			start--
			i++
		}
		if start > 0 && text[start-1] != '\n' && text[start-1] != '\r' {
			continue
		}
		if colonFollows(text, i, quote != 0) {
			return true
		}
	}
}

// colonFollows reports whether text[i:] is blanks then a colon; a bare key's
// colon must be followed by a blank or the end of the line.
func colonFollows(text []byte, i int, quoted bool) bool {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if i >= len(text) || text[i] != ':' {
		return false
	}
	i++
	return quoted || i == len(text) || isBlank(text[i])
}

func isBlank(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r'
}

// hasFlowKeys scans the object text starts with and reports whether it has
// both an apiVersion and a kind key at its top level. Keys may be quoted
// (JSON) or bare (YAML flow style); nested objects are skipped.
func hasFlowKeys(text []byte) bool {
	depth := 0
	keyPos := false // at depth 1, a key may start here
	api, kind := false, false
	for i := 0; i < len(text) && !(api && kind); i++ {
		c := text[i]
		switch {
		case c == '"' || c == '\'':
			end := skipQuoted(text, i)
			if depth == 1 && keyPos && colonFollows(text, end, true) {
				switch string(text[i+1 : end-1]) {
				case "apiVersion":
					api = true
				case "kind":
					kind = true
				}
			}
			i = end - 1
			keyPos = false
		case c == '{' || c == '[':
			depth++
			keyPos = depth == 1
		case c == '}' || c == ']':
			depth--
			if depth <= 0 {
				return api && kind
			}
			keyPos = false
		case c == ',':
			keyPos = depth == 1
		case isBlank(c):
		case depth == 1 && keyPos:
			for _, k := range [...]string{"apiVersion", "kind"} {
				if bytes.HasPrefix(text[i:], []byte(k)) && colonFollows(text, i+len(k), false) {
					api = api || k == "apiVersion"
					kind = kind || k == "kind"
				}
			}
			keyPos = false
		default:
			keyPos = false
		}
	}
	return api && kind
}

// skipQuoted returns the offset just past the quoted string starting at i.
func skipQuoted(text []byte, i int) int {
	q := text[i]
	for j := i + 1; j < len(text); j++ {
		switch {
		case text[j] == '\\' && q == '"':
			j++
		case text[j] == q:
			if q == '\'' && j+1 < len(text) && text[j+1] == '\'' {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(text)
}
