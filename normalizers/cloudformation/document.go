package cloudformation

import (
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/normalizers"
)

// docBuilder collects the document of one root template.
type docBuilder struct {
	run      *run
	doc      *normalizers.Document
	meta     map[string]any
	inactive []any
	nested   []any
	dyn      []any
	stopped  bool
}

// document evaluates a root template into its document.
func (r *run) document(tpl *template) *normalizers.Document {
	r.report(tpl)
	r.used[tpl.path] = true
	r.stacks, r.overBudget = 0, false
	doc := &normalizers.Document{Kind: Name, Path: tpl.path, Resources: []*normalizers.Resource{}}
	b := &docBuilder{run: r, doc: doc, meta: map[string]any{}, inactive: []any{}, nested: []any{}, dyn: []any{}}
	if !tpl.ok {
		doc.Extra = b.extras(nil)
		return doc
	}
	s := newStack(r, tpl, "", 0, nil, r.rootInputs())
	b.stack(s)
	doc.Extra = b.extras(s)
	return doc
}

// stack adds the resources of s, and those of its nested stacks right
// after their stack resource.
func (b *docBuilder) stack(s *stack) {
	for _, e := range s.resourceEntries() {
		if err := b.run.ctx.Err(); err != nil {
			if !b.stopped {
				b.stopped = true
				s.errorf(e.pos, "reading stopped: %v", err)
			}
			return
		}
		st := s.resource(e.id, e.pos)
		if st == nil || st.skip {
			continue
		}
		b.resource(s, st)
		if st.typ == stackType {
			c := s.child(e.id, e.pos)
			b.nested = append(b.nested, b.nestedEntry(c))
			if c.resolved {
				b.stack(c.stack)
			}
		}
	}
}

// resource adds one evaluated resource.
func (b *docBuilder) resource(s *stack, st *resState) {
	addr := s.addr(st.entry.id)
	var c collector
	config := c.finalize(st.props)
	refs := make(map[string][]string, len(c.refs)+1)
	for path, targets := range c.refs {
		refs[path] = dedupe(targets)
	}
	if len(st.dependsOn) > 0 {
		refs["depends_on"] = st.dependsOn
	}
	sort.Strings(c.unknown)
	loc := st.entry.pos.loc
	b.doc.Resources = append(b.doc.Resources, &normalizers.Resource{
		Address:    addr,
		Type:       st.typ,
		Provider:   provider(st.typ),
		Config:     config,
		Unknown:    c.unknown,
		References: refs,
		Location:   loc,
		Lines:      st.props.n.movedTo(loc),
	})
	if !st.active {
		b.inactive = append(b.inactive, addr)
	}
	for _, d := range c.dyn {
		b.dyn = append(b.dyn, map[string]any{
			"address":   addr,
			"attribute": d.path,
			"service":   dynamicService(d.ref),
			"reference": d.ref,
		})
	}
	b.meta[addr] = s.resourceMeta(st)
}

// resourceMeta returns the resource attributes besides Type and Properties
// as plain values: Condition, DependsOn (always a list), DeletionPolicy,
// UpdateReplacePolicy, UpdatePolicy, CreationPolicy and Metadata, evaluated.
func (s *stack) resourceMeta(st *resState) map[string]any {
	m, _ := st.entry.raw.(map[string]any)
	out := map[string]any{}
	for _, k := range metaAttributes {
		raw, ok := m[k]
		if !ok {
			continue
		}
		switch k {
		case "Condition":
			out[k] = raw
		case "DependsOn":
			if name, ok := raw.(string); ok {
				raw = []any{name}
			}
			out[k] = raw
		default:
			if v, _ := plainValue(s.eval(raw, st.entry.pos.key(k)).v); v != nil {
				out[k] = v
			}
		}
	}
	return out
}

// provider returns the lower-cased first part of a resource type:
// "AWS::S3::Bucket" → "aws", "Custom::Thing" → "custom"; "unknown" for a
// type without one.
func provider(typ string) string {
	p, _, ok := strings.Cut(typ, "::")
	if !ok || p == "" {
		return "unknown"
	}
	return strings.ToLower(p)
}

// nestedEntry describes a nested stack for the nested_stacks extra.
func (b *docBuilder) nestedEntry(c *child) map[string]any {
	e := map[string]any{
		"address":      c.address,
		"template_url": c.url,
		"resolved":     c.resolved,
		"reason":       c.reason,
	}
	if c.path != "" {
		e["path"] = c.path
	}
	if c.resolved {
		e["parameters"] = c.stack.parameterValues()
		e["conditions"] = c.stack.conditionValues()
		e["outputs"] = c.stack.outputValues()
	}
	return e
}

// extras returns the document extras of a root stack (nil when the
// template did not parse).
func (b *docBuilder) extras(s *stack) map[string]any {
	x := map[string]any{
		"format_version":     "",
		"description":        "",
		"transform":          []any{},
		"parameters":         map[string]any{},
		"conditions":         map[string]any{},
		"mappings":           map[string]any{},
		"outputs":            map[string]any{},
		"resources_meta":     b.meta,
		"inactive":           b.inactive,
		"nested_stacks":      b.nested,
		"dynamic_references": b.dyn,
	}
	if s == nil {
		return x
	}
	root := s.tpl.root
	if v, ok := scalarString(root["AWSTemplateFormatVersion"]); ok {
		x["format_version"] = v
	}
	if d, ok := root["Description"].(string); ok {
		x["description"] = d
	}
	if s.tpl.transforms != nil {
		x["transform"] = s.tpl.transforms
	}
	x["parameters"] = s.parameterValues()
	x["conditions"] = s.conditionValues()
	x["mappings"] = s.tpl.mappings.m
	x["outputs"] = s.outputValues()
	return x
}

// parameterValues returns the parameters of the stack as document extras:
// name → {"type", "default", "value", "overridden", "no_echo"}. NoEcho
// values and defaults are "(sensitive)"; "value" is absent when unknown and
// "default" when the template has none.
func (s *stack) parameterValues() map[string]any {
	out := make(map[string]any, len(s.params))
	for name, pv := range s.params {
		e := map[string]any{
			"type":       pv.typ,
			"overridden": pv.overridden,
			"no_echo":    pv.noEcho,
		}
		if def, ok := pv.decl["Default"]; ok {
			if pv.noEcho {
				def = redacted
			}
			e["default"] = def
		}
		if v, _ := plainValue(pv.v); v != nil || !isUnknown(pv.v) {
			e["value"] = v
		}
		out[name] = e
	}
	return out
}

// warnTransforms reports transforms the normalizer does not apply.
func (s *stack) warnTransforms() {
	for i, tr := range s.tpl.transforms {
		name := transformName(tr)
		if name == samTransform || name == "AWS::LanguageExtensions" {
			continue
		}
		s.warnf(s.tpl.pos.key("Transform").elem(i), "transform %s is not applied: resources it adds or changes are not seen", name)
	}
}

// transformName returns the name of a Transform entry: a string, or the
// Name of {Name, Parameters}.
func transformName(tr any) string {
	switch t := tr.(type) {
	case string:
		return t
	case map[string]any:
		if name, ok := t["Name"].(string); ok {
			return name
		}
	}
	return describe(tr)
}
