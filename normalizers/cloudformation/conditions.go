package cloudformation

// tri is the value of a condition: true, false or unknown (it depends on a
// value not known statically, such as AWS::Region).
type tri int8

const (
	triUnknown tri = iota
	triFalse
	triTrue
)

// triOf converts a boolean.
func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// value returns the condition as a plain value: true, false or nil.
func (t tri) value() any {
	switch t {
	case triTrue:
		return true
	case triFalse:
		return false
	}
	return nil
}

// condState memoizes the evaluation of a named condition.
type condState struct {
	busy bool
	v    tri
}

// condition evaluates the named condition of the Conditions section once.
// An undeclared name or a cycle is reported at p and unknown.
func (s *stack) condition(name string, p pos) tri {
	if c, ok := s.conds[name]; ok {
		if c.busy {
			s.warnf(p, "condition %s refers to itself", name)
			return triUnknown
		}
		return c.v
	}
	def, ok := s.tpl.conditions.m[name]
	if !ok {
		s.warnf(p, "condition %s is not declared in Conditions; it is unknown", name)
		return triUnknown
	}
	c := &condState{busy: true}
	s.conds[name] = c
	c.v = s.condArg(def, s.tpl.conditions.at(name))
	c.busy = false
	return c.v
}

// conditionValues evaluates every declared condition, by name.
func (s *stack) conditionValues() map[string]any {
	out := make(map[string]any, len(s.tpl.conditions.m))
	for _, name := range sortedKeys(s.tpl.conditions.m) {
		out[name] = s.condition(name, s.tpl.conditions.at(name)).value()
	}
	return out
}

// condArg evaluates a condition expression: a condition function or a
// {"Condition": name} reference.
func (s *stack) condArg(v any, p pos) tri {
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		if ref, ok := m["Condition"]; ok {
			name, ok := ref.(string)
			if !ok {
				s.warnf(p, "Condition takes a condition name, not %s; it is unknown", describe(ref))
				return triUnknown
			}
			return s.condition(name, p.args("Condition"))
		}
	}
	e := s.eval(v, p)
	switch b := e.v.(type) {
	case bool:
		return triOf(b)
	case unknownValue:
		return triUnknown
	case string:
		switch b {
		case "true":
			return triTrue
		case "false":
			return triFalse
		}
	}
	s.warnf(p, "a condition is Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition, not %s; it is unknown", describe(e.v))
	return triUnknown
}

// boolAt returns the value of a condition function.
func boolAt(t tri, p pos) ev {
	if t == triUnknown {
		return ev{unknown, leaf(p, nil)}
	}
	return ev{t == triTrue, leaf(p, nil)}
}

// fnEquals resolves Fn::Equals [a, b].
func fnEquals(s *stack, args any, ap, p pos) ev {
	l, ok := s.argList("Fn::Equals", args, ap, 2, 2)
	if !ok {
		return ev{unknown, leaf(p, nil)}
	}
	a, b := s.eval(l[0], ap.elem(0)), s.eval(l[1], ap.elem(1))
	if containsUnknown(a.v) || containsUnknown(b.v) {
		return ev{unknown, leaf(p, nil)}
	}
	return boolAt(triOf(equal(a.v, b.v)), p)
}

// equal compares two values as CloudFormation does: scalars by their string
// form ("1" equals 1), collections element by element.
func equal(a, b any) bool {
	a, _ = unwrapSecret(a)
	b, _ = unwrapSecret(b)
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	case nil:
		return b == nil
	}
	as, ok1 := scalarString(a)
	bs, ok2 := scalarString(b)
	return ok1 && ok2 && as == bs
}

// fnAnd resolves Fn::And: false when one condition is false, else unknown
// when one is unknown.
func fnAnd(s *stack, args any, ap, p pos) ev {
	l, ok := s.argList("Fn::And", args, ap, 2, 10)
	if !ok {
		return ev{unknown, leaf(p, nil)}
	}
	out := triTrue
	for i, c := range l {
		switch s.condArg(c, ap.elem(i)) {
		case triFalse:
			out = triFalse
		case triUnknown:
			if out == triTrue {
				out = triUnknown
			}
		}
	}
	return boolAt(out, p)
}

// fnOr resolves Fn::Or: true when one condition is true, else unknown when
// one is unknown.
func fnOr(s *stack, args any, ap, p pos) ev {
	l, ok := s.argList("Fn::Or", args, ap, 2, 10)
	if !ok {
		return ev{unknown, leaf(p, nil)}
	}
	out := triFalse
	for i, c := range l {
		switch s.condArg(c, ap.elem(i)) {
		case triTrue:
			out = triTrue
		case triUnknown:
			if out == triFalse {
				out = triUnknown
			}
		}
	}
	return boolAt(out, p)
}

// fnNot resolves Fn::Not [condition].
func fnNot(s *stack, args any, ap, p pos) ev {
	l, ok := s.argList("Fn::Not", args, ap, 1, 1)
	if !ok {
		return ev{unknown, leaf(p, nil)}
	}
	switch s.condArg(l[0], ap.elem(0)) {
	case triTrue:
		return boolAt(triFalse, p)
	case triFalse:
		return boolAt(triTrue, p)
	}
	return boolAt(triUnknown, p)
}

// fnIf resolves Fn::If [condition, then, else]. Only the chosen branch is
// evaluated; with an unknown condition both are, and what they agree on is
// kept (see join).
func fnIf(s *stack, args any, ap, p pos) ev {
	l, ok := s.argList("Fn::If", args, ap, 3, 3)
	if !ok {
		return ev{unknown, leaf(p, nil)}
	}
	name, ok := l[0].(string)
	if !ok {
		s.warnf(ap.elem(0), "Fn::If takes a condition name first, not %s; its value is unknown", describe(l[0]))
		return ev{unknown, leaf(p, nil)}
	}
	switch s.condition(name, ap.elem(0)) {
	case triTrue:
		e := s.eval(l[1], ap.elem(1))
		return ev{e.v, e.n.movedTo(p.loc)}
	case triFalse:
		e := s.eval(l[2], ap.elem(2))
		return ev{e.v, e.n.movedTo(p.loc)}
	}
	return join(s.eval(l[1], ap.elem(1)), s.eval(l[2], ap.elem(2)), p.loc)
}
