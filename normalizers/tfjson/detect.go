package tfjson

import (
	"bytes"
	"path"
	"strings"
)

// Detect reports whether the file is a JSON plan: a .json file whose
// content is a JSON object with a "format_version" key and a
// "planned_values" or "resource_changes" key. It looks for the keys
// without parsing.
func (*Plan) Detect(p string, content []byte) bool {
	return strings.HasSuffix(strings.ToLower(path.Base(p)), ".json") && isPlan(content)
}

// Detect reports whether the file is a version 4 state file: a .json,
// .tfstate or .tfstate.backup file whose content is a JSON object with
// "version": 4 and "terraform_version" and "resources" keys, and that is
// not a plan. It looks for the keys without parsing.
func (*State) Detect(p string, content []byte) bool {
	base := strings.ToLower(path.Base(p))
	switch {
	case strings.HasSuffix(base, ".json"), strings.HasSuffix(base, ".tfstate"), strings.HasSuffix(base, ".tfstate.backup"):
	default:
		return false
	}
	return isObject(content) &&
		hasVersion4(content) &&
		hasKey(content, "terraform_version") &&
		hasKey(content, "resources") &&
		!isPlan(content)
}

// isPlan sniffs the keys of a plan.
func isPlan(content []byte) bool {
	return isObject(content) &&
		hasKey(content, "format_version") &&
		(hasKey(content, "planned_values") || hasKey(content, "resource_changes"))
}

// isObject reports whether content starts, after a byte order mark and
// blanks, with '{'.
func isObject(content []byte) bool {
	t := bytes.TrimPrefix(content, []byte("\xEF\xBB\xBF"))
	t = bytes.TrimLeft(t, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

// hasKey reports whether content has "key" as an object key: the quoted
// name, not escaped inside another string, followed by a colon.
func hasKey(content []byte, key string) bool {
	return keyEnd(content, key, 0) >= 0
}

// keyEnd returns the offset just after the colon of the first occurrence of
// "key" used as an object key at or after offset from, or -1.
func keyEnd(content []byte, key string, from int) int {
	quoted := make([]byte, 0, len(key)+2)
	quoted = append(append(append(quoted, '"'), key...), '"')
	for i := from; i < len(content); {
		j := bytes.Index(content[i:], quoted)
		if j < 0 {
			return -1
		}
		start := i + j
		i = start + len(quoted)
		if escaped(content, start) {
			continue
		}
		e := skipBlanks(content, i)
		if e < len(content) && content[e] == ':' {
			return e + 1
		}
	}
	return -1
}

// escaped reports whether the quote at offset q is escaped by an odd number
// of backslashes.
func escaped(content []byte, q int) bool {
	n := 0
	for k := q - 1; k >= 0 && content[k] == '\\'; k-- {
		n++
	}
	return n%2 == 1
}

func skipBlanks(content []byte, i int) int {
	for i < len(content) {
		switch content[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// hasVersion4 reports whether content has a "version" key whose value is
// the number 4.
func hasVersion4(content []byte) bool {
	for from := 0; ; {
		e := keyEnd(content, "version", from)
		if e < 0 {
			return false
		}
		v := skipBlanks(content, e)
		if v < len(content) && content[v] == '4' {
			next := v + 1
			if next >= len(content) {
				return true
			}
			switch content[next] {
			case ' ', '\t', '\r', '\n', ',', '}':
				return true
			}
		}
		from = e
	}
}
