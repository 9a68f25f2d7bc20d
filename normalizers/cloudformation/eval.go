package cloudformation

import (
	"fmt"
	"strings"
)

// ev is an evaluated value and its node (source lines and references).
type ev struct {
	v any
	n *node
}

// fn evaluates one intrinsic function: args is the function's argument as
// written, ap its position and p the position of the call.
type fn func(s *stack, args any, ap, p pos) ev

// eval evaluates a template value at p: intrinsic functions are resolved
// where the value is knowable, the rest is copied. A value without function
// calls is returned as is, with a verbatim node.
func (s *stack) eval(v any, p pos) ev {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 1 {
			for k, args := range t {
				if f := functions[k]; f != nil {
					return f(s, args, p.args(k), p)
				}
				if strings.HasPrefix(k, "Fn::") {
					s.warnf(p, "unknown intrinsic function %s; its value is unknown", k)
					return ev{unknown, leaf(p, nil)}
				}
			}
		}
		return s.evalMap(t, p)
	case []any:
		return s.evalList(t, p)
	case string:
		if refs := dynamicRefs(t); refs != nil {
			return ev{unknownValue{dyn: refs}, leaf(p, nil)}
		}
	}
	return ev{v, verbatim(p)}
}

// evalMap evaluates the members of a mapping; members that evaluate to
// AWS::NoValue are removed.
func (s *stack) evalMap(m map[string]any, p pos) ev {
	keys := sortedKeys(m)
	evs := make([]ev, len(keys))
	changed := p.ix == nil
	for i, k := range keys {
		evs[i] = s.eval(m[k], p.keyIn(k, len(m)))
		if !evs[i].n.isVerbatim() {
			changed = true
		}
	}
	if !changed {
		return ev{m, verbatim(p)}
	}
	out := make(map[string]any, len(m))
	kids := make(map[string]*node, len(m))
	for i, k := range keys {
		if _, gone := evs[i].v.(noValue); gone {
			continue
		}
		out[k], kids[k] = evs[i].v, evs[i].n
	}
	return ev{out, &node{kind: mapNode, loc: p.loc, keys: kids}}
}

// evalList evaluates the elements of a list; elements that evaluate to
// AWS::NoValue are removed.
func (s *stack) evalList(l []any, p pos) ev {
	evs := make([]ev, len(l))
	changed := p.ix == nil
	for i, e := range l {
		evs[i] = s.eval(e, p.elem(i))
		if !evs[i].n.isVerbatim() {
			changed = true
		}
	}
	if !changed {
		return ev{l, verbatim(p)}
	}
	out := make([]any, 0, len(l))
	kids := make([]*node, 0, len(l))
	for _, e := range evs {
		if _, gone := e.v.(noValue); gone {
			continue
		}
		out = append(out, e.v)
		kids = append(kids, e.n)
	}
	return ev{out, &node{kind: listNode, loc: p.loc, elems: kids}}
}

// argList checks that the argument of a function is a list of min to max
// elements (max < 0: no limit) and reports it otherwise.
func (s *stack) argList(name string, args any, p pos, min, max int) ([]any, bool) {
	l, ok := args.([]any)
	switch {
	case !ok:
		s.warnf(p, "%s takes a list, not %s; its value is unknown", name, describe(args))
	case len(l) < min || (max >= 0 && len(l) > max):
		want := fmt.Sprintf("%d to %d arguments", min, max)
		switch {
		case min == max:
			want = fmt.Sprintf("%d arguments", min)
			if min == 1 {
				want = "1 argument"
			}
		case max < 0:
			want = fmt.Sprintf("at least %d arguments", min)
		}
		s.warnf(p, "%s takes %s, got %d; its value is unknown", name, want, len(l))
		ok = false
	}
	return l, ok
}

// unknownAt returns an unknown value computed from the given evaluated
// arguments: it keeps their dynamic references and resource references.
func unknownAt(p pos, args ...ev) ev {
	u := unknownValue{}
	var refs []string
	for _, a := range args {
		if x, ok := a.v.(unknownValue); ok {
			u.dyn = append(u.dyn, x.dyn...)
		}
		if a.n != nil {
			refs = append(refs, a.n.allRefs()...)
		}
	}
	return ev{u, leaf(p, refs)}
}

// scalarAt returns a computed scalar (or list) at p that depends on args.
func scalarAt(v any, p pos, args ...ev) ev {
	var refs []string
	for _, a := range args {
		if a.n != nil {
			refs = append(refs, a.n.allRefs()...)
		}
	}
	return ev{v, leaf(p, refs)}
}

// blocked returns the unknown value among args, if any, for functions
// whose result is unknown as soon as one argument is.
func blocked(p pos, args ...ev) (ev, bool) {
	for _, a := range args {
		if isUnknown(a.v) || containsUnknown(a.v) {
			return unknownAt(p, args...), true
		}
	}
	return ev{}, false
}

// containsUnknown reports whether a collection holds an unknown value.
func containsUnknown(v any) bool {
	switch v := v.(type) {
	case unknownValue:
		return true
	case secret:
		return containsUnknown(v.v)
	case []any:
		for _, e := range v {
			if containsUnknown(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if containsUnknown(e) {
				return true
			}
		}
	}
	return false
}

// containsSecret reports whether a value holds a NoEcho parameter's value.
func containsSecret(v any) bool {
	switch v := v.(type) {
	case secret:
		return true
	case []any:
		for _, e := range v {
			if containsSecret(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if containsSecret(e) {
				return true
			}
		}
	}
	return false
}
