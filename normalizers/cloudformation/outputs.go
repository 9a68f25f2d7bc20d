package cloudformation

import "strings"

// outState is an output being or having been evaluated.
type outState struct {
	busy   bool
	value  ev
	export *ev
	// active is false when the output's Condition is false.
	active bool
	cond   string
	desc   any
}

// output evaluates the output name once; nil when the template has none of
// that name or its value needs itself.
func (s *stack) output(name string, p pos) *outState {
	if o, ok := s.outputs[name]; ok {
		if o.busy {
			s.warnf(p, "circular reference to output %s", name)
			return nil
		}
		return o
	}
	raw, ok := s.tpl.outputs.m[name]
	if !ok {
		return nil
	}
	op := s.tpl.outputs.at(name)
	o := &outState{busy: true, active: true}
	s.outputs[name] = o
	defer func() { o.busy = false }()
	def, ok := raw.(map[string]any)
	if !ok {
		s.warnf(op, "output %s is %s, not a mapping", name, describe(raw))
		o.value = ev{unknown, leaf(op, nil)}
		return o
	}
	if c, ok := def["Condition"].(string); ok {
		o.cond = c
		o.active = s.condition(c, op.key("Condition")) != triFalse
	}
	o.desc = def["Description"]
	if v, ok := def["Value"]; ok {
		o.value = s.eval(v, op.key("Value"))
	} else {
		s.warnf(op, "output %s has no Value", name)
		o.value = ev{unknown, leaf(op, nil)}
	}
	if exp, ok := def["Export"].(map[string]any); ok {
		e := s.eval(exp["Name"], op.key("Export").key("Name"))
		o.export = &e
	}
	return o
}

// outputValues returns the outputs of the stack as document extras:
// name → {"value", "known", "export", "condition", "active", "description"}.
func (s *stack) outputValues() map[string]any {
	out := make(map[string]any, len(s.tpl.outputs.m))
	for _, name := range sortedKeys(s.tpl.outputs.m) {
		if strings.HasPrefix(name, "Fn::ForEach::") {
			continue // loops of outputs are not expanded
		}
		o := s.output(name, s.tpl.outputs.at(name))
		if o == nil {
			continue
		}
		entry := map[string]any{"active": o.active}
		v, known := plainValue(o.value.v)
		if v != nil || known {
			entry["value"] = v
		}
		entry["known"] = known
		if o.export != nil {
			if name, ok := plainValue(o.export.v); ok {
				entry["export"] = name
			}
		}
		if o.cond != "" {
			entry["condition"] = o.cond
		}
		if d, ok := o.desc.(string); ok {
			entry["description"] = d
		}
		out[name] = entry
	}
	return out
}
