package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Evaluation states of lazily computed values.
const (
	pending = iota
	active
	done
)

// lazyVar is an input variable of an instance. In a called module it is
// evaluated on first use from the call's argument, so that a module's
// outputs that do not depend on an argument can feed another argument of
// the same call, as Terraform allows.
type lazyVar struct {
	state int
	decl  *variableDecl
	val   cty.Value
	// arg is the call's argument setting the variable (nil: not set);
	// raw and refs are its value and references in the caller.
	arg     *hcl.Attribute
	raw     cty.Value
	refs    []string
	rawDone bool
}

// lazyOutput is an output value, evaluated on first use.
type lazyOutput struct {
	state     int
	decl      *decl
	val       cty.Value
	refs      []string
	sensitive bool
}

// lazyLocal is a local value, evaluated on first use.
type lazyLocal struct {
	state    int
	val      cty.Value
	refState int
	refs     []string
	decl     *localDecl
}

// local returns the value of a local, evaluating it on first use. A local
// that depends on itself is unknown.
func (m *instance) local(name string) cty.Value {
	l := m.locals[name]
	switch l.state {
	case done:
		return l.val
	case active:
		m.warn(hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Cycle in local values",
			Detail:  fmt.Sprintf("local.%s depends on itself; its value is unknown.", name),
			Subject: l.decl.attr.NameRange.Ptr()}}, l.decl.attr.Range)
		return cty.DynamicVal
	}
	if m.doc.depth >= maxEvalDepth {
		m.warn(hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Expressions nested too deeply",
			Detail:  fmt.Sprintf("local.%s is reached through more than %d nested values; it is unknown.", name, maxEvalDepth),
			Subject: l.decl.attr.NameRange.Ptr()}}, l.decl.attr.Range)
		return cty.DynamicVal
	}
	l.state = active
	m.doc.depth++
	l.val, _ = m.eval(l.decl.attr.Expr, nil)
	m.doc.depth--
	l.state = done
	return l.val
}

// variable returns the value of an input variable. In a called module it
// is the call's argument, evaluated on first use in the caller and
// converted to the variable's type; a variable whose argument depends on
// itself is unknown.
func (m *instance) variable(name string) cty.Value {
	v := m.vars[name]
	switch v.state {
	case done:
		return v.val
	case active:
		m.warnAt(v.decl.block.DefRange, "Cycle in module inputs",
			fmt.Sprintf("var.%s depends on itself through the module call; its value is unknown.", name))
		return cty.DynamicVal
	}
	if m.doc.depth >= maxEvalDepth {
		return cty.DynamicVal
	}
	v.state = active
	m.doc.depth++
	raw, _ := m.argument(name)
	var rng *hcl.Range
	if v.arg != nil {
		rng = v.arg.Expr.Range().Ptr()
	}
	v.val = v.decl.finalize(raw, v.arg != nil, rng, func(d *hcl.Diagnostic) { m.r.addHCLDiags(hcl.Diagnostics{d}, true) })
	m.doc.depth--
	v.state = done
	return v.val
}

// argument returns the value the module call gives to an input variable,
// as evaluated in the caller, and its references; cty.NilVal when the
// call does not set it.
func (m *instance) argument(name string) (cty.Value, []string) {
	v := m.vars[name]
	if v == nil || v.arg == nil || m.caller == nil {
		return cty.NilVal, nil
	}
	if !v.rawDone {
		v.rawDone = true
		v.raw = cty.DynamicVal
		v.raw, v.refs = m.caller.eval(v.arg.Expr, m.callScope)
	}
	return v.raw, v.refs
}

// output returns the value of an output, evaluating it on first use,
// marked sensitive when the output is.
func (m *instance) output(name string) cty.Value {
	o := m.outputs[name]
	switch o.state {
	case done:
		return o.val
	case active:
		m.warnAt(o.decl.block.DefRange, "Cycle in module outputs",
			fmt.Sprintf("%soutput.%s depends on itself; its value is unknown.", m.prefix, name))
		return cty.DynamicVal
	}
	if m.doc.depth >= maxEvalDepth {
		return cty.DynamicVal
	}
	o.state = active
	m.doc.depth++
	it := m.itemsOf(o.decl)
	o.val = cty.NullVal(cty.DynamicPseudoType)
	found := false
	for _, a := range it.attrs {
		switch a.Name {
		case "value":
			o.val, o.refs = m.eval(a.Expr, nil)
			found = true
		case "sensitive":
			o.sensitive = literalBool(a, false)
		}
	}
	if !found {
		m.warnAt(o.decl.block.DefRange, "Missing required argument", fmt.Sprintf("Output %q has no value.", name))
	}
	if o.sensitive {
		o.val = o.val.Mark(sensitiveMark)
	}
	m.doc.depth--
	o.state = done
	return o.val
}
