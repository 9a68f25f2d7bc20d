package cloudformation

import (
	"strings"
)

// applyGlobals merges the SAM Globals section of a serverless resource's
// type (Globals.Function for AWS::Serverless::Function, ...) into its
// evaluated Properties, the way the SAM translator does: mappings are
// merged key by key, lists are concatenated (Globals first), and any other
// value, or a value written as an intrinsic function, is taken from the
// resource when it has one.
func (s *stack) applyGlobals(typ string, props ev, raw any) ev {
	name := strings.TrimPrefix(typ, "AWS::Serverless::")
	g := s.globalSection(name)
	if g == nil || isUnknown(props.v) {
		return props
	}
	return mergeGlobal(*g, props, s.tpl.globals.m[name], raw)
}

// globalSection evaluates Globals.<name> once; nil when there is none.
func (s *stack) globalSection(name string) *ev {
	if g, ok := s.globals[name]; ok {
		return g
	}
	var out *ev
	if raw, ok := s.tpl.globals.m[name]; ok {
		p := s.tpl.globals.at(name)
		e := s.eval(raw, p)
		if _, ok := e.v.(map[string]any); ok {
			out = &e
		} else if !isUnknown(e.v) {
			s.warnf(p, "Globals.%s is %s, not a mapping; ignored", name, describe(e.v))
		}
	}
	s.globals[name] = out
	return out
}

// mergeGlobal merges a Globals value g under a resource's value l; graw
// and lraw are the values as written.
func mergeGlobal(g, l ev, graw, lraw any) ev {
	if isIntrinsic(graw) || isIntrinsic(lraw) {
		return l
	}
	switch lv := l.v.(type) {
	case map[string]any:
		gv, ok := g.v.(map[string]any)
		if !ok {
			return l
		}
		out := make(map[string]any, len(lv)+len(gv))
		kids := make(map[string]*node, len(out))
		for k, v := range lv {
			out[k], kids[k] = v, l.n.memberIn(k, len(lv))
		}
		for k, v := range gv {
			gk := ev{v, g.n.memberIn(k, len(gv))}
			if _, ok := out[k]; !ok {
				out[k], kids[k] = gk.v, gk.n
				continue
			}
			m := mergeGlobal(gk, ev{out[k], kids[k]}, rawMember(graw, k), rawMember(lraw, k))
			out[k], kids[k] = m.v, m.n
		}
		return ev{out, &node{kind: mapNode, loc: l.n.loc, keys: kids}}
	case []any:
		gv, ok := g.v.([]any)
		if !ok {
			return l
		}
		out := make([]any, 0, len(gv)+len(lv))
		kids := make([]*node, 0, len(out))
		for i, v := range gv {
			out, kids = append(out, v), append(kids, g.n.element(i))
		}
		for i, v := range lv {
			out, kids = append(out, v), append(kids, l.n.element(i))
		}
		return ev{out, &node{kind: listNode, loc: l.n.loc, elems: kids}}
	}
	return l
}

// rawMember returns the member k of a mapping as written, nil otherwise.
func rawMember(raw any, k string) any {
	if m, ok := raw.(map[string]any); ok {
		return m[k]
	}
	return nil
}
