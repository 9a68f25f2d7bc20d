package cloudformation

import (
	"strings"
)

// subPart is a piece of an Fn::Sub template: literal text or a variable.
type subPart struct {
	text  string
	isVar bool
}

// parseSub cuts an Fn::Sub template into literal text and ${Name}
// variables. "${!Text}" is the literal "${Text}"; a "${" without a closing
// brace, and "${}", are literal text.
func parseSub(t string) []subPart {
	var parts []subPart
	var lit strings.Builder
	for {
		j := strings.Index(t, "${")
		if j < 0 {
			lit.WriteString(t)
			break
		}
		lit.WriteString(t[:j])
		rest := t[j+2:]
		if strings.HasPrefix(rest, "!") {
			lit.WriteString("${")
			t = rest[1:]
			continue
		}
		end := strings.IndexByte(rest, '}')
		name := ""
		if end >= 0 {
			name = strings.TrimSpace(rest[:end])
		}
		if name == "" {
			lit.WriteString("${")
			t = rest
			continue
		}
		if lit.Len() > 0 {
			parts = append(parts, subPart{text: lit.String()})
			lit.Reset()
		}
		parts = append(parts, subPart{text: name, isVar: true})
		t = rest[end+1:]
	}
	if lit.Len() > 0 {
		parts = append(parts, subPart{text: lit.String()})
	}
	return parts
}

// fnSub resolves Fn::Sub: "template" or [template, {Name: value}].
// Variables are looked up in the mapping, then as parameters, pseudo
// parameters and resources (like Ref), and "${Resource.Attribute}" as
// Fn::GetAtt. The result is unknown when one variable is.
func fnSub(s *stack, args any, ap, p pos) ev {
	var tmpl string
	var vars map[string]any
	var varsPos pos
	switch a := args.(type) {
	case string:
		tmpl = a
	case []any:
		l, ok := s.argList("Fn::Sub", args, ap, 2, 2)
		if !ok {
			return ev{unknown, leaf(p, nil)}
		}
		if tmpl, ok = l[0].(string); !ok {
			s.warnf(ap.elem(0), "Fn::Sub takes a string template, not %s; its value is unknown", describe(l[0]))
			return ev{unknown, leaf(p, nil)}
		}
		if vars, ok = l[1].(map[string]any); !ok {
			s.warnf(ap.elem(1), "Fn::Sub takes a mapping of variables, not %s; its value is unknown", describe(l[1]))
			return ev{unknown, leaf(p, nil)}
		}
		varsPos = ap.elem(1)
	default:
		s.warnf(p, "Fn::Sub takes a string or [string, {variables}], not %s; its value is unknown", describe(args))
		return ev{unknown, leaf(p, nil)}
	}
	var b strings.Builder
	var args2 []ev
	sensitive, blockedBy := false, false
	for _, part := range parseSub(tmpl) {
		if !part.isVar {
			b.WriteString(part.text)
			continue
		}
		var e ev
		if raw, ok := vars[part.text]; ok {
			e = s.eval(raw, varsPos.keyIn(part.text, len(vars)))
		} else if res, attr, ok := strings.Cut(part.text, "."); ok && !strings.HasPrefix(part.text, "AWS::") {
			e = s.getAtt(res, attr, p)
		} else {
			e = s.ref(part.text, p)
		}
		args2 = append(args2, e)
		if isUnknown(e.v) {
			blockedBy = true
			continue
		}
		inner, isSecret := unwrapSecret(e.v)
		sensitive = sensitive || isSecret
		str, ok := scalarString(inner)
		if !ok {
			if _, gone := inner.(noValue); !gone {
				s.warnf(p, "Fn::Sub: ${%s} is %s, not a string; its value is unknown", part.text, describe(inner))
			}
			blockedBy = true
			continue
		}
		b.WriteString(str)
	}
	if refs := dynamicRefs(tmpl); refs != nil {
		args2 = append(args2, ev{v: unknownValue{dyn: refs}})
		blockedBy = true
	}
	if blockedBy {
		return unknownAt(p, args2...)
	}
	var out any = b.String()
	if sensitive {
		out = secret{v: out}
	}
	return scalarAt(out, p, args2...)
}
