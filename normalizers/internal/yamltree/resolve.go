package yamltree

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Short forms of the tags of the YAML core schema (and the types yaml.v3
// knows besides it).
const (
	tagStr       = "!!str"
	tagInt       = "!!int"
	tagFloat     = "!!float"
	tagBool      = "!!bool"
	tagNull      = "!!null"
	tagMap       = "!!map"
	tagSeq       = "!!seq"
	tagMerge     = "!!merge"
	tagTimestamp = "!!timestamp"
	tagBinary    = "!!binary"

	longTagPrefix = "tag:yaml.org,2002:"
)

// shortTag turns "tag:yaml.org,2002:x" into "!!x".
func shortTag(tag string) string {
	if rest, ok := strings.CutPrefix(tag, longTagPrefix); ok {
		return "!!" + rest
	}
	return tag
}

// isCoreTag reports whether the tag is one the converter interprets itself;
// every other tag goes to Options.TagFunc.
func isCoreTag(tag string) bool {
	switch tag {
	case tagStr, tagInt, tagFloat, tagBool, tagNull, tagMap, tagSeq, tagMerge, tagTimestamp, tagBinary:
		return true
	}
	return false
}

// resolvePlain resolves an untagged plain scalar with the YAML 1.2 core
// schema the way yaml.v3 does, returning plain JSON values: integers as int64
// (an integer too large for int64 becomes a float64, or stays a string when
// written in hexadecimal, octal or binary and too large for uint64), floats
// as float64, and ".inf"/".nan" as the string written since JSON has no such
// numbers. Timestamps stay strings. The tag returned is the one yaml.v3
// assigns.
func resolvePlain(s string) (any, string) {
	if s == "" {
		return nil, tagNull
	}
	switch c := s[0]; {
	case c == '.':
		switch s {
		case ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN":
			return s, tagFloat
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f, tagFloat
		}
	case c == '+' || c == '-' || (c >= '0' && c <= '9'):
		switch s {
		case "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
			return s, tagFloat
		}
		plain := s
		if strings.IndexByte(s, '_') >= 0 {
			plain = strings.ReplaceAll(s, "_", "")
		}
		if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return i, tagInt
		}
		if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return float64(u), tagInt
		}
		if isFloat(plain) {
			if f, err := strconv.ParseFloat(plain, 64); err == nil {
				return f, tagFloat
			}
		}
	default:
		switch s {
		case "true", "True", "TRUE":
			return true, tagBool
		case "false", "False", "FALSE":
			return false, tagBool
		case "~", "null", "Null", "NULL":
			return nil, tagNull
		case "<<":
			return s, tagMerge
		}
	}
	return s, tagStr
}

// yaml11Bool resolves the booleans YAML 1.1 adds to 1.2's (yes/no, on/off,
// y/n), which yaml.v2 and so Kubernetes' sigs.k8s.io/yaml honour.
func yaml11Bool(s string) (value, ok bool) {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON":
		return true, true
	case "n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return false, true
	}
	return false, false
}

// isFloat matches [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
func isFloat(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// scalar converts a scalar node.
func (c *converter) scalar(n *yaml.Node) (any, error) {
	tag := shortTag(n.Tag)
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0
	explicit := n.Style&yaml.TaggedStyle != 0
	if !explicit && (tag == "" || tag == "!" || isCoreTag(tag)) {
		// Untagged: the parser's tag is the implicit one. Resolve again to
		// get JSON types (and YAML 1.1 booleans when asked); a node built by
		// hand whose tag disagrees with its text keeps its tag.
		if quoted {
			if tag == "" || tag == "!" || tag == tagStr {
				return n.Value, nil
			}
		} else {
			v, rtag := resolvePlain(n.Value)
			if c.opts.YAML11Bools && rtag == tagStr {
				if b, ok := yaml11Bool(n.Value); ok {
					return b, nil
				}
			}
			if tag == "" || tag == "!" || tag == rtag || rtag == tagMerge {
				return v, nil
			}
		}
	}
	switch tag {
	case tagStr, tagTimestamp, tagBinary, tagMap, tagSeq, tagMerge, "", "!":
		return n.Value, nil
	case tagInt, tagFloat, tagBool, tagNull:
		v, rtag := resolvePlain(n.Value)
		switch {
		case rtag == tag:
			return v, nil
		case tag == tagFloat && rtag == tagInt:
			if i, ok := v.(int64); ok {
				return float64(i), nil
			}
			return v, nil
		case tag == tagBool:
			if b, ok := yaml11Bool(n.Value); ok {
				return b, nil
			}
		case tag == tagNull && n.Value == "":
			return nil, nil
		}
		return nil, c.errorf(n, ErrValue, "cannot decode %q as %s", n.Value, tag)
	}
	// A custom tag: the value as if untagged, then the caller's hook.
	var v any = n.Value
	if !quoted {
		v, _ = resolvePlain(n.Value)
		if b, ok := yaml11Bool(n.Value); ok && c.opts.YAML11Bools {
			v = b
		}
	}
	return c.tagged(tag, v, n)
}

// tagged applies Options.TagFunc to a node with a custom tag.
func (c *converter) tagged(tag string, v any, n *yaml.Node) (any, error) {
	if c.opts.TagFunc == nil {
		return v, nil
	}
	out, err := c.opts.TagFunc(tag, v, n)
	if err != nil {
		return nil, &Error{Line: n.Line, Column: n.Column, Msg: fmt.Sprintf("tag %s: %v", tag, err), Err: fmt.Errorf("%w: %w", ErrValue, err)}
	}
	return out, nil
}

// keyString returns the string form of a converted mapping key.
func keyString(v any) string {
	switch k := v.(type) {
	case string:
		return k
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(k)
	case int64:
		return strconv.FormatInt(k, 10)
	case float64:
		return strconv.FormatFloat(k, 'g', -1, 64)
	}
	if b, err := json.Marshal(v); err == nil {
		return string(b)
	}
	return fmt.Sprint(v)
}
