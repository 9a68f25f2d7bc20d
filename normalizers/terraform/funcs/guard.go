package funcs

import (
	"fmt"
	"math"
	"math/big"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Limits on arguments that would only serve to exhaust memory. Terraform has
// none of these; no real configuration comes near them.
const (
	// maxFormatWidth bounds a width or precision in format and formatlist.
	maxFormatWidth = 1 << 16
	// maxIndent bounds the number of spaces indent adds to each line.
	maxIndent = 1 << 16
	// maxSetProduct bounds the number of elements setproduct produces.
	maxSetProduct = 1 << 18
)

// guarded returns a function with f's signature and semantics that first
// runs check on the arguments f's implementation would see.
func guarded(f function.Function, check func(args []cty.Value) error) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type:        f.ReturnTypeForValues,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := check(args); err != nil {
				return cty.NilVal, err
			}
			return f.Call(args)
		},
	})
}

// knownString returns the string in v if it is known and not null.
func knownString(v cty.Value) (string, bool) {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// guardFormat limits the widths and precisions in a format string, the
// first argument of f.
func guardFormat(f function.Function) function.Function {
	return guarded(f, func(args []cty.Value) error {
		s, ok := knownString(args[0])
		if !ok {
			return nil
		}
		for i := 0; i < len(s); i++ {
			if s[i] != '%' {
				continue
			}
			// Look at each run of digits up to the verb letter.
			for i++; i < len(s) && !isASCIILetter(s[i]) && s[i] != '%'; i++ {
				if s[i] == '[' { // explicit argument index
					for i < len(s) && s[i] != ']' {
						i++
					}
					continue
				}
				n := 0
				for i < len(s) && s[i] >= '0' && s[i] <= '9' {
					if n <= maxFormatWidth {
						n = n*10 + int(s[i]-'0')
					}
					i++
				}
				if n > maxFormatWidth {
					return function.NewArgErrorf(0, "format width or precision greater than %d is not supported", maxFormatWidth)
				}
				if i < len(s) && (isASCIILetter(s[i]) || s[i] == '%') {
					break
				}
			}
		}
		return nil
	})
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// guardIndent limits the number of spaces given to indent.
func guardIndent(f function.Function) function.Function {
	return guarded(f, func(args []cty.Value) error {
		v, _ := args[0].Unmark()
		if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
			return nil
		}
		if v.AsBigFloat().Cmp(big.NewFloat(maxIndent)) > 0 {
			return function.NewArgErrorf(0, "cannot indent by more than %d spaces", maxIndent)
		}
		return nil
	})
}

// guardSetProduct limits the size of setproduct's result.
func guardSetProduct(f function.Function) function.Function {
	return guarded(f, func(args []cty.Value) error {
		var lengths []int
		for _, a := range args {
			a, _ = a.Unmark()
			if !a.IsKnown() || a.IsNull() || !a.Length().IsKnown() {
				continue
			}
			if !a.Type().IsCollectionType() && !a.Type().IsTupleType() {
				continue
			}
			n := a.LengthInt()
			if n == 0 {
				return nil // the product is empty
			}
			lengths = append(lengths, n)
		}
		total := 1
		for _, n := range lengths {
			if total > maxSetProduct/n {
				return fmt.Errorf("setproduct would produce more than %d elements", maxSetProduct)
			}
			total *= n
		}
		return nil
	})
}

// guardNaN rejects the two number arguments of f for which result, which
// mirrors f's float64 arithmetic, is not a number: cty cannot represent NaN,
// so f itself would panic.
func guardNaN(f function.Function, result func(a, b float64) float64) function.Function {
	return guarded(f, func(args []cty.Value) error {
		var fs [2]float64
		for i := range fs {
			v, _ := args[i].Unmark()
			if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
				return nil
			}
			fs[i], _ = v.AsBigFloat().Float64()
		}
		if math.IsNaN(result(fs[0], fs[1])) {
			return fmt.Errorf("the result for %g and %g is not a real number", fs[0], fs[1])
		}
		return nil
	})
}

// guardDynamic makes f, whose type checking cannot handle arguments of
// unknown type, return an unknown value for them instead.
func guardDynamic(f function.Function) function.Function {
	hasDynamic := func(args []cty.Value) bool {
		for _, a := range args {
			if a.Type() == cty.DynamicPseudoType {
				return true
			}
		}
		return false
	}
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if hasDynamic(args) {
				return cty.DynamicPseudoType, nil
			}
			return f.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if hasDynamic(args) {
				return cty.DynamicVal, nil
			}
			return f.Call(args)
		},
	})
}
