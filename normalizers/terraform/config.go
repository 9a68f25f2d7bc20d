package terraform

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// blockKind is the type of a top-level block.
type blockKind int

const (
	kindTerraform blockKind = iota
	kindProvider
	kindVariable
	kindLocals
	kindOutput
	kindModule
	kindResource
	kindData
	kindOther // moved, import, check, removed, ...: not evaluated
)

var blockKinds = map[string]blockKind{
	"terraform": kindTerraform, "provider": kindProvider, "variable": kindVariable,
	"locals": kindLocals, "output": kindOutput, "module": kindModule,
	"resource": kindResource, "data": kindData,
}

// topSchema lists the top-level blocks of the Terraform language.
var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	{Type: "moved"},
	{Type: "import"},
	{Type: "removed"},
	{Type: "check", LabelNames: []string{"name"}},
}}

// decl is one top-level block of a module.
type decl struct {
	kind  blockKind
	block *hcl.Block
	file  *file
	typ   string // resource and data source type
	name  string // the block's name label (provider name for providers)
	// body is the block's body, merged with override files.
	body hcl.Body
}

// key identifies the declaration among those of its module, the way
// override files match them.
func (d *decl) key() string {
	return fmt.Sprintf("%d.%s.%s", d.kind, d.typ, d.name)
}

// localDecl is one entry of a locals block.
type localDecl struct {
	name string
	attr *hcl.Attribute
}

// moduleConfig is the static content of one module directory, shared by
// every instance of the module.
type moduleConfig struct {
	dir   string // display path
	files []*file
	// decls are the blocks in source order (files sorted by name); locals
	// blocks appear once per block.
	decls     []*decl
	variables map[string]*variableDecl
	varOrder  []string
	locals    map[string]*localDecl
	localList []*localDecl
	outputs   map[string]*decl
	// outputOrder lists the outputs in source order.
	outputOrder []string
	calls       map[string]*decl
	// resourceTypes are the types of declared resources: reference roots.
	resourceTypes map[string]bool
	// providerFuncs are the provider-defined functions called
	// ("provider::aws::arn_parse"); they evaluate to unknown.
	providerFuncs map[string]bool
}

// source returns the content of the module's file named by an HCL range.
func (m *moduleConfig) source(name string) []byte {
	for _, f := range m.files {
		if f.path == name {
			return f.src
		}
	}
	return nil
}

// isOverrideFile reports whether a file name is an override file, merged
// into the module's other files.
func isOverrideFile(name string) bool {
	base := path.Base(name)
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// newModuleConfig builds the configuration of the module in dir from its
// parsed files, sorted by name.
func newModuleConfig(dir string, files []*file, diag func(*hcl.Diagnostic, bool)) *moduleConfig {
	m := &moduleConfig{
		dir:           dir,
		files:         files,
		variables:     map[string]*variableDecl{},
		locals:        map[string]*localDecl{},
		outputs:       map[string]*decl{},
		calls:         map[string]*decl{},
		resourceTypes: map[string]bool{},
		providerFuncs: map[string]bool{},
	}
	var primary, overrides []*decl
	var overrideLocals []*localDecl
	seen := map[string]*decl{}
	for _, f := range files {
		content, diags := f.body.Content(topSchema)
		for _, d := range diags {
			// Unknown blocks and top-level arguments are Terraform errors
			// but leave the rest intact; missing labels drop the block.
			warn := d.Summary != "Missing name for resource" && !strings.Contains(d.Summary, "label")
			diag(d, warn)
		}
		if content == nil {
			continue
		}
		override := isOverrideFile(f.path)
		for _, b := range content.Blocks {
			d := &decl{kind: kindOther, block: b, file: f, body: b.Body}
			if k, ok := blockKinds[b.Type]; ok {
				d.kind = k
			}
			switch len(b.Labels) {
			case 1:
				d.name = b.Labels[0]
			case 2:
				d.typ, d.name = b.Labels[0], b.Labels[1]
			}
			if bad := invalidLabel(b); bad >= 0 {
				subject := b.DefRange
				if bad < len(b.LabelRanges) {
					subject = b.LabelRanges[bad]
				}
				diag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid " + b.Type + " label",
					Detail:  fmt.Sprintf("%q is not a valid name: a name starts with a letter or underscore and holds only letters, digits, underscores and dashes. The block is ignored.", b.Labels[bad]),
					Subject: &subject}, false)
				continue
			}
			collectProviderFuncs(b.Body, m.providerFuncs)
			if d.kind == kindLocals {
				locals := readLocals(d, diag)
				if override {
					overrideLocals = append(overrideLocals, locals...)
					continue
				}
				m.decls = append(m.decls, d)
				for _, l := range locals {
					if prev, dup := m.locals[l.name]; dup {
						diag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate local value definition",
							Detail: fmt.Sprintf("A local value named %q was already defined at %s; this one is ignored.", l.name, prev.attr.NameRange), Subject: l.attr.NameRange.Ptr()}, false)
						continue
					}
					m.locals[l.name] = l
					m.localList = append(m.localList, l)
				}
				continue
			}
			if override {
				overrides = append(overrides, d)
				continue
			}
			if d.kind != kindTerraform && d.kind != kindOther && d.kind != kindProvider {
				if prev, dup := seen[d.key()]; dup {
					diag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate " + b.Type + " block",
						Detail: fmt.Sprintf("A %s block with the same name was already declared at %s; this one is ignored.", b.Type, prev.block.DefRange), Subject: b.DefRange.Ptr()}, false)
					continue
				}
				seen[d.key()] = d
			}
			primary = append(primary, d)
		}
	}
	for _, o := range overrides {
		applyOverride(o, seen, primary, diag)
	}
	for _, l := range overrideLocals {
		if base, ok := m.locals[l.name]; ok {
			*base = *l
		} else {
			diag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing base local value definition to override",
				Detail: fmt.Sprintf("There is no local value named %q; the override is ignored.", l.name), Subject: l.attr.NameRange.Ptr()}, true)
		}
	}
	m.decls = append(m.decls, primary...)
	sort.SliceStable(m.decls, func(i, j int) bool { return declBefore(m.decls[i], m.decls[j], files) })
	for _, d := range primary {
		switch d.kind {
		case kindVariable:
			m.variables[d.name] = newVariableDecl(d, m.source, diag)
			m.varOrder = append(m.varOrder, d.name)
		case kindOutput:
			m.outputs[d.name] = d
			m.outputOrder = append(m.outputOrder, d.name)
		case kindModule:
			m.calls[d.name] = d
		case kindResource:
			m.resourceTypes[d.typ] = true
		}
	}
	return m
}

// declBefore orders declarations by file, then position.
func declBefore(a, b *decl, files []*file) bool {
	if a.file != b.file {
		for _, f := range files {
			if f == a.file {
				return true
			}
			if f == b.file {
				return false
			}
		}
	}
	return a.block.DefRange.Start.Byte < b.block.DefRange.Start.Byte
}

// readLocals returns the entries of a locals block.
func readLocals(d *decl, diag func(*hcl.Diagnostic, bool)) []*localDecl {
	attrs, diags := d.block.Body.JustAttributes()
	for _, dg := range diags {
		diag(dg, false)
	}
	list := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		list = append(list, a)
	}
	sortAttrs(list)
	out := make([]*localDecl, 0, len(list))
	for _, a := range list {
		out = append(out, &localDecl{name: a.Name, attr: a})
	}
	return out
}

// applyOverride merges an override file's block into the primary block it
// names: its arguments replace the primary's, and its nested blocks
// replace every primary nested block of the same type. terraform and
// provider blocks merge into the first primary block of their kind (and
// name).
func applyOverride(o *decl, seen map[string]*decl, primary []*decl, diag func(*hcl.Diagnostic, bool)) {
	var base *decl
	switch o.kind {
	case kindTerraform, kindProvider:
		for _, p := range primary {
			if p.kind == o.kind && p.name == o.name {
				base = p
				break
			}
		}
	case kindOther:
		return
	default:
		base = seen[o.key()]
	}
	if base == nil {
		diag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing base " + o.block.Type + " block to override",
			Detail: "An override file may only change blocks declared in the module's other files; this block is ignored.", Subject: o.block.DefRange.Ptr()}, true)
		return
	}
	base.body = &mergedBody{base: base.body, over: o.body}
}

// collectProviderFuncs records the provider-defined functions called in
// body (HCL native syntax only: JSON parses expressions when evaluated).
func collectProviderFuncs(body hcl.Body, into map[string]bool) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return
	}
	_ = hclsyntax.VisitAll(sb, func(n hclsyntax.Node) hcl.Diagnostics {
		if call, ok := n.(*hclsyntax.FunctionCallExpr); ok && strings.Contains(call.Name, "::") {
			into[call.Name] = true
		}
		return nil
	})
}

// mergedBody is a block body changed by an override file. readBody
// merges the two; the hcl.Body methods see the override's content first.
type mergedBody struct {
	base, over hcl.Body
}

func (b *mergedBody) Content(s *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	return hcl.MergeBodies([]hcl.Body{b.base, b.over}).Content(s)
}

func (b *mergedBody) PartialContent(s *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	return hcl.MergeBodies([]hcl.Body{b.base, b.over}).PartialContent(s)
}

func (b *mergedBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	base, diags := b.base.JustAttributes()
	over, more := b.over.JustAttributes()
	for k, v := range over {
		base[k] = v
	}
	return base, append(diags, more...)
}

func (b *mergedBody) MissingItemRange() hcl.Range { return b.base.MissingItemRange() }

// invalidLabel returns the index of the first label of a block that is not
// a valid name, or -1.
func invalidLabel(b *hcl.Block) int {
	for i, l := range b.Labels {
		if !hclsyntax.ValidIdentifier(l) {
			return i
		}
	}
	return -1
}
