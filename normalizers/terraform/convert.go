package terraform

import (
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// maxValueDepth bounds the nesting of values converted to plain JSON;
// deeper parts are unknown.
const maxValueDepth = 128

// attrPath is an attribute path inside a resource's config: object keys
// (string) and list indexes (int).
type attrPath []any

// child returns the path extended by one element, never sharing storage.
func (p attrPath) child(el any) attrPath {
	out := make(attrPath, len(p), len(p)+1)
	copy(out, p)
	return append(out, el)
}

// String formats the path dotted, list indexes as numbers:
// rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id.
func (p attrPath) String() string {
	var b strings.Builder
	for i, el := range p {
		if i > 0 {
			b.WriteByte('.')
		}
		switch v := el.(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		}
	}
	return b.String()
}

// plain converts a cty value into plain JSON types. Unknown parts are left
// out of objects, become null in lists, and have their path appended to
// unknown; sensitive parts become "(sensitive)". known is false when the
// whole value is unknown (then the caller leaves it out).
func plain(v cty.Value, p attrPath, unknown *[]string) (out any, known bool) {
	c := converter{path: append(make(attrPath, 0, len(p)+8), p...), unknown: unknown}
	return c.convert(v, 0)
}

// converter walks a value, keeping the path of the current element on a
// stack so that only unknown parts cost a path string.
type converter struct {
	path    attrPath
	unknown *[]string
}

func (c *converter) convert(v cty.Value, depth int) (any, bool) {
	if v.IsMarked() {
		var marks cty.ValueMarks
		v, marks = v.Unmark()
		if marks.Has(sensitiveMark) {
			return redacted, true
		}
	}
	if !v.IsKnown() || depth > maxValueDepth {
		*c.unknown = append(*c.unknown, c.path.String())
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), true
	case ty == cty.Bool:
		return v.True(), true
	case ty == cty.Number:
		n, ok := number(v.AsBigFloat())
		if !ok {
			*c.unknown = append(*c.unknown, c.path.String())
			return nil, false
		}
		return n, true
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		list := make([]any, 0, v.LengthInt())
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, ev := it.Element()
			c.path = append(c.path, i)
			el, _ := c.convert(ev, depth+1)
			c.path = c.path[:len(c.path)-1]
			list = append(list, el)
		}
		return list, true
	case ty.IsMapType() || ty.IsObjectType():
		obj := make(map[string]any, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			kv, ev := it.Element()
			k := kv.AsString()
			c.path = append(c.path, k)
			el, ok := c.convert(ev, depth+1)
			c.path = c.path[:len(c.path)-1]
			if ok {
				obj[k] = el
			}
		}
		return obj, true
	}
	// Capsules and other exotic types have no JSON form.
	*c.unknown = append(*c.unknown, c.path.String())
	return nil, false
}

// number returns an integer as int64 when it fits, else a float64, or a
// json.Number for integers beyond float64's exact range. Infinities have
// no JSON form.
func number(f *big.Float) (any, bool) {
	if f.IsInf() {
		return nil, false
	}
	if f.IsInt() {
		if i, acc := f.Int64(); acc == big.Exact {
			return i, true
		}
		if n, _ := f.Float64(); !math.IsInf(n, 0) {
			return n, true
		}
		return json.Number(f.Text('f', 0)), true
	}
	n, _ := f.Float64()
	if math.IsInf(n, 0) {
		return json.Number(f.Text('g', 30)), true
	}
	return n, true
}
