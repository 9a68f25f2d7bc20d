package funcs

import (
	"fmt"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// makeTemplateFileFunc builds templatefile(path, vars). The template sees the
// variables in vars and the functions in funcs, which must not render
// templates themselves.
func makeTemplateFileFunc(sb *sandbox, funcs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Description: "Reads the file at the given path and renders its content as a template using the given variables.",
		Params: []function.Parameter{
			pathParam("path", "The path of the template file, relative to the module directory."),
			{Name: "vars", Description: "A map or object of the variables the template may use.", Type: cty.DynamicPseudoType},
		},
		// A template made of a single interpolation yields that value's own
		// type, so the type is only known once the template is rendered.
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p, marks, display := unmarkString(args[0])
			if err := checkTemplateVars(args[1]); err != nil {
				return cty.DynamicVal, err
			}
			src, err := sb.read(p, display)
			if err != nil {
				return cty.DynamicVal, function.NewArgError(0, err)
			}
			if !utf8.Valid(src) {
				return cty.DynamicVal, function.NewArgErrorf(0, "contents of %s are not valid UTF-8; a template must be UTF-8 text", display)
			}
			val, err := renderTemplate(src, p, args[1], funcs)
			if err != nil {
				return cty.DynamicVal, err
			}
			return val.WithMarks(marks), nil
		},
	})
}

// makeTemplateStringFunc builds templatestring(template, vars), which renders
// a template given as a string. Terraform additionally requires the template
// to be a reference to a named value rather than a literal; that is a rule
// about the configuration's source, which is not checked here.
func makeTemplateStringFunc(funcs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Description: "Renders the given string as a template using the given variables.",
		Params: []function.Parameter{
			{Name: "template", Description: "The template source.", Type: cty.String},
			{Name: "vars", Description: "A map or object of the variables the template may use.", Type: cty.DynamicPseudoType},
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := checkTemplateVars(args[1]); err != nil {
				return cty.DynamicVal, err
			}
			return renderTemplate([]byte(args[0].AsString()), "<templatestring>", args[1], funcs)
		},
	})
}

// recursiveTemplateFunc stands in for a template function inside a template,
// where rendering a further template could recurse without end.
func recursiveTemplateFunc(name string) function.Function {
	return function.New(&function.Spec{
		Description: "Not available inside a template.",
		VarParam: &function.Parameter{
			Name:             "args",
			Type:             cty.DynamicPseudoType,
			AllowNull:        true,
			AllowUnknown:     true,
			AllowDynamicType: true,
			AllowMarked:      true,
		},
		Type: func([]cty.Value) (cty.Type, error) {
			return cty.NilType, fmt.Errorf("cannot recursively call %s from inside a template", name)
		},
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.DynamicVal, fmt.Errorf("cannot recursively call %s from inside a template", name)
		},
	})
}

// checkTemplateVars checks that vars is a map or object whose keys are valid
// variable names.
func checkTemplateVars(vars cty.Value) error {
	ty := vars.Type()
	if !ty.IsMapType() && !ty.IsObjectType() {
		return function.NewArgErrorf(1, "invalid vars value: must be a map")
	}
	for it := vars.ElementIterator(); it.Next(); {
		k, _ := it.Element()
		if name := k.AsString(); !hclsyntax.ValidIdentifier(name) {
			return function.NewArgErrorf(1, "invalid template variable name %q: must start with a letter, followed by zero or more letters, digits, and underscores", name)
		}
	}
	return nil
}

// renderTemplate parses src as a template and evaluates it with vars, which
// checkTemplateVars has accepted, and funcs.
func renderTemplate(src []byte, filename string, vars cty.Value, funcs map[string]function.Function) (cty.Value, error) {
	expr, diags := hclsyntax.ParseTemplate(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.DynamicVal, fmt.Errorf("failed to parse template: %s", diags.Error())
	}

	varMap := map[string]cty.Value{}
	for it := vars.ElementIterator(); it.Next(); {
		k, v := it.Element()
		varMap[k.AsString()] = v
	}
	for _, tr := range expr.Variables() {
		name := tr.RootName()
		if _, ok := varMap[name]; !ok {
			return cty.DynamicVal, function.NewArgErrorf(1, "vars map does not contain key %q, referenced at %s", name, tr[0].SourceRange())
		}
	}

	val, diags := expr.Value(&hcl.EvalContext{Variables: varMap, Functions: funcs})
	if diags.HasErrors() {
		return cty.DynamicVal, fmt.Errorf("failed to render template: %s", diags.Error())
	}
	return val, nil
}
