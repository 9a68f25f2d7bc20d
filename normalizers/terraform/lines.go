package terraform

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/normalizers"
)

// maxLineDepth bounds how deeply literal objects and tuples are indexed.
const maxLineDepth = 16

// lineNode places one attribute path element in the source; its children
// are keyed by object key or decimal list index.
type lineNode struct {
	loc  normalizers.Location
	kids map[string]*lineNode
}

// child returns the child for key, adding it at loc when missing.
func (n *lineNode) child(key string, loc normalizers.Location) *lineNode {
	if c, ok := n.kids[key]; ok {
		return c
	}
	if n.kids == nil {
		n.kids = map[string]*lineNode{}
	}
	c := &lineNode{loc: loc}
	n.kids[key] = c
	return c
}

// lineIndex implements normalizers.LineIndex for one resource.
type lineIndex struct {
	root *lineNode
}

// Lookup returns the location of the deepest known prefix of path: an
// attribute, a nested block (["versioning", 0]), an element of a literal
// list or object. The empty path is the whole resource; ok is false when
// not even the first element is known.
func (l *lineIndex) Lookup(path []any) (normalizers.Location, bool) {
	n := l.root
	for i, el := range path {
		key, ok := pathKey(el)
		var next *lineNode
		if ok {
			next = n.kids[key]
		}
		if next == nil {
			return n.loc, i > 0
		}
		n = next
	}
	return n.loc, true
}

// pathKey turns a path element into a child key: strings as they are,
// integers (of any Go type a path may carry) in decimal.
func pathKey(el any) (string, bool) {
	switch v := el.(type) {
	case string:
		return v, true
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case int32:
		return strconv.FormatInt(int64(v), 10), true
	case uint64:
		return strconv.FormatUint(v, 10), true
	case float64:
		if v != math.Trunc(v) || math.Abs(v) > 1<<53 {
			return "", false
		}
		return strconv.FormatInt(int64(v), 10), true
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return strconv.FormatInt(n, 10), true
		}
	}
	return "", false
}

// location turns an HCL range into a location, its file named by the
// range.
func location(rng hcl.Range) normalizers.Location {
	end := rng.End.Line
	if end < rng.Start.Line {
		end = rng.Start.Line
	}
	return normalizers.Location{Path: rng.Filename, StartLine: rng.Start.Line, EndLine: end}
}

// span returns the lines of a block: from its first line to its closing
// brace.
func span(b *hcl.Block) normalizers.Location {
	start := blockStart(b)
	end := bodyEnd(b)
	if end < start {
		end = start
	}
	return normalizers.Location{Path: b.DefRange.Filename, StartLine: start, EndLine: end}
}

// addExpr indexes the elements of a literal object or tuple expression
// below n, so that ["tags", "Name"] finds the line of Name.
func addExpr(n *lineNode, expr hcl.Expression, depth int) {
	if depth > maxLineDepth {
		return
	}
	switch e := expr.(type) {
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			key, ok := literalKey(item.KeyExpr)
			if !ok {
				continue
			}
			c := n.child(key, location(hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range())))
			addExpr(c, item.ValueExpr, depth+1)
		}
	case *hclsyntax.TupleConsExpr:
		for i, el := range e.Exprs {
			c := n.child(strconv.Itoa(i), location(el.Range()))
			addExpr(c, el, depth+1)
		}
	case *hclsyntax.ParenthesesExpr:
		addExpr(n, e.Expression, depth+1)
	}
}

// literalKey returns the key of an object constructor item when it is a
// constant: a bare name or a literal string.
func literalKey(expr hcl.Expression) (string, bool) {
	if k, ok := expr.(*hclsyntax.ObjectConsKeyExpr); ok {
		if kw := hcl.ExprAsKeyword(k.Wrapped); kw != "" && !k.ForceNonLiteral {
			return kw, true
		}
		expr = k.Wrapped
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}
