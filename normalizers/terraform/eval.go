package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-iac/rampart/normalizers"
)

// maxEvalDepth bounds how deeply lazy evaluations (a local referring to a
// local referring to ...) nest before the value is given up as unknown.
const maxEvalDepth = 512

// instance is one evaluation of a module: the root module of a document,
// or one instance of a module call.
type instance struct {
	r   *run
	doc *docState
	cfg *moduleConfig
	// prefix is the address prefix of the instance's objects:
	// "module.a[0].module.b." ("" in the root module).
	prefix string
	// key is the module's key in .terraform/modules/modules.json ("a.b").
	key string
	// stack lists the module directories from the root to this one.
	stack []string
	// pathModule is path.module: the module directory relative to the
	// root module's.
	pathModule string
	// caller and callScope evaluate the arguments of the module call
	// (nil for the root module).
	caller    *instance
	callScope *scope

	base    *hcl.EvalContext
	vars    map[string]*lazyVar
	locals  map[string]*lazyLocal
	outputs map[string]*lazyOutput
	calls   map[string]*callState
	ran     bool
	// resources are the instance's resources in source order, each
	// module call followed by its children's.
	resources []*normalizers.Resource
}

// scope holds the iteration variables visible to an expression: count,
// each, and the iterators of dynamic blocks, innermost first.
type scope struct {
	parent *scope
	name   string
	val    cty.Value
	// refs are the references the variable carries: for each and
	// dynamic iterators, those of their for_each expression.
	refs []string
}

// with returns a scope with one more variable.
func (sc *scope) with(name string, val cty.Value, refs []string) *scope {
	return &scope{parent: sc, name: name, val: val, refs: refs}
}

// lookup finds the innermost variable called name.
func (sc *scope) lookup(name string) (*scope, bool) {
	for s := sc; s != nil; s = s.parent {
		if s.name == name {
			return s, true
		}
	}
	return nil, false
}

// newInstance prepares the evaluation of module cfg. vars holds the values
// of the root module's variables; a called module's come from its caller.
func newInstance(r *run, doc *docState, cfg *moduleConfig, prefix, key string, stack []string, vars map[string]cty.Value) *instance {
	m := &instance{
		r: r, doc: doc, cfg: cfg, prefix: prefix, key: key, stack: stack,
		vars:    make(map[string]*lazyVar, len(cfg.variables)),
		locals:  make(map[string]*lazyLocal, len(cfg.locals)),
		outputs: make(map[string]*lazyOutput, len(cfg.outputs)),
		calls:   map[string]*callState{},
	}
	m.pathModule = relPath(doc.rootDir, cfg.dir)
	for name, v := range cfg.variables {
		lv := &lazyVar{decl: v}
		if val, ok := vars[name]; ok {
			lv.val, lv.state = val, done
		}
		m.vars[name] = lv
	}
	for name, l := range cfg.locals {
		m.locals[name] = &lazyLocal{decl: l}
	}
	for name, d := range cfg.outputs {
		m.outputs[name] = &lazyOutput{decl: d}
	}
	m.base = m.baseContext()
	return m
}

// baseContext is the evaluation context shared by every expression of the
// instance: path, terraform, unknown resources and data sources, and the
// functions.
func (m *instance) baseContext() *hcl.EvalContext {
	vars := map[string]cty.Value{
		"path": cty.ObjectVal(map[string]cty.Value{
			"module": cty.StringVal(m.pathModule),
			"root":   cty.StringVal("."),
			"cwd":    cty.StringVal("."),
		}),
		"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
		"self":      cty.DynamicVal,
		"data":      cty.DynamicVal,
		"resource":  cty.DynamicVal,
		"ephemeral": cty.DynamicVal,
	}
	for t := range m.cfg.resourceTypes {
		if _, reserved := vars[t]; !reserved && !notResources[t] {
			vars[t] = cty.DynamicVal
		}
	}
	ctx := &hcl.EvalContext{Variables: vars, Functions: m.r.functions(m.doc.rootDir)}
	if len(m.cfg.providerFuncs) > 0 {
		fns := make(map[string]function.Function, len(m.cfg.providerFuncs))
		for name := range m.cfg.providerFuncs {
			fns[name] = unknownFunc
		}
		ctx = ctx.NewChild()
		ctx.Functions = fns
	}
	return ctx
}

// eval evaluates expr in scope sc and returns its value and the addresses
// it refers to. Problems are reported as warnings and make the value (or
// the part concerned) unknown.
func (m *instance) eval(expr hcl.Expression, sc *scope) (cty.Value, []string) {
	if expr == nil {
		return cty.NullVal(cty.DynamicPseudoType), nil
	}
	traversals := expr.Variables()
	ctx := m.exprContext(traversals, sc)
	val, diags := m.safeValue(expr, ctx)
	m.warn(diags, expr.Range())
	if diags.HasErrors() && val.IsWhollyKnown() {
		val = cty.DynamicVal
	}
	return val, m.references(traversals, sc)
}

// safeValue evaluates expr, turning a panic of HCL or a function into an
// error: a scanner must not crash on a value it cannot compute.
func (m *instance) safeValue(expr hcl.Expression, ctx *hcl.EvalContext) (val cty.Value, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			rng := expr.Range()
			val = cty.DynamicVal
			diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Expression not evaluated",
				Detail: fmt.Sprintf("internal error: %v", r), Subject: &rng}}
		}
	}()
	return expr.Value(ctx)
}

// exprContext builds the context of one expression from its traversals:
// the input variables, local values and module outputs it uses (evaluated
// on demand) and the iteration variables in scope.
func (m *instance) exprContext(traversals []hcl.Traversal, sc *scope) *hcl.EvalContext {
	ctx := m.base.NewChild()
	ctx.Variables = map[string]cty.Value{}
	var vars, locals map[string]cty.Value
	var modules map[string]map[string]bool
	for _, tr := range traversals {
		root := tr.RootName()
		if s, ok := sc.lookup(root); ok {
			ctx.Variables[root] = s.val
			continue
		}
		switch root {
		case "var":
			if vars == nil {
				vars = map[string]cty.Value{}
			}
			if name := attrAt(tr, 1); m.vars[name] != nil {
				vars[name] = m.variable(name)
			}
		case "local":
			if locals == nil {
				locals = map[string]cty.Value{}
			}
			if name := attrAt(tr, 1); m.locals[name] != nil {
				locals[name] = m.local(name)
			}
		case "module":
			if modules == nil {
				modules = map[string]map[string]bool{}
			}
			if name := attrAt(tr, 1); m.cfg.calls[name] != nil {
				if modules[name] == nil {
					modules[name] = map[string]bool{}
				}
				modules[name][outputName(tr)] = true
			}
		}
	}
	if vars != nil {
		ctx.Variables["var"] = cty.ObjectVal(vars)
	}
	if locals != nil {
		ctx.Variables["local"] = cty.ObjectVal(locals)
	}
	if modules != nil {
		vals := make(map[string]cty.Value, len(modules))
		for name, want := range modules {
			vals[name] = m.moduleValue(name, want)
		}
		ctx.Variables["module"] = cty.ObjectVal(vals)
	}
	return ctx
}

// outputName returns the output a module traversal reads
// (module.m.out, module.m[0].out, module.m["k"].out), or "" when it
// reads the whole module.
func outputName(tr hcl.Traversal) string {
	i := 2
	if len(tr) > i {
		if _, ok := tr[i].(hcl.TraverseIndex); ok {
			i++
		}
	}
	if len(tr) > i {
		if a, ok := tr[i].(hcl.TraverseAttr); ok {
			return a.Name
		}
	}
	return ""
}

// attrAt returns the attribute name of step i of a traversal, or "".
func attrAt(tr hcl.Traversal, i int) string {
	if len(tr) <= i {
		return ""
	}
	switch s := tr[i].(type) {
	case hcl.TraverseAttr:
		return s.Name
	case hcl.TraverseRoot:
		return s.Name
	case hcl.TraverseIndex:
		if s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
			return s.Key.AsString()
		}
	}
	return ""
}

// warn records evaluation diagnostics as warnings.
func (m *instance) warn(diags hcl.Diagnostics, fallback hcl.Range) {
	for _, d := range diags {
		m.r.addDiag(fromHCL(d, true, &fallback))
	}
}

// warnAt records an evaluation warning.
func (m *instance) warnAt(rng hcl.Range, summary, detail string) {
	m.r.addHCLDiags(hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: summary, Detail: detail, Subject: &rng}}, true)
}
