package terraform

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/rampart-iac/rampart/normalizers"
)

// variableDecl is a declared input variable.
type variableDecl struct {
	*decl
	ty         cty.Type
	defaults   *typeexpr.Defaults
	typeSrc    string // the type expression as written; "" when absent
	def        cty.Value
	hasDefault bool
	sensitive  bool
	nullable   bool
	attrs      map[string]*hcl.Attribute
}

// newVariableDecl reads a variable block: its type constraint (with
// optional() attributes and their defaults), default, sensitive and
// nullable. Validation blocks are ignored.
func newVariableDecl(d *decl, source func(string) []byte, diag func(*hcl.Diagnostic, bool)) *variableDecl {
	v := &variableDecl{decl: d, ty: cty.DynamicPseudoType, nullable: true, attrs: map[string]*hcl.Attribute{}}
	it, diags := readBody(d.body, false, nil)
	for _, dg := range diags {
		diag(dg, true)
	}
	for _, a := range it.attrs {
		v.attrs[a.Name] = a
	}
	if a := v.attrs["type"]; a != nil {
		v.typeSrc = exprSource(source, a.Expr)
		expr := a.Expr
		if _, native := expr.(hclsyntax.Expression); !native {
			// JSON writes the type expression as a string, which typeexpr
			// would parse without bounds: parse it here, after checking its
			// nesting.
			expr = nil
			if s, diags := a.Expr.Value(nil); !diags.HasErrors() && s.Type() == cty.String && s.IsKnown() && !s.IsNull() {
				v.typeSrc = s.AsString()
				name, src := a.Expr.Range().Filename, []byte(v.typeSrc)
				diags := checkNesting(name, src, false)
				if !diags.HasErrors() {
					expr, diags = hclsyntax.ParseExpression(src, name, a.Expr.Range().Start)
				}
				for _, dg := range diags {
					diag(dg, true)
				}
				if diags.HasErrors() {
					expr = nil
				}
			}
		}
		if expr != nil {
			ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(expr)
			for _, dg := range diags {
				diag(dg, true)
			}
			if !diags.HasErrors() {
				v.ty, v.defaults = ty, defaults
			}
		}
	}
	if a := v.attrs["default"]; a != nil {
		val, diags := a.Expr.Value(nil)
		for _, dg := range diags {
			diag(dg, true)
		}
		if !diags.HasErrors() {
			conv, err := v.convert(val)
			if err != nil {
				diag(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Invalid default value for variable",
					Detail: fmt.Sprintf("The default of variable %q does not match its type: %v.", d.name, err), Subject: a.Expr.Range().Ptr()}, true)
				conv = cty.DynamicVal
			}
			v.def, v.hasDefault = conv, true
		}
	}
	v.sensitive = literalBool(v.attrs["sensitive"], false)
	v.nullable = literalBool(v.attrs["nullable"], true)
	return v
}

// literalBool evaluates a constant boolean argument.
func literalBool(a *hcl.Attribute, def bool) bool {
	if a == nil {
		return def
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		return def
	}
	v, err := convert.Convert(v, cty.Bool)
	if err != nil || !v.IsKnown() || v.IsNull() {
		return def
	}
	return v.True()
}

// exprSource returns the text of expr in its file.
func exprSource(source func(string) []byte, expr hcl.Expression) string {
	rng := expr.Range()
	src := source(rng.Filename)
	if src == nil || rng.Start.Byte < 0 || rng.End.Byte > len(src) || rng.Start.Byte > rng.End.Byte {
		return ""
	}
	return string(rng.SliceBytes(src))
}

// parseAsHCL reports whether string values given on the command line or in
// TF_VAR_ variables are parsed as HCL expressions: for every type but the
// primitive ones and an absent type, as Terraform does.
func (v *variableDecl) parseAsHCL() bool {
	return v.typeSrc != "" && !v.ty.IsPrimitiveType()
}

// convert applies the optional() attribute defaults of the type
// constraint and converts val to the declared type. Marks are kept.
func (v *variableDecl) convert(val cty.Value) (out cty.Value, err error) {
	defer func() {
		// Defaults and conversion walk values; a value they cannot walk
		// is a conversion error, not a crash.
		if r := recover(); r != nil {
			out, err = cty.DynamicVal, fmt.Errorf("cannot convert the value: %v", r)
		}
	}()
	raw, pvm := val.UnmarkDeepWithPaths()
	if v.defaults != nil && !raw.IsNull() && raw.IsKnown() {
		raw = v.defaults.Apply(raw)
	}
	raw, err = convert.Convert(raw, v.ty)
	if err != nil {
		return cty.DynamicVal, err
	}
	return raw.MarkWithPaths(pvm), nil
}

// finalize turns the value a variable was given (set reports whether it
// was given at all) into its value inside the module: the default when
// unset (or null and not nullable), converted to the type, marked
// sensitive when declared so. A variable with neither is unknown.
func (v *variableDecl) finalize(val cty.Value, set bool, rng *hcl.Range, warn func(*hcl.Diagnostic)) cty.Value {
	if !set || (val.IsNull() && !v.nullable) {
		if v.hasDefault {
			val = v.def
		} else {
			val = cty.DynamicVal
		}
	} else {
		conv, err := v.convert(val)
		if err != nil {
			if rng == nil {
				rng = v.block.DefRange.Ptr()
			}
			warn(&hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Invalid value for variable",
				Detail: fmt.Sprintf("The value given to variable %q does not match its type: %v; it is unknown.", v.name, err), Subject: rng})
			conv = cty.UnknownVal(v.ty)
		}
		val = conv
	}
	if v.sensitive {
		val = val.Mark(sensitiveMark)
	}
	return val
}

// assignment is a value given to a root module variable by a variable
// file, the command line or the environment.
type assignment struct {
	name string
	// expr is set for values from variable files; raw for the others.
	expr hcl.Expression
	raw  string
	rng  *hcl.Range
	// declaredOnly skips assignments to undeclared variables silently (the
	// command line and the environment apply to every root module).
	declaredOnly bool
}

// varFile is a parsed variable definitions file.
type varFile struct {
	path  string
	attrs []*hcl.Attribute
}

// autoVarFiles lists the variable files Terraform loads by itself from a
// root module directory: terraform.tfvars, terraform.tfvars.json, then
// *.auto.tfvars and *.auto.tfvars.json in lexical order.
func autoVarFiles(names []string) []string {
	var auto []string
	var out []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		for _, have := range names {
			if have == n {
				out = append(out, n)
			}
		}
	}
	for _, n := range names {
		if strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json") {
			auto = append(auto, n)
		}
	}
	sort.Strings(auto)
	return append(out, auto...)
}

// rootAssignments returns, lowest precedence first, the values given to the
// variables of the root module in dir: TF_VAR_ environment variables, the
// module's own variable files, then --var-file and --var.
func (r *run) rootAssignments(dir string) []assignment {
	var out []assignment
	for _, kv := range r.opts.Env {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, "TF_VAR_") || len(name) == len("TF_VAR_") {
			continue
		}
		out = append(out, assignment{name: strings.TrimPrefix(name, "TF_VAR_"), raw: value, declaredOnly: true})
	}
	if r.fs.CanRead() {
		names, _ := r.fs.List(dir, func(n string) bool { return strings.Contains(n, ".tfvars") })
		for _, n := range autoVarFiles(names) {
			if vf := r.varFile(path.Join(dir, n), false); vf != nil {
				out = append(out, vf.assignments(false)...)
			}
		}
	}
	for _, p := range r.opts.VarFiles {
		if vf := r.varFile(p, true); vf != nil {
			out = append(out, vf.assignments(true)...)
		}
	}
	for _, kv := range r.opts.Vars {
		name, value, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		out = append(out, assignment{name: strings.TrimSpace(name), raw: value, declaredOnly: true})
	}
	return out
}

func (vf *varFile) assignments(cli bool) []assignment {
	out := make([]assignment, 0, len(vf.attrs))
	for _, a := range vf.attrs {
		out = append(out, assignment{name: a.Name, expr: a.Expr, rng: a.NameRange.Ptr(), declaredOnly: cli})
	}
	return out
}

// varFile reads and parses a variable file once per run. A --var-file
// (cli) is read as given; the others through the sandbox.
func (r *run) varFile(p string, cli bool) *varFile {
	if vf, ok := r.varFiles[p]; ok {
		return vf
	}
	r.varFiles[p] = nil
	var src []byte
	var err error
	if cli {
		src, err = readLimited(p)
	} else {
		src, err = r.fs.ReadFile(p)
	}
	name := p
	if cli {
		name = normalizers.DisplayPath(p)
	}
	if err != nil {
		r.addDiag(newDiag(name, 0, 0, false, fmt.Sprintf("cannot read variable file: %v", err)))
		return nil
	}
	f, diags := parseFile(name, src)
	r.addHCLDiags(diags, false)
	attrs, diags := f.body.JustAttributes()
	r.addHCLDiags(diags, false)
	vf := &varFile{path: name}
	for _, a := range attrs {
		vf.attrs = append(vf.attrs, a)
	}
	sortAttrs(vf.attrs)
	r.varFiles[p] = vf
	return vf
}

// rootVariables computes the value of every variable of the root module m.
func (r *run) rootVariables(m *moduleConfig) map[string]cty.Value {
	type given struct {
		val cty.Value
		rng *hcl.Range
	}
	set := map[string]given{}
	for _, a := range r.rootAssignments(m.dir) {
		v, ok := m.variables[a.name]
		if !ok {
			if !a.declaredOnly && a.rng != nil {
				r.addHCLDiags(hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Value for undeclared variable",
					Detail: fmt.Sprintf("The root module %s does not declare a variable named %q; the value is ignored.", m.dir, a.name), Subject: a.rng}}, true)
			}
			continue
		}
		var val cty.Value
		if a.expr != nil {
			var diags hcl.Diagnostics
			val, diags = a.expr.Value(nil)
			r.addHCLDiags(diags, true)
			if diags.HasErrors() {
				val = cty.DynamicVal
			}
		} else {
			val = r.parseRaw(v, a.raw)
		}
		set[a.name] = given{val, a.rng}
	}
	vals := make(map[string]cty.Value, len(m.variables))
	for _, name := range m.varOrder {
		v := m.variables[name]
		g, ok := set[name]
		vals[name] = v.finalize(g.val, ok, g.rng, func(d *hcl.Diagnostic) { r.addHCLDiags(hcl.Diagnostics{d}, true) })
	}
	return vals
}

// parseRaw reads a value given on the command line or in the environment:
// a literal string, or an HCL expression for variables of complex type.
func (r *run) parseRaw(v *variableDecl, raw string) cty.Value {
	if !v.parseAsHCL() {
		return cty.StringVal(raw)
	}
	if checkNesting("<value>", []byte(raw), false).HasErrors() {
		return cty.DynamicVal
	}
	expr, diags := hclsyntax.ParseExpression([]byte(raw), "<value for var."+v.name+">", hcl.InitialPos)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	val, diags := expr.Value(nil)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return val
}
