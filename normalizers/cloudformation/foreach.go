package cloudformation

import (
	"strings"
	"unicode"
)

// Limits of Fn::ForEach expansion in one stack.
const (
	// maxForEach bounds the resources the loops add.
	maxForEach = 10_000
	// maxForEachValues bounds the values the loops copy, so a large body
	// repeated over a long collection cannot exhaust memory.
	maxForEachValues = 1_000_000
)

// expandForEach expands a Fn::ForEach::<Name> entry of Resources (language
// extensions): [Identifier, Collection, {OutputKey: OutputValue}]. For each
// element of the collection, every OutputKey with ${Identifier} (or
// &{Identifier}: the element without non-alphanumeric characters) replaced
// becomes a resource whose definition has Ref Identifier and ${Identifier}
// in Fn::Sub replaced by the element. Loops may nest. A loop whose
// collection is not known is skipped with a warning.
func (s *stack) expandForEach(key string, raw any, p pos) []*resEntry {
	l, ok := s.argList(key, raw, p, 3, 3)
	if !ok {
		return nil
	}
	id, ok := l[0].(string)
	if !ok || id == "" {
		s.warnf(p.elem(0), "%s: the identifier is %s, not a name; the loop is skipped", key, describe(l[0]))
		return nil
	}
	coll := s.eval(l[1], p.elem(1))
	items, _ := unwrapSecret(coll.v)
	list, ok := items.([]any)
	if !ok {
		if isUnknown(items) {
			s.warnf(p.elem(1), "%s: the collection is not known statically; the loop is skipped", key)
		} else {
			s.warnf(p.elem(1), "%s: the collection is %s, not a list; the loop is skipped", key, describe(items))
		}
		return nil
	}
	body, ok := l[2].(map[string]any)
	if !ok {
		s.warnf(p.elem(2), "%s: the output is %s, not a mapping; the loop is skipped", key, describe(l[2]))
		return nil
	}
	bp := p.elem(2)
	s.forEachValues += len(list) * countValues(body, maxForEachValues)
	if s.forEachValues > maxForEachValues {
		s.warnf(p, "%s: loops copy more than %d values; the loop is skipped", key, maxForEachValues)
		return nil
	}
	var out []*resEntry
	for _, item := range list {
		val, ok := scalarString(item)
		if !ok {
			s.warnf(p.elem(1), "%s: collection element %s is not a string; skipped", key, describe(item))
			continue
		}
		for _, k := range sortedKeys(body) {
			newKey := substituteKey(k, id, val)
			v := substitute(body[k], id, val)
			if strings.HasPrefix(newKey, "Fn::ForEach::") {
				out = append(out, s.expandForEach(newKey, v, bp.keyIn(k, len(body)))...)
			} else {
				out = append(out, &resEntry{id: newKey, raw: v, pos: bp.keyIn(k, len(body))})
			}
			if len(out) > maxForEach {
				s.warnf(p, "%s: loops add more than %d resources; the rest are skipped", key, maxForEach)
				return out[:maxForEach]
			}
		}
	}
	return out
}

// countValues counts the values of v, stopping past limit.
func countValues(v any, limit int) int {
	n := 1
	switch t := v.(type) {
	case map[string]any:
		for _, e := range t {
			if n > limit {
				break
			}
			n += countValues(e, limit)
		}
	case []any:
		for _, e := range t {
			if n > limit {
				break
			}
			n += countValues(e, limit)
		}
	}
	return n
}

// substituteKey replaces ${id} and &{id} in a key.
func substituteKey(k, id, val string) string {
	k = strings.ReplaceAll(k, "${"+id+"}", val)
	return strings.ReplaceAll(k, "&{"+id+"}", alphanumeric(val))
}

// alphanumeric drops the characters of s that are not letters or digits.
func alphanumeric(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// substitute copies a loop body with the identifier replaced: in keys, in
// Ref Identifier and in the templates of Fn::Sub.
func substitute(v any, id, val string) any {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 1 {
			if r, ok := t["Ref"]; ok && r == id {
				return val
			}
			if sub, ok := t["Fn::Sub"]; ok {
				return map[string]any{"Fn::Sub": substituteSub(sub, id, val)}
			}
		}
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[substituteKey(k, id, val)] = substitute(e, id, val)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = substitute(e, id, val)
		}
		return out
	}
	return v
}

// substituteSub replaces ${id} in an Fn::Sub argument.
func substituteSub(sub any, id, val string) any {
	switch t := sub.(type) {
	case string:
		return strings.ReplaceAll(t, "${"+id+"}", val)
	case []any:
		out := substitute(t, id, val).([]any)
		if len(out) > 0 {
			if str, ok := out[0].(string); ok {
				out[0] = strings.ReplaceAll(str, "${"+id+"}", val)
			}
		}
		return out
	}
	return substitute(sub, id, val)
}
