package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/normalizers"
)

// providerTerraform is the provider of the blocks that belong to Terraform
// itself: variables, outputs, module calls and the terraform block.
const providerTerraform = "terraform"

// run evaluates the instance's blocks in source order and collects its
// resources. It runs once; a module call's instance runs when the parent
// first needs its outputs or reaches the call.
func (m *instance) run() {
	if m.ran {
		return
	}
	m.ran = true
	terraformDone, localsDone := false, false
	for _, d := range m.cfg.decls {
		if m.r.ctx.Err() != nil {
			return
		}
		switch d.kind {
		case kindTerraform:
			if !terraformDone {
				m.emitTerraform()
				terraformDone = true
			}
		case kindProvider:
			m.emitProvider(d)
		case kindVariable:
			m.emitVariable(d)
		case kindLocals:
			if !localsDone {
				// Evaluate unused locals too, to report their problems.
				for _, l := range m.cfg.localList {
					m.local(l.name)
				}
				localsDone = true
			}
		case kindOutput:
			m.emitOutput(d)
		case kindModule:
			m.emitCall(d)
		case kindResource, kindData:
			m.emitResource(d)
		}
	}
}

// take counts one more resource or module instance against the document's
// budget, and reports once when it is spent.
func (m *instance) take() bool {
	if m.r.budget > 0 {
		m.r.budget--
		return true
	}
	if !m.doc.overBudget {
		m.doc.overBudget = true
		m.r.addDiag(newDiag(m.doc.rootDir, 0, 0, false,
			"the root module expands to too many resources and module instances; the rest is not evaluated"))
	}
	return false
}

// add appends a resource of the instance.
func (m *instance) add(r *normalizers.Resource) {
	m.resources = append(m.resources, r)
}

// itemsOf reads a top-level block's body. Resources, data sources,
// providers and the terraform block have nested blocks (guessed in
// JSON); the other blocks have arguments only.
func (m *instance) itemsOf(d *decl) items {
	guess := d.kind == kindResource || d.kind == kindData || d.kind == kindProvider || d.kind == kindTerraform
	it, diags := readBody(d.body, guess, nil)
	m.warn(diags, d.block.DefRange)
	return it
}

// resourceMeta are the meta-arguments of resources handled apart.
var resourceMeta = map[string]bool{"count": true, "for_each": true}

// emitResource evaluates a resource or data block, once per count or
// for_each instance.
func (m *instance) emitResource(d *decl) {
	it := m.itemsOf(d)
	exp := m.expand(it.attrs, nil)
	prefix := m.prefix
	if d.kind == kindData {
		prefix += "data."
	}
	provider := providerOf(d.typ, it.attrs)
	loc := span(d.block)
	for _, inst := range exp.insts {
		if !m.take() {
			return
		}
		b := m.newBuilder(loc)
		config := map[string]any{}
		b.meta(exp, inst, config)
		b.body(it, inst.sc, nil, config, b.lines, "resource", resourceMeta)
		m.add(b.resource(prefix+d.typ+"."+d.name+inst.suffix, d.typ, provider, loc, config))
	}
}

// meta records the count or for_each of an instance in config: count is
// the number of instances; for_each is the instance's each object
// ({"key", "value"}), as the whole collection would repeat in every
// instance.
func (b *builder) meta(exp expansion, inst expInst, config map[string]any) {
	if exp.meta == "" {
		return
	}
	n := b.lines.child(exp.meta, location(exp.metaAttr.Range))
	addExpr(n, exp.metaAttr.Expr, 0)
	if exp.unexpanded {
		b.unknown = append(b.unknown, exp.meta)
		if len(exp.metaRefs) > 0 {
			b.refs[exp.meta] = exp.metaRefs
		}
		return
	}
	val := exp.metaVal
	if exp.meta == "for_each" {
		val = inst.sc.val
	}
	b.set(config, exp.meta, attrPath{exp.meta}, val, exp.metaRefs)
}

// providerOf returns the local name of a resource's provider: the provider
// argument's name (aws for aws.west), else the type's prefix.
func providerOf(typ string, attrs []*hcl.Attribute) string {
	for _, a := range attrs {
		if a.Name == "provider" {
			if s, ok := keywordOrString(a.Expr); ok {
				if name, _, _ := strings.Cut(s, "."); name != "" {
					return name
				}
			}
		}
	}
	if name, _, _ := strings.Cut(typ, "_"); name != "" {
		return name
	}
	return typ
}

// emitProvider evaluates a provider configuration block.
func (m *instance) emitProvider(d *decl) {
	if !m.take() {
		return
	}
	it := m.itemsOf(d)
	addr := m.prefix + "provider." + d.name
	for _, a := range it.attrs {
		if a.Name == "alias" {
			if s, ok := keywordOrString(a.Expr); ok {
				addr += "." + s
			} else if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
				addr += "." + v.AsString()
			}
		}
	}
	loc := span(d.block)
	b := m.newBuilder(loc)
	config := map[string]any{}
	b.body(it, nil, nil, config, b.lines, "provider", nil)
	m.add(b.resource(addr, "provider", d.name, loc, config))
}

// emitVariable describes an input variable: its declaration and the value
// it was given.
func (m *instance) emitVariable(d *decl) {
	v := m.cfg.variables[d.name]
	if v == nil || v.decl != d || !m.take() {
		return
	}
	loc := span(d.block)
	b := m.newBuilder(loc)
	config := map[string]any{
		"sensitive": v.sensitive,
		"nullable":  v.nullable,
	}
	for name, a := range v.attrs {
		n := b.lines.child(name, location(a.Range))
		addExpr(n, a.Expr, 0)
	}
	if v.typeSrc != "" {
		config["type"] = v.typeSrc
	}
	if v.hasDefault {
		def := v.def
		if v.sensitive {
			def = def.Mark(sensitiveMark)
		}
		b.set(config, "default", attrPath{"default"}, def, nil)
	}
	if a := v.attrs["description"]; a != nil {
		val, _ := m.eval(a.Expr, nil)
		b.set(config, "description", attrPath{"description"}, val, nil)
	}
	if a := v.attrs["default"]; a != nil {
		b.lines.child("value", location(a.Range))
	}
	b.set(config, "value", attrPath{"value"}, m.variable(d.name), nil)
	m.add(b.resource(m.prefix+"var."+d.name, "variable", providerTerraform, loc, config))
}

// outputMeta are the output arguments handled apart.
var outputMeta = map[string]bool{"value": true, "sensitive": true}

// emitOutput describes an output value; the value is what module.<name>
// exposes to the caller.
func (m *instance) emitOutput(d *decl) {
	o := m.outputs[d.name]
	if o == nil || o.decl != d {
		return
	}
	val := m.output(d.name)
	if !m.take() {
		return
	}
	it := m.itemsOf(d)
	loc := span(d.block)
	b := m.newBuilder(loc)
	config := map[string]any{"sensitive": o.sensitive}
	for _, a := range it.attrs {
		switch a.Name {
		case "value":
			addExpr(b.lines.child("value", location(a.Range)), a.Expr, 0)
			b.set(config, "value", attrPath{"value"}, val, o.refs)
		case "sensitive":
			b.lines.child("sensitive", location(a.Range))
		}
	}
	b.body(it, nil, nil, config, b.lines, "output", outputMeta)
	m.add(b.resource(m.prefix+"output."+d.name, "output", providerTerraform, loc, config))
}
