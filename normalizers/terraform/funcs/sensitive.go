package funcs

import (
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// anyValueParam accepts every value untouched: null, unknown, of dynamic
// type and marked.
func anyValueParam(name string) function.Parameter {
	return function.Parameter{
		Name:             name,
		Type:             cty.DynamicPseudoType,
		AllowNull:        true,
		AllowUnknown:     true,
		AllowDynamicType: true,
		AllowMarked:      true,
	}
}

// passType returns the type of the first argument.
func passType(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil }

// SensitiveFunc is sensitive(value): value marked with SensitiveMark.
var SensitiveFunc = function.New(&function.Spec{
	Description: "Treats the given value as sensitive.",
	Params:      []function.Parameter{anyValueParam("value")},
	Type:        passType,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return args[0].Mark(SensitiveMark), nil
	},
})

// NonsensitiveFunc is nonsensitive(value): value without SensitiveMark on
// the value itself. As in Terraform, sensitive values nested inside it stay
// marked, and other marks are kept.
var NonsensitiveFunc = function.New(&function.Spec{
	Description: "Removes the sensitive marking from the given value.",
	Params:      []function.Parameter{anyValueParam("value")},
	Type:        passType,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, marks := args[0].Unmark()
		kept := make(cty.ValueMarks, len(marks))
		for m := range marks {
			if m != SensitiveMark {
				kept[m] = struct{}{}
			}
		}
		return v.WithMarks(kept), nil
	},
})

// IsSensitiveFunc is issensitive(value): whether value itself is marked
// sensitive. An unknown value that is not marked may still turn out to be
// sensitive, so the answer is then unknown.
var IsSensitiveFunc = function.New(&function.Spec{
	Description: "Determines whether the given value is sensitive.",
	Params:      []function.Parameter{anyValueParam("value")},
	Type:        function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		switch {
		case args[0].HasMark(SensitiveMark):
			return cty.True, nil
		case !args[0].IsKnown():
			return cty.UnknownVal(cty.Bool).RefineNotNull(), nil
		default:
			return cty.False, nil
		}
	},
})

// EphemeralAsNullFunc is ephemeralasnull(value). Terraform replaces ephemeral
// values with null; static evaluation has no ephemeral values, so it returns
// its argument unchanged.
var EphemeralAsNullFunc = function.New(&function.Spec{
	Description: "Replaces ephemeral values with null; static evaluation has none, so the value is returned unchanged.",
	Params:      []function.Parameter{anyValueParam("value")},
	Type:        passType,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return args[0], nil
	},
})
