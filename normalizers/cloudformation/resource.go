package cloudformation

import (
	"strings"
)

// resourceAttributes are the keys a resource entry may have.
var resourceAttributes = map[string]bool{
	"Type": true, "Properties": true, "DependsOn": true, "Condition": true,
	"DeletionPolicy": true, "UpdateReplacePolicy": true, "UpdatePolicy": true,
	"CreationPolicy": true, "Metadata": true, "Version": true,
	// SAM
	"Connectors": true, "IgnoreGlobals": true,
}

// metaAttributes are the resource attributes besides Type and Properties
// that the document keeps, in resources_meta.
var metaAttributes = []string{"Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy", "Metadata"}

// resState is a resource being or having been evaluated.
type resState struct {
	entry *resEntry
	busy  bool
	// skip is set for an entry that is not a resource (no Type).
	skip  bool
	typ   string
	props ev
	// active is false when the resource's Condition is false; an unknown
	// condition counts as active.
	active    bool
	dependsOn []string
}

// resource evaluates the resource id once. It returns nil for an id the
// template does not declare and for a resource whose evaluation needs its
// own value (a cycle through nested stack outputs), reported at p.
func (s *stack) resource(id string, p pos) *resState {
	if st, ok := s.resources[id]; ok {
		if st.busy {
			s.warnf(p, "circular reference to resource %s", id)
			return nil
		}
		return st
	}
	s.resourceEntries()
	e, ok := s.byID[id]
	if !ok {
		return nil
	}
	st := &resState{entry: e, busy: true, active: !s.inactive}
	s.resources[id] = st
	defer func() { st.busy = false }()
	m, ok := e.raw.(map[string]any)
	if !ok {
		s.warnf(e.pos, "resource %s is %s, not a mapping; skipped", id, describe(e.raw))
		st.skip = true
		return st
	}
	switch t := m["Type"].(type) {
	case string:
		st.typ = t
	case nil:
		s.warnf(e.pos, "resource %s has no Type; skipped", id)
	default:
		s.warnf(e.pos.key("Type"), "resource %s: Type is %s, not a string; skipped", id, describe(t))
	}
	if st.typ == "" {
		st.skip = true
		return st
	}
	if prefix, rest, ok := strings.Cut(st.typ, "::"); !ok || prefix == "" || rest == "" {
		s.warnf(e.pos.key("Type"), "resource %s: %q is not a resource type (Organization::Service::Resource); skipped", id, st.typ)
		st.skip = true
		return st
	}
	for _, k := range sortedKeys(m) {
		if !resourceAttributes[k] && !s.lenient() {
			s.warnf(e.pos.keyIn(k, len(m)), "resource %s: unknown resource attribute %q", id, k)
		}
	}
	if c, ok := m["Condition"]; ok {
		name, isName := c.(string)
		if !isName {
			s.warnf(e.pos.key("Condition"), "resource %s: Condition is %s, not a condition name", id, describe(c))
		} else if s.condition(name, e.pos.key("Condition")) == triFalse {
			st.active = false
		}
	}
	st.dependsOn = s.dependsOn(id, m["DependsOn"], e.pos.key("DependsOn"))
	st.props = s.properties(st, m)
	return st
}

// properties evaluates the Properties of a resource and applies SAM
// Globals.
func (s *stack) properties(st *resState, m map[string]any) ev {
	e := st.entry
	raw, present := m["Properties"]
	var props ev
	if present && raw != nil {
		p := e.pos.key("Properties")
		props = s.eval(raw, p)
		switch props.v.(type) {
		case map[string]any, unknownValue:
		case noValue:
			props = ev{}
		default:
			s.warnf(p, "resource %s: Properties is %s, not a mapping; ignored", e.id, describe(props.v))
			props = ev{}
		}
	}
	if props.n == nil {
		props = ev{v: map[string]any{}, n: &node{kind: mapNode, loc: e.pos.loc, keys: map[string]*node{}}}
	}
	if s.tpl.sam && strings.HasPrefix(st.typ, "AWS::Serverless::") && !truthy(m["IgnoreGlobals"]) {
		props = s.applyGlobals(st.typ, props, raw)
	}
	return props
}

// dependsOn reads the DependsOn attribute: a logical id or a list of them.
// It returns their addresses.
func (s *stack) dependsOn(id string, v any, p pos) []string {
	var names []any
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		names = []any{v}
	case []any:
		names = v
	default:
		s.warnf(p, "resource %s: DependsOn is %s, not a logical id or a list of them", id, describe(v))
		return nil
	}
	var out []string
	for i, n := range names {
		name, ok := n.(string)
		switch {
		case !ok:
			s.warnf(p.elem(i), "resource %s: DependsOn element is %s, not a logical id", id, describe(n))
		case !s.hasResource(name):
			if !s.lenient() {
				s.warnf(p.elem(i), "resource %s depends on %s, which is not a resource of the template", id, name)
			}
		default:
			out = append(out, s.addr(name))
		}
	}
	return dedupe(out)
}
