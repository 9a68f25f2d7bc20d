package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// items is the content of a body read without a schema: its attributes
// and its nested blocks, each in source order.
type items struct {
	attrs  []*hcl.Attribute
	blocks []*hcl.Block
}

// labeledBlocks are the nested block types that take labels, with their
// label names. Provider schemas never define labeled nested blocks; these
// are Terraform's own.
var labeledBlocks = map[string][]string{
	"dynamic":     {"type"},
	"provisioner": {"type"},
}

// readBody returns the attributes and nested blocks of body. labeled
// gives the label names of the nested block types that take labels
// (default labeledBlocks). In HCL native
// syntax the two are told apart by the syntax. In JSON they are not, so
// when guessBlocks is set a property holding an array of objects, or an
// object that does not look like a map argument (see isMapArgument), is
// read as nested blocks, the way Terraform reads a block type of the
// provider schema; otherwise every property is an attribute.
func readBody(body hcl.Body, guessBlocks bool, labeled map[string][]string) (items, hcl.Diagnostics) {
	if body == nil {
		return items{}, nil
	}
	if labeled == nil {
		labeled = labeledBlocks
	}
	if mb, ok := body.(*mergedBody); ok {
		return mb.read(guessBlocks, labeled)
	}
	if sb, ok := body.(*hclsyntax.Body); ok {
		var it items
		for _, a := range sb.Attributes {
			it.attrs = append(it.attrs, a.AsHCLAttribute())
		}
		sortAttrs(it.attrs)
		for _, b := range sb.Blocks {
			it.blocks = append(it.blocks, b.AsHCLBlock())
		}
		return it, nil
	}
	attrs, diags := body.JustAttributes()
	schema := &hcl.BodySchema{}
	var it items
	for name, a := range attrs {
		if !hclsyntax.ValidIdentifier(name) {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Invalid argument name",
				Detail: fmt.Sprintf("%q is not a valid argument name; it is ignored.", name), Subject: a.NameRange.Ptr()})
			continue
		}
		if labels, ok := labeled[name]; ok && guessBlocks {
			schema.Blocks = append(schema.Blocks, hcl.BlockHeaderSchema{Type: name, LabelNames: labels})
			continue
		}
		if guessBlocks && jsonBlocks(name, a.Expr) {
			schema.Blocks = append(schema.Blocks, hcl.BlockHeaderSchema{Type: name})
			continue
		}
		it.attrs = append(it.attrs, a)
	}
	sortAttrs(it.attrs)
	if len(schema.Blocks) > 0 {
		content, _, more := body.PartialContent(schema)
		diags = append(diags, more...)
		if content != nil {
			it.blocks = append(it.blocks, content.Blocks...)
		}
		sort.SliceStable(it.blocks, func(i, j int) bool {
			return it.blocks[i].DefRange.Start.Byte < it.blocks[j].DefRange.Start.Byte
		})
	}
	return it, diags
}

func sortAttrs(attrs []*hcl.Attribute) {
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].Range.Start.Byte < attrs[j].Range.Start.Byte })
}

// jsonBlocks decides whether the JSON property name with value expr is a
// nested block: an array of objects, or an object that is not a map
// argument.
func jsonBlocks(name string, expr hcl.Expression) bool {
	if elems, diags := hcl.ExprList(expr); !diags.HasErrors() {
		if len(elems) == 0 {
			return false
		}
		for _, e := range elems {
			if _, d := hcl.ExprMap(e); d.HasErrors() {
				return false
			}
		}
		return true
	}
	pairs, diags := hcl.ExprMap(expr)
	if diags.HasErrors() || isMapArgument(name) {
		return false
	}
	for _, p := range pairs {
		k, d := p.Key.Value(nil)
		if d.HasErrors() || !k.IsKnown() || k.IsNull() || k.Type() != cty.String || !hclsyntax.ValidIdentifier(k.AsString()) {
			return false
		}
	}
	return true
}

// isMapArgument reports whether a property name is, by convention, a map
// argument rather than a nested block (tags, labels, annotations, ...).
func isMapArgument(name string) bool {
	for _, suffix := range []string{"tags", "labels", "annotations", "_map", "variables", "parameters", "metadata", "triggers", "options"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// bodyEnd returns the last line of a block body: its closing brace.
func bodyEnd(b *hcl.Block) int {
	switch body := b.Body.(type) {
	case *hclsyntax.Body:
		return body.SrcRange.End.Line
	case nil:
		return b.DefRange.End.Line
	}
	end := b.Body.MissingItemRange().End.Line
	if end < b.DefRange.Start.Line {
		end = b.DefRange.End.Line
	}
	return end
}

// blockStart returns the first line of a block: its type keyword, or in
// JSON the line of the object holding its body.
func blockStart(b *hcl.Block) int {
	if _, ok := b.Body.(*hclsyntax.Body); ok && b.TypeRange.Start.Line > 0 {
		return b.TypeRange.Start.Line
	}
	return b.DefRange.Start.Line
}

// read merges the items of the two bodies: an attribute of the override
// replaces the base's, and nested blocks of a type the override has
// replace all the base's blocks of that type.
func (b *mergedBody) read(guessBlocks bool, labeled map[string][]string) (items, hcl.Diagnostics) {
	base, diags := readBody(b.base, guessBlocks, labeled)
	over, more := readBody(b.over, guessBlocks, labeled)
	diags = append(diags, more...)
	replaced := map[string]bool{}
	for _, a := range over.attrs {
		replaced[a.Name] = true
	}
	var out items
	for _, a := range base.attrs {
		if !replaced[a.Name] {
			out.attrs = append(out.attrs, a)
		}
	}
	out.attrs = append(out.attrs, over.attrs...)
	types := map[string]bool{}
	for _, blk := range over.blocks {
		types[effectiveType(blk)] = true
	}
	for _, blk := range base.blocks {
		if !types[effectiveType(blk)] {
			out.blocks = append(out.blocks, blk)
		}
	}
	out.blocks = append(out.blocks, over.blocks...)
	return out, diags
}
