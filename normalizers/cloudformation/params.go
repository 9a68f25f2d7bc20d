package cloudformation

import (
	"fmt"
	"strconv"
	"strings"
)

// paramValue is the effective value of a template parameter.
type paramValue struct {
	decl map[string]any // the declaration as written
	typ  string
	// v is the converted value: a string, number or list, unknownValue
	// (no default and no value given, or an SSM parameter type), wrapped in
	// secret for NoEcho parameters.
	v any
	// refs are the resources the value was computed from, for a nested
	// stack parameter set from the parent's resources.
	refs       []string
	noEcho     bool
	overridden bool
}

// paramInput is a value given for a parameter from outside the template:
// Options.Parameters for a root template, the stack's Parameters property
// for a nested one.
type paramInput struct {
	v    any
	refs []string
}

// bindParameters computes the value of every declared parameter from the
// inputs given (which win) and the defaults.
func (s *stack) bindParameters(inputs map[string]paramInput) {
	decls := s.tpl.parameters
	s.params = make(map[string]*paramValue, len(decls.m))
	for _, name := range sortedKeys(decls.m) {
		p := decls.at(name)
		decl, ok := decls.m[name].(map[string]any)
		if !ok {
			s.warnf(p, "parameter %s is %s, not a mapping", name, describe(decls.m[name]))
			decl = map[string]any{}
		}
		typ, _ := decl["Type"].(string)
		if typ == "" {
			s.warnf(p, "parameter %s has no Type", name)
			typ = "String"
		}
		pv := &paramValue{decl: decl, typ: typ, noEcho: truthy(decl["NoEcho"])}
		raw, given := inputs[name]
		switch def, hasDefault := decl["Default"]; {
		case given:
			pv.overridden, pv.refs = true, raw.refs
			pv.v = s.convertParam(name, typ, raw.v, p, pv.noEcho)
		case hasDefault:
			pv.v = s.convertParam(name, typ, def, p.key("Default"), pv.noEcho)
		default:
			pv.v = unknown
		}
		if pv.noEcho && !isUnknown(pv.v) {
			if _, ok := pv.v.(secret); !ok {
				pv.v = secret{v: pv.v}
			}
		}
		s.params[name] = pv
	}
}

// convertParam converts a parameter value to its type: Number → a number,
// List<Number> → a list of numbers, CommaDelimitedList and other List<...>
// types → a list of strings, SSM parameter types → unknown (CloudFormation
// reads the value from Parameter Store), anything else → a string.
func (s *stack) convertParam(name, typ string, v any, p pos, noEcho bool) any {
	inner, wasSecret := unwrapSecret(v)
	show := describeValue
	if noEcho || wasSecret {
		show = describe
	}
	out := s.convertPlain(name, typ, inner, p, show)
	if wasSecret && !isUnknown(out) {
		return secret{v: out}
	}
	return out
}

// convertPlain is convertParam for a value that is not a secret; show
// describes a value in warnings.
func (s *stack) convertPlain(name, typ string, v any, p pos, show func(any) string) any {
	if isUnknown(v) {
		return v
	}
	switch {
	case strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<"):
		return unknown
	case typ == "Number":
		if n, ok := toNumber(v); ok {
			return n
		}
		s.warnf(p, "parameter %s: %s is not a Number", name, show(v))
		return v
	case typ == "List<Number>":
		items := splitList(v)
		out := make([]any, len(items))
		for i, it := range items {
			n, ok := toNumber(it)
			if !ok {
				s.warnf(p, "parameter %s: element %d is not a Number", name, i)
				n = it
			}
			out[i] = n
		}
		return out
	case typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<"):
		items := splitList(v)
		out := make([]any, len(items))
		for i, it := range items {
			if str, ok := scalarString(it); ok {
				out[i] = str
			} else {
				out[i] = it
			}
		}
		return out
	}
	if str, ok := scalarString(v); ok {
		return str
	}
	if v == nil {
		return ""
	}
	s.warnf(p, "parameter %s of type %s: %s is not a string", name, typ, show(v))
	return v
}

// splitList turns a list parameter value into its elements: a list as is, a
// string split at commas with each element space-trimmed.
func splitList(v any) []any {
	switch v := v.(type) {
	case []any:
		return v
	case nil:
		return []any{}
	}
	str, _ := scalarString(v)
	if str == "" {
		return []any{}
	}
	parts := strings.Split(str, ",")
	out := make([]any, len(parts))
	for i, part := range parts {
		out[i] = strings.TrimSpace(part)
	}
	return out
}

// toNumber converts a number or a numeric string: int64 when integral,
// float64 otherwise.
func toNumber(v any) (any, bool) {
	switch v := v.(type) {
	case int64, float64:
		return v, true
	case string:
		t := strings.TrimSpace(v)
		if i, err := strconv.ParseInt(t, 10, 64); err == nil {
			return i, true
		}
		if f, err := strconv.ParseFloat(t, 64); err == nil && !isNonFinite(f) {
			return f, true
		}
	}
	return nil, false
}

// truthy reports whether a template flag (NoEcho) is set: true or "true".
func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		return strings.EqualFold(v, "true")
	}
	return false
}

// describeValue names a value for a diagnostic without printing long or
// sensitive text.
func describeValue(v any) string {
	switch t := v.(type) {
	case string:
		if len(t) <= 40 {
			return fmt.Sprintf("%q", t)
		}
	case int64, float64:
		str, _ := scalarString(t)
		return str
	}
	return describe(v)
}
