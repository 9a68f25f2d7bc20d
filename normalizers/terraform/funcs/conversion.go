package funcs

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

var (
	// ToStringFunc is tostring(v): v converted to a string.
	ToStringFunc = makeToFunc(cty.String)
	// ToNumberFunc is tonumber(v): v converted to a number.
	ToNumberFunc = makeToFunc(cty.Number)
	// ToBoolFunc is tobool(v): v converted to a bool.
	ToBoolFunc = makeToFunc(cty.Bool)
	// ToListFunc is tolist(v): v converted to a list of some single element type.
	ToListFunc = makeToFunc(cty.List(cty.DynamicPseudoType))
	// ToSetFunc is toset(v): v converted to a set of some single element type.
	ToSetFunc = makeToFunc(cty.Set(cty.DynamicPseudoType))
	// ToMapFunc is tomap(v): v converted to a map of some single element type.
	ToMapFunc = makeToFunc(cty.Map(cty.DynamicPseudoType))

	// TryFunc is try(exprs...): the value of the first expression that
	// evaluates without errors. It needs an HCL evaluator that supports
	// expression closures (hclsyntax does).
	TryFunc = tryfunc.TryFunc
	// CanFunc is can(expr): whether an expression evaluates without errors.
	CanFunc = tryfunc.CanFunc
)

// makeToFunc builds the conversion function to the type constraint want.
// Null converts to a null of the target type, and unknown to unknown.
func makeToFunc(want cty.Type) function.Function {
	return function.New(&function.Spec{
		Description: fmt.Sprintf("Converts the given value to %s, or raises an error if that conversion is impossible.", want.FriendlyNameForConstraint()),
		Params: []function.Parameter{{
			Name:             "v",
			Type:             cty.DynamicPseudoType,
			AllowNull:        true,
			AllowUnknown:     true,
			AllowDynamicType: true,
			AllowMarked:      true,
		}},
		Type: func(args []cty.Value) (cty.Type, error) {
			got := args[0].Type()
			switch {
			case got.Equals(want):
				return want, nil
			case got == cty.DynamicPseudoType:
				if want.HasDynamicTypes() {
					return cty.DynamicPseudoType, nil
				}
				return want, nil
			}
			conv := convert.GetConversionUnsafe(got, want)
			if conv == nil {
				return cty.NilType, function.NewArgErrorf(0, "cannot convert %s to %s", got.FriendlyNameForConstraint(), want.FriendlyNameForConstraint())
			}
			if !want.HasDynamicTypes() {
				return want, nil
			}
			// The element type of a list, set or map depends on the value.
			v, err := conv(args[0])
			if err != nil {
				return cty.NilType, convertError(args[0], want, err)
			}
			return v.Type(), nil
		},
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			v, err := convert.Convert(args[0], retType)
			if err != nil {
				return cty.NilVal, convertError(args[0], want, err)
			}
			return v, nil
		},
	})
}

// convertError explains why v cannot be converted to want, in Terraform's
// words where Terraform has its own.
func convertError(v cty.Value, want cty.Type, err error) error {
	raw, marks := v.Unmark()
	if raw.Type() == cty.String && raw.IsKnown() && !raw.IsNull() {
		shown := fmt.Sprintf("%q", raw.AsString())
		if marks.Has(SensitiveMark) {
			shown = "this sensitive string"
		}
		switch want {
		case cty.Bool:
			return function.NewArgErrorf(0, `cannot convert %s to bool; only the strings "true" or "false" are allowed`, shown)
		case cty.Number:
			return function.NewArgErrorf(0, "cannot convert %s to number; given string must be a decimal representation of a number", shown)
		}
	}
	return function.NewArgErrorf(0, "cannot convert %s to %s: %s", raw.Type().FriendlyNameForConstraint(), want.FriendlyNameForConstraint(), err)
}
