package terraform

import (
	"fmt"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/normalizers"
)

// builder collects what one resource's blocks evaluate to: config,
// unknown paths, references and lines.
type builder struct {
	m       *instance
	unknown []string
	refs    map[string][]string
	lines   *lineNode
}

func (m *instance) newBuilder(loc normalizers.Location) *builder {
	return &builder{m: m, refs: map[string][]string{}, lines: &lineNode{loc: loc}}
}

// resource returns the resource built.
func (b *builder) resource(addr, typ, provider string, loc normalizers.Location, config map[string]any) *normalizers.Resource {
	if len(b.refs) == 0 {
		b.refs = nil
	}
	return &normalizers.Resource{
		Address:    addr,
		Type:       typ,
		Provider:   provider,
		Config:     config,
		Unknown:    b.unknown,
		References: b.refs,
		Location:   loc,
		Lines:      &lineIndex{root: b.lines},
	}
}

// set stores an evaluated value at path p (the last element being key in
// out), with its references.
func (b *builder) set(out map[string]any, key string, p attrPath, val cty.Value, refs []string) {
	if v, ok := plain(val, p, &b.unknown); ok {
		out[key] = v
	}
	if len(refs) > 0 {
		b.refs[p.String()] = refs
	}
}

// body evaluates the attributes and nested blocks of a block body into
// out. kind is the type of the block ("resource" at the top level of
// resources and data sources) and selects the keyword arguments; skip
// names attributes the caller handles.
func (b *builder) body(it items, sc *scope, p attrPath, out map[string]any, ln *lineNode, kind string, skip map[string]bool) {
	for _, a := range it.attrs {
		if skip[a.Name] {
			continue
		}
		ap := p.child(a.Name)
		n := ln.child(a.Name, location(a.Range))
		addExpr(n, a.Expr, 0)
		if kind == "module" && a.Name == "providers" {
			if v, ok := providersMap(a.Expr); ok {
				out[a.Name] = v
				continue
			}
		}
		if keywords[[2]string{kind, a.Name}] {
			if v, ok := keywordValue(a.Expr); ok {
				out[a.Name] = v
				if referring[a.Name] {
					if refs := b.keywordRefs(v, sc); len(refs) > 0 {
						b.refs[ap.String()] = refs
					}
				}
				continue
			}
		}
		val, refs := b.m.eval(a.Expr, sc)
		b.set(out, a.Name, ap, val, refs)
	}
	b.blocks(it, sc, p, out, ln)
}

// blocks evaluates nested blocks into lists of objects, one list per block
// type in order of first appearance, dynamic blocks expanded in place.
func (b *builder) blocks(it items, sc *scope, p attrPath, out map[string]any, ln *lineNode) {
	var order []string
	byType := map[string][]*hcl.Block{}
	for _, blk := range it.blocks {
		t := effectiveType(blk)
		if !hclsyntax.ValidIdentifier(t) {
			b.m.warnAt(blk.DefRange, "Invalid block type", fmt.Sprintf("%q is not a valid block type; the block is ignored.", t))
			continue
		}
		if _, seen := byType[t]; !seen {
			order = append(order, t)
		}
		byType[t] = append(byType[t], blk)
	}
	for _, t := range order {
		blks := byType[t]
		if _, clash := out[t]; clash || hasAttr(it.attrs, t) {
			b.m.warnAt(blks[0].DefRange, "Attribute redefined as a block",
				fmt.Sprintf("%q is set both as an argument and as a block; the blocks are ignored.", t))
			continue
		}
		first, last := span(blks[0]), span(blks[len(blks)-1])
		loc := first
		if last.Path == first.Path && last.EndLine > loc.EndLine {
			loc.EndLine = last.EndLine
		}
		tn := ln.child(t, loc)
		tp := p.child(t)
		list := []any{}
		for _, blk := range blks {
			if blk.Type == "dynamic" {
				list = b.dynamic(blk, sc, tp, list, tn)
				continue
			}
			i := len(list)
			obj := map[string]any{}
			if len(blk.Labels) > 0 {
				obj["type"] = blk.Labels[0]
			}
			nested, diags := readBody(blk.Body, true, nil)
			b.m.warn(diags, blk.DefRange)
			b.body(nested, sc, tp.child(i), obj, tn.child(strconv.Itoa(i), span(blk)), blk.Type, nil)
			list = append(list, obj)
		}
		out[t] = list
	}
}

// effectiveType is the block type a nested block contributes to: the
// label of a dynamic block, else its type.
func effectiveType(blk *hcl.Block) string {
	if blk.Type == "dynamic" && len(blk.Labels) == 1 {
		return blk.Labels[0]
	}
	return blk.Type
}

func hasAttr(attrs []*hcl.Attribute, name string) bool {
	for _, a := range attrs {
		if a.Name == name {
			return true
		}
	}
	return false
}

// dynamic expands a dynamic block: one block per element of its for_each,
// evaluated with the iterator (the label, or the iterator argument) set to
// {key, value}. Their lines are those of the content block. When the
// for_each is unknown (or too large) one block is evaluated with the
// iterator unknown, so literal arguments stay visible, and the block list
// is listed as unknown.
func (b *builder) dynamic(blk *hcl.Block, sc *scope, p attrPath, list []any, ln *lineNode) []any {
	it, diags := readBody(blk.Body, true, nil)
	b.m.warn(diags, blk.DefRange)
	var forEach, iterator *hcl.Attribute
	for _, a := range it.attrs {
		switch a.Name {
		case "for_each":
			forEach = a
		case "iterator":
			iterator = a
		}
	}
	var content *hcl.Block
	for _, c := range it.blocks {
		if c.Type == "content" {
			content = c
		}
	}
	if forEach == nil || content == nil || len(blk.Labels) != 1 {
		b.m.warnAt(blk.DefRange, "Invalid dynamic block", "A dynamic block needs one label, a for_each argument and a content block; it is ignored.")
		return list
	}
	name := blk.Labels[0]
	if iterator != nil {
		if kw, ok := keywordOrString(iterator.Expr); ok && hclsyntax.ValidIdentifier(kw) {
			name = kw
		}
	}
	cit, diags := readBody(content.Body, true, nil)
	b.m.warn(diags, content.DefRange)
	val, refs := b.m.eval(forEach.Expr, sc)
	raw, marks := val.Unmark()
	known := raw.IsWhollyKnown() || (raw.IsKnown() && !raw.Type().IsSetType() && raw.CanIterateElements())
	if known && raw.IsNull() {
		return list
	}
	if known && !raw.CanIterateElements() {
		b.m.warnAt(forEach.Expr.Range(), "Invalid dynamic for_each value",
			fmt.Sprintf("A dynamic block iterates over a collection, not %s; the blocks are unknown.", raw.Type().FriendlyName()))
		known = false
	}
	if known && raw.LengthInt() > b.m.r.opts.MaxInstances {
		b.m.tooMany(forEach, strconv.Itoa(raw.LengthInt()))
		known = false
	}
	loc := span(content)
	if !known {
		b.unknown = append(b.unknown, p.String())
		iter := cty.ObjectVal(map[string]cty.Value{"key": cty.DynamicVal, "value": cty.DynamicVal})
		i := len(list)
		obj := map[string]any{}
		b.body(cit, sc.with(name, iter, refs), p.child(i), obj, ln.child(strconv.Itoa(i), loc), effectiveType(blk), nil)
		return append(list, obj)
	}
	for _, el := range iterate(raw, marks) {
		iter := cty.ObjectVal(map[string]cty.Value{"key": el.key, "value": el.val})
		i := len(list)
		obj := map[string]any{}
		b.body(cit, sc.with(name, iter, refs), p.child(i), obj, ln.child(strconv.Itoa(i), loc), effectiveType(blk), nil)
		list = append(list, obj)
	}
	return list
}
