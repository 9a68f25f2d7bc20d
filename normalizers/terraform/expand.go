package terraform

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// expansion is what count or for_each make of a resource or module call.
type expansion struct {
	// insts are the instances: their address suffix ("", "[0]", `["k"]`)
	// and the scope that defines count or each.
	insts []expInst
	// meta is "count" or "for_each" when one is set, with its value and
	// references.
	meta     string
	metaAttr *hcl.Attribute
	metaVal  cty.Value
	metaRefs []string
	// unexpanded is set when the instances cannot be known (an unknown or
	// invalid count or for_each, or too many instances): there is then a
	// single instance with the plain address, count.index or each.*
	// unknown, and meta is listed as unknown.
	unexpanded bool
}

type expInst struct {
	suffix string
	sc     *scope
	key    string // the for_each key
}

// elem is one element of a collection iterated by for_each or a dynamic
// block.
type elem struct {
	key, val cty.Value
}

// expand evaluates the count or for_each argument among attrs in scope sc.
func (m *instance) expand(attrs []*hcl.Attribute, sc *scope) expansion {
	var countAttr, forEachAttr *hcl.Attribute
	for _, a := range attrs {
		switch a.Name {
		case "count":
			countAttr = a
		case "for_each":
			forEachAttr = a
		}
	}
	switch {
	case countAttr != nil:
		if forEachAttr != nil {
			m.warnAt(forEachAttr.NameRange, "Invalid combination of \"count\" and \"for_each\"",
				"The count and for_each meta-arguments are mutually exclusive; only count is used.")
		}
		return m.expandCount(countAttr, sc)
	case forEachAttr != nil:
		return m.expandForEach(forEachAttr, sc)
	}
	return expansion{insts: []expInst{{sc: sc}}}
}

func (m *instance) expandCount(a *hcl.Attribute, sc *scope) expansion {
	val, refs := m.eval(a.Expr, sc)
	e := expansion{meta: "count", metaAttr: a, metaVal: val, metaRefs: refs}
	unknown := func() expansion {
		e.unexpanded = true
		e.metaVal = cty.DynamicVal
		e.insts = []expInst{{sc: sc.with("count", cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)}), nil)}}
		return e
	}
	val, _ = val.UnmarkDeep()
	if !val.IsKnown() {
		return unknown()
	}
	num, err := convert.Convert(val, cty.Number)
	if err != nil || num.IsNull() {
		m.warnAt(a.Expr.Range(), "Invalid count argument", "The count argument must be a whole number; the instances are unknown.")
		return unknown()
	}
	if !num.IsKnown() {
		return unknown()
	}
	bf := num.AsBigFloat()
	n, acc := bf.Int64()
	if !bf.IsInt() || bf.Sign() < 0 {
		m.warnAt(a.Expr.Range(), "Invalid count argument", "The count argument must be a whole number, zero or more; the instances are unknown.")
		return unknown()
	}
	if acc != big.Exact || n > int64(m.r.opts.MaxInstances) {
		m.tooMany(a, bf.Text('g', 20))
		return unknown()
	}
	e.metaVal = cty.NumberIntVal(n)
	for i := int64(0); i < n; i++ {
		idx := cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})
		e.insts = append(e.insts, expInst{suffix: "[" + strconv.FormatInt(i, 10) + "]", sc: sc.with("count", idx, nil)})
	}
	return e
}

func (m *instance) expandForEach(a *hcl.Attribute, sc *scope) expansion {
	val, refs := m.eval(a.Expr, sc)
	e := expansion{meta: "for_each", metaAttr: a, metaVal: val, metaRefs: refs}
	unknown := func() expansion {
		e.unexpanded = true
		each := cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
		e.insts = []expInst{{sc: sc.with("each", each, refs)}}
		return e
	}
	raw, marks := val.Unmark()
	if !raw.IsKnown() {
		return unknown()
	}
	ty := raw.Type()
	switch {
	case raw.IsNull():
		m.warnAt(a.Expr.Range(), "Invalid for_each argument", "The for_each argument must not be null; the instances are unknown.")
		return unknown()
	case ty.IsSetType():
		if !raw.IsWhollyKnown() {
			return unknown()
		}
		if !ty.ElementType().Equals(cty.String) && ty.ElementType() != cty.DynamicPseudoType {
			m.warnAt(a.Expr.Range(), "Invalid for_each set argument", "The for_each set must hold strings; the instances are unknown.")
			return unknown()
		}
	case ty.IsMapType() || ty.IsObjectType():
	default:
		m.warnAt(a.Expr.Range(), "Invalid for_each argument",
			fmt.Sprintf("The for_each argument must be a map or a set of strings, not %s (use toset() for a list); the instances are unknown.", ty.FriendlyName()))
		return unknown()
	}
	if raw.LengthInt() > m.r.opts.MaxInstances {
		m.tooMany(a, strconv.Itoa(raw.LengthInt()))
		return unknown()
	}
	for _, el := range iterate(raw, marks) {
		key, _ := el.key.Unmark()
		if key.IsNull() || !key.IsKnown() || key.Type() != cty.String {
			return unknown()
		}
		each := cty.ObjectVal(map[string]cty.Value{"key": key, "value": el.val})
		e.insts = append(e.insts, expInst{suffix: "[" + strconv.Quote(key.AsString()) + "]", sc: sc.with("each", each, refs), key: key.AsString()})
	}
	return e
}

// tooMany reports a count or for_each above MaxInstances.
func (m *instance) tooMany(a *hcl.Attribute, n string) {
	rng := a.Expr.Range()
	m.r.addDiag(newDiag(rng.Filename, rng.Start.Line, rng.Start.Column, false,
		fmt.Sprintf("%s = %s exceeds the limit of %d instances; evaluated once, unexpanded, with %s unknown",
			a.Name, n, m.r.opts.MaxInstances, a.Name)))
}

// iterate returns the elements of a known, non-null collection: a list or
// tuple by index, a set by value, a map or object by key. The marks of the
// collection are carried over to each value.
func iterate(v cty.Value, marks cty.ValueMarks) []elem {
	if !v.CanIterateElements() {
		return nil
	}
	set := v.Type().IsSetType()
	out := make([]elem, 0, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		if set {
			k = ev
		}
		out = append(out, elem{key: k, val: ev.WithMarks(marks)})
	}
	return out
}

// instanceKey formats an index step or instance key: [0], ["k"].
func instanceKey(k cty.Value) string {
	k, _ = k.Unmark()
	if !k.IsKnown() || k.IsNull() {
		return "[*]"
	}
	switch k.Type() {
	case cty.String:
		return "[" + strconv.Quote(k.AsString()) + "]"
	case cty.Number:
		return "[" + k.AsBigFloat().Text('f', -1) + "]"
	}
	return "[?]"
}
