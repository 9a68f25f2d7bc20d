package cloudformation

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// functions are the intrinsic functions by long-form name. Condition is not
// one of them: it is only a function inside conditions (see condArg).
var functions map[string]fn

func init() {
	functions = map[string]fn{
		"Ref":              fnRef,
		"Fn::GetAtt":       fnGetAtt,
		"Fn::Sub":          fnSub,
		"Fn::Join":         fnJoin,
		"Fn::Select":       fnSelect,
		"Fn::Split":        fnSplit,
		"Fn::If":           fnIf,
		"Fn::Equals":       fnEquals,
		"Fn::And":          fnAnd,
		"Fn::Or":           fnOr,
		"Fn::Not":          fnNot,
		"Fn::FindInMap":    fnFindInMap,
		"Fn::Base64":       fnBase64,
		"Fn::Cidr":         fnCidr,
		"Fn::GetAZs":       fnGetAZs,
		"Fn::ImportValue":  fnImportValue,
		"Fn::Length":       fnLength,
		"Fn::ToJsonString": fnToJSONString,
		"Fn::Transform":    fnTransform,
	}
}

// fnJoin resolves Fn::Join [delimiter, list].
func fnJoin(s *stack, args any, ap, p pos) ev {
	l, ok := s.argList("Fn::Join", args, ap, 2, 2)
	if !ok {
		return ev{unknown, leaf(p, nil)}
	}
	delim := s.eval(l[0], ap.elem(0))
	list := s.eval(l[1], ap.elem(1))
	if r, stop := blocked(p, delim, list); stop {
		return r
	}
	d, dSecret := unwrapSecret(delim.v)
	sep, ok := d.(string)
	if !ok {
		s.warnf(ap.elem(0), "Fn::Join: the delimiter is %s, not a string; its value is unknown", describe(d))
		return unknownAt(p, delim, list)
	}
	items, lSecret := unwrapSecret(list.v)
	parts, ok := items.([]any)
	if !ok {
		s.warnf(ap.elem(1), "Fn::Join: the values are %s, not a list; its value is unknown", describe(items))
		return unknownAt(p, delim, list)
	}
	strs := make([]string, len(parts))
	sensitive := dSecret || lSecret
	for i, part := range parts {
		inner, isSecret := unwrapSecret(part)
		sensitive = sensitive || isSecret
		str, ok := scalarString(inner)
		if !ok && inner != nil {
			s.warnf(ap.elem(1), "Fn::Join: element %d is %s, not a string; its value is unknown", i, describe(inner))
			return unknownAt(p, delim, list)
		}
		strs[i] = str
	}
	out := any(strings.Join(strs, sep))
	if sensitive {
		out = secret{v: out}
	}
	return scalarAt(out, p, delim, list)
}

// fnSelect resolves Fn::Select [index, list].
func fnSelect(s *stack, args any, ap, p pos) ev {
	l, ok := s.argList("Fn::Select", args, ap, 2, 2)
	if !ok {
		return ev{unknown, leaf(p, nil)}
	}
	idx := s.eval(l[0], ap.elem(0))
	list := s.eval(l[1], ap.elem(1))
	if isUnknown(idx.v) || isUnknown(list.v) {
		return unknownAt(p, idx, list)
	}
	iv, _ := unwrapSecret(idx.v)
	i, ok := toInt(iv)
	if !ok {
		s.warnf(ap.elem(0), "Fn::Select: the index is %s, not a number; its value is unknown", describe(iv))
		return unknownAt(p, idx, list)
	}
	items, isSecret := unwrapSecret(list.v)
	elems, ok := items.([]any)
	if !ok {
		s.warnf(ap.elem(1), "Fn::Select: the values are %s, not a list; its value is unknown", describe(items))
		return unknownAt(p, idx, list)
	}
	if i < 0 || i >= int64(len(elems)) {
		s.warnf(ap.elem(0), "Fn::Select: index %d is out of range for a list of %d; its value is unknown", i, len(elems))
		return unknownAt(p, idx, list)
	}
	v := elems[i]
	if isSecret {
		v = secret{v: v}
	}
	if list.n.kind == leafNode {
		return ev{v, leaf(p, list.n.refs)}
	}
	return ev{v, list.n.element(int(i)).movedTo(p.loc)}
}

// fnSplit resolves Fn::Split [delimiter, string].
func fnSplit(s *stack, args any, ap, p pos) ev {
	l, ok := s.argList("Fn::Split", args, ap, 2, 2)
	if !ok {
		return ev{unknown, leaf(p, nil)}
	}
	delim := s.eval(l[0], ap.elem(0))
	str := s.eval(l[1], ap.elem(1))
	if r, stop := blocked(p, delim, str); stop {
		return r
	}
	d, _ := unwrapSecret(delim.v)
	sep, ok := d.(string)
	if !ok || sep == "" {
		s.warnf(ap.elem(0), "Fn::Split: the delimiter is %s, not a non-empty string; its value is unknown", describe(d))
		return unknownAt(p, delim, str)
	}
	inner, isSecret := unwrapSecret(str.v)
	text, ok := scalarString(inner)
	if !ok {
		s.warnf(ap.elem(1), "Fn::Split: the source is %s, not a string; its value is unknown", describe(inner))
		return unknownAt(p, delim, str)
	}
	parts := strings.Split(text, sep)
	out := make([]any, len(parts))
	for i, part := range parts {
		if isSecret {
			out[i] = secret{v: part}
		} else {
			out[i] = part
		}
	}
	return scalarAt(out, p, delim, str)
}

// fnFindInMap resolves Fn::FindInMap [MapName, TopLevelKey, SecondLevelKey]
// with the optional fourth argument {DefaultValue: v} of the language
// extensions.
func fnFindInMap(s *stack, args any, ap, p pos) ev {
	l, ok := s.argList("Fn::FindInMap", args, ap, 3, 4)
	if !ok {
		return ev{unknown, leaf(p, nil)}
	}
	keys := make([]ev, 3)
	names := make([]string, 3)
	for i := range keys {
		keys[i] = s.eval(l[i], ap.elem(i))
	}
	if r, stop := blocked(p, keys...); stop {
		return r
	}
	sensitive := false
	for i, k := range keys {
		v, isSecret := unwrapSecret(k.v)
		sensitive = sensitive || isSecret
		if names[i], ok = scalarString(v); !ok {
			s.warnf(ap.elem(i), "Fn::FindInMap: key %d is %s, not a string; its value is unknown", i, describe(v))
			return unknownAt(p, keys...)
		}
	}
	var def any
	hasDefault := false
	if len(l) == 4 {
		opt, ok := l[3].(map[string]any)
		if def, hasDefault = opt["DefaultValue"]; !ok || !hasDefault {
			s.warnf(ap.elem(3), "Fn::FindInMap: the fourth argument is {DefaultValue: value}, not %s", describe(l[3]))
		}
	}
	mp := s.tpl.mappings.pos
	var cur any = s.tpl.mappings.m
	for i, name := range names {
		m, ok := cur.(map[string]any)
		if ok {
			cur, ok = m[name]
		}
		if !ok {
			if hasDefault {
				d := s.eval(def, ap.elem(3).key("DefaultValue"))
				return ev{d.v, d.n.movedTo(p.loc)}
			}
			what := [...]string{"mapping", "top-level key", "second-level key"}[i]
			shown := fmt.Sprintf("%q", name)
			if sensitive {
				shown = redacted
			}
			s.warnf(ap.elem(i), "Fn::FindInMap: no %s %s; its value is unknown", what, shown)
			return unknownAt(p, keys...)
		}
		mp = mp.keyIn(name, len(m))
	}
	n := verbatim(mp).movedTo(p.loc)
	n.refs = append(n.refs, scalarAt(nil, p, keys...).n.refs...)
	return ev{cur, n}
}

// fnBase64 resolves Fn::Base64.
func fnBase64(s *stack, args any, ap, p pos) ev {
	a := s.eval(args, ap)
	if r, stop := blocked(p, a); stop {
		return r
	}
	inner, isSecret := unwrapSecret(a.v)
	str, ok := scalarString(inner)
	if !ok {
		s.warnf(ap, "Fn::Base64 takes a string, not %s; its value is unknown", describe(inner))
		return unknownAt(p, a)
	}
	out := any(base64.StdEncoding.EncodeToString([]byte(str)))
	if isSecret {
		out = secret{v: out}
	}
	return scalarAt(out, p, a)
}

// fnGetAZs resolves Fn::GetAZs: the zones of a region are not known.
func fnGetAZs(s *stack, args any, ap, p pos) ev {
	a := s.eval(args, ap)
	if v, ok := a.v.(string); !ok && !isUnknown(a.v) && a.v != nil {
		s.warnf(ap, "Fn::GetAZs takes a region name, not %s", describe(v))
	}
	return unknownAt(p, a)
}

// fnImportValue resolves Fn::ImportValue: another stack's export.
func fnImportValue(s *stack, args any, ap, p pos) ev {
	return unknownAt(p, s.eval(args, ap))
}

// fnTransform resolves Fn::Transform: a macro runs at deployment.
func fnTransform(s *stack, args any, ap, p pos) ev {
	return ev{unknown, leaf(p, nil)}
}

// fnLength resolves Fn::Length (language extensions): the length of a list.
func fnLength(s *stack, args any, ap, p pos) ev {
	a := s.eval(args, ap)
	if isUnknown(a.v) {
		return unknownAt(p, a)
	}
	inner, _ := unwrapSecret(a.v)
	l, ok := inner.([]any)
	if !ok {
		s.warnf(ap, "Fn::Length takes a list, not %s; its value is unknown", describe(inner))
		return unknownAt(p, a)
	}
	return scalarAt(int64(len(l)), p, a)
}

// fnToJSONString resolves Fn::ToJsonString (language extensions): the JSON
// text of a mapping or list, keys sorted.
func fnToJSONString(s *stack, args any, ap, p pos) ev {
	a := s.eval(args, ap)
	if r, stop := blocked(p, a); stop {
		return r
	}
	switch a.v.(type) {
	case map[string]any, []any:
	default:
		s.warnf(ap, "Fn::ToJsonString takes a mapping or a list, not %s; its value is unknown", describe(a.v))
		return unknownAt(p, a)
	}
	if containsSecret(a.v) {
		return scalarAt(secret{v: redacted}, p, a)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(a.v); err != nil {
		s.warnf(ap, "Fn::ToJsonString: %v; its value is unknown", err)
		return unknownAt(p, a)
	}
	return scalarAt(strings.TrimSuffix(buf.String(), "\n"), p, a)
}
