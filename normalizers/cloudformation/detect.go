package cloudformation

import (
	"bytes"
	"path"
	"strings"

	"github.com/rampart-iac/rampart/normalizers/internal/yamltree"
)

// Detect reports whether the file is a CloudFormation (or SAM) template: a
// .yaml, .yml, .json or .template file whose top level has an
// AWSTemplateFormatVersion key, or a Resources mapping with a resource
// whose Type starts with AWS::, Alexa:: or Custom::. YAML keys must start a
// line; a file that starts with "{" (JSON, or YAML in flow style) is
// scanned for the keys of its outermost object, strings skipped. It never
// parses, and never decides by the file name alone.
func (*Normalizer) Detect(p string, content []byte) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".yaml", ".yml", ".json", ".template":
	default:
		return false
	}
	text := yamltree.Text(content)
	if t := bytes.TrimLeft(text, " \t\r\n"); len(t) > 0 && t[0] == '{' && !bytes.HasPrefix(t, []byte("{{")) {
		return flowTemplate(t)
	}
	return blockTemplate(text)
}

// typePrefixes are the prefixes of the resource types Detect looks for.
var typePrefixes = []string{"AWS::", "Alexa::", "Custom::"}

// isResourceType reports whether a Type value starts like a resource type.
func isResourceType(v []byte) bool {
	for _, p := range typePrefixes {
		if bytes.HasPrefix(v, []byte(p)) {
			return true
		}
	}
	return false
}

// blockTemplate scans YAML in block style line by line: a top-level
// AWSTemplateFormatVersion key, or a top-level Resources key followed,
// before the next top-level key, by a "Type: AWS::..." line. The top level
// is the indentation of the first content line (usually none).
func blockTemplate(text []byte) bool {
	inResources := false
	top := -1
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		line = bytes.TrimRight(line, " \t\r")
		content := bytes.TrimLeft(line, " ")
		if len(content) == 0 || content[0] == '#' {
			continue
		}
		indent := len(line) - len(content)
		if top < 0 {
			if indent == 0 && (content[0] == '%' || isMarkerLine(content)) {
				continue
			}
			top = indent
		}
		if indent <= top {
			key, _, ok := lineKey(content)
			switch {
			case !ok || indent < top:
				inResources = false
			case key == "AWSTemplateFormatVersion":
				return true
			default:
				inResources = key == "Resources"
			}
			continue
		}
		if !inResources {
			continue
		}
		if key, value, ok := lineKey(bytes.TrimLeft(content, " \t")); ok && key == "Type" {
			if isResourceType(unquote(value)) {
				return true
			}
		}
	}
	return false
}

// isMarkerLine reports whether a line is a document marker ("---", "...").
func isMarkerLine(line []byte) bool {
	for _, m := range [...]string{"---", "..."} {
		if bytes.HasPrefix(line, []byte(m)) && (len(line) == 3 || line[3] == ' ' || line[3] == '\t') {
			return true
		}
	}
	return false
}

// lineKey splits "key: value" (key bare or quoted) at its colon.
func lineKey(line []byte) (key string, value []byte, ok bool) {
	if len(line) > 0 && (line[0] == '"' || line[0] == '\'') {
		end := skipQuoted(line, 0)
		if end > len(line) || end < 2 {
			return "", nil, false
		}
		rest := bytes.TrimLeft(line[end:], " \t")
		if len(rest) == 0 || rest[0] != ':' {
			return "", nil, false
		}
		return string(line[1 : end-1]), bytes.TrimSpace(rest[1:]), true
	}
	for i := 0; i < len(line); i++ {
		if line[i] == ':' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t') {
			return string(bytes.TrimRight(line[:i], " \t")), bytes.TrimSpace(line[i+1:]), true
		}
		if line[i] == '#' && i > 0 && (line[i-1] == ' ' || line[i-1] == '\t') {
			break
		}
	}
	return "", nil, false
}

// unquote strips the quotes of a quoted scalar's start.
func unquote(v []byte) []byte {
	if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
		return v[1:]
	}
	return v
}

// flowTemplate scans the object text starts with: an
// AWSTemplateFormatVersion key at its top level, or a Resources object
// holding an object with a "Type" key whose value is a resource type.
// Keys may be quoted (JSON) or bare (YAML flow style).
func flowTemplate(text []byte) bool {
	const tracked = 3
	var keys [tracked + 1]string // the current key at depths 1 to 3
	var stack []byte             // open brackets, up to depth 64
	depth := 0
	keyPos := false // a key may start here
	inObject := func() bool { return depth > 0 && depth <= len(stack) && stack[depth-1] == '{' }
	resourceType := func(v []byte) bool {
		return depth == tracked && keys[1] == "Resources" && keys[3] == "Type" && isResourceType(v)
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '"' || c == '\'':
			end := skipQuoted(text, i)
			str := text[i+1 : max(end-1, i+1)]
			if keyPos && colonFollows(text, end) {
				if depth <= tracked {
					keys[depth] = string(str)
				}
				if depth == 1 && keys[1] == "AWSTemplateFormatVersion" {
					return true
				}
			} else if resourceType(str) {
				return true
			}
			i = end - 1
			keyPos = false
		case c == '{' || c == '[':
			depth++
			if depth <= 64 {
				stack = append(stack[:depth-1], c)
			}
			if depth <= tracked {
				keys[depth] = ""
			}
			keyPos = c == '{'
		case c == '}' || c == ']':
			depth--
			if depth <= 0 {
				return false
			}
			keyPos = false
		case c == ',':
			keyPos = inObject()
		case c == ':' || c == ' ' || c == '\t' || c == '\r' || c == '\n':
		default:
			end := i
			for end < len(text) && !endsWord(text, end) {
				end++
			}
			word := bytes.TrimSpace(text[i:end])
			if keyPos && colonFollows(text, end) {
				if depth <= tracked {
					keys[depth] = string(word)
				}
				if depth == 1 && keys[1] == "AWSTemplateFormatVersion" {
					return true
				}
			} else if resourceType(word) {
				return true
			}
			i = end - 1
			keyPos = false
		}
	}
	return false
}

// colonFollows reports whether text[i:] is blanks then a colon.
func colonFollows(text []byte, i int) bool {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
		i++
	}
	return i < len(text) && text[i] == ':'
}

// skipQuoted returns the offset just past the quoted string starting at i
// (len(text)+1 when it is not closed).
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
	return len(text) + 1
}

// endsWord reports whether a bare flow-style word ends at text[i]: a flow
// indicator, a line end, or a colon followed by a blank.
func endsWord(text []byte, i int) bool {
	switch text[i] {
	case ',', '{', '}', '[', ']', '\n':
		return true
	case ':':
		return i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t' || text[i+1] == '\r' || text[i+1] == '\n'
	}
	return false
}
