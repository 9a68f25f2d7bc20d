package terraform

import (
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// terraformLabels are the labeled blocks of the terraform block.
var terraformLabels = map[string][]string{"backend": {"type"}, "provider_meta": {"provider"}}

// emitTerraform merges every terraform block of the module into one
// resource: required_version, required_providers by name, backend and
// cloud blocks as lists.
func (m *instance) emitTerraform() {
	if !m.take() {
		return
	}
	var first *decl
	config := map[string]any{}
	var b *builder
	providers := map[string]any{}
	var providersNode *lineNode
	lists := map[string][]any{}
	for _, d := range m.cfg.decls {
		if d.kind != kindTerraform {
			continue
		}
		if first == nil {
			first = d
			b = m.newBuilder(span(d.block))
		}
		it, diags := readBody(d.body, true, terraformLabels)
		m.warn(diags, d.block.DefRange)
		var rest items
		for _, a := range it.attrs {
			switch a.Name {
			case "required_version", "experiments":
				addExpr(b.lines.child(a.Name, location(a.Range)), a.Expr, 0)
				if v, ok := keywordValue(a.Expr); ok && a.Name == "experiments" {
					config[a.Name] = v
					continue
				}
				val, refs := m.eval(a.Expr, nil)
				b.set(config, a.Name, attrPath{a.Name}, val, refs)
			default:
				rest.attrs = append(rest.attrs, a)
			}
		}
		for _, blk := range it.blocks {
			switch blk.Type {
			case "required_providers":
				if providersNode == nil {
					providersNode = b.lines.child("required_providers", span(blk))
				}
				b.requiredProviders(blk, providers, providersNode)
			case "backend", "provider_meta", "cloud":
				i := len(lists[blk.Type])
				p := attrPath{blk.Type, i}
				n := b.lines.child(blk.Type, span(blk)).child(strconv.Itoa(i), span(blk))
				nested, diags := readBody(blk.Body, true, nil)
				m.warn(diags, blk.DefRange)
				obj := map[string]any{}
				if blk.Type == "cloud" || len(blk.Labels) == 0 {
					b.body(nested, nil, p, obj, n, blk.Type, nil)
				} else {
					obj["type"] = blk.Labels[0]
					cfg := map[string]any{}
					b.body(nested, nil, p.child("config"), cfg, n.child("config", span(blk)), blk.Type, nil)
					obj["config"] = cfg
				}
				lists[blk.Type] = append(lists[blk.Type], obj)
			default:
				rest.blocks = append(rest.blocks, blk)
			}
		}
		b.body(rest, nil, nil, config, b.lines, "terraform", nil)
	}
	if first == nil {
		return
	}
	if providersNode != nil {
		config["required_providers"] = providers
	}
	for name, list := range lists {
		config[name] = list
	}
	loc := span(first.block)
	m.add(b.resource(m.prefix+"terraform", "terraform", providerTerraform, loc, config))
}

// requiredProviders reads a required_providers block: every entry becomes
// {"source", "version", "configuration_aliases"}; the legacy string form
// is the version.
func (b *builder) requiredProviders(blk *hcl.Block, out map[string]any, ln *lineNode) {
	it, diags := readBody(blk.Body, false, nil)
	b.m.warn(diags, blk.DefRange)
	for _, a := range it.attrs {
		p := attrPath{"required_providers", a.Name}
		n := ln.child(a.Name, location(a.Range))
		addExpr(n, a.Expr, 0)
		obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
		if !ok {
			val, refs := b.m.eval(a.Expr, nil)
			if raw, _ := val.Unmark(); raw.IsKnown() && raw.Type() == cty.String {
				val = cty.ObjectVal(map[string]cty.Value{"version": val})
			}
			b.set(out, a.Name, p, val, refs)
			continue
		}
		entry := map[string]any{}
		for _, item := range obj.Items {
			key, ok := literalKey(item.KeyExpr)
			if !ok {
				continue
			}
			if key == "configuration_aliases" {
				if v, ok := keywordValue(item.ValueExpr); ok {
					entry[key] = v
					continue
				}
			}
			val, refs := b.m.eval(item.ValueExpr, nil)
			b.set(entry, key, p.child(key), val, refs)
		}
		out[a.Name] = entry
	}
}
