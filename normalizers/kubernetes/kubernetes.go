package kubernetes

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/yamltree"
)

// Name is the format name and the Kind of the documents the normalizer emits.
const Name = "kubernetes"

// Provider is the provider of every resource the normalizer emits.
const Provider = "kubernetes"

// maxListDepth bounds the nesting of List kinds inside List kinds.
const maxListDepth = 8

// maxNodes bounds the values one document may expand to (alias bombs); 0
// means yamltree.DefaultMaxNodes. Tests lower it.
var maxNodes = 0

// Normalizer reads Kubernetes manifests. It is stateless and safe for
// concurrent use.
type Normalizer struct{}

var _ normalizers.Normalizer = (*Normalizer)(nil)

// New returns a Kubernetes normalizer.
func New() *Normalizer { return &Normalizer{} }

// Name returns "kubernetes".
func (*Normalizer) Name() string { return Name }

// Normalize reads the file into one document holding a resource per object.
// It never panics: a panic is reported as an error diagnostic.
func (*Normalizer) Normalize(ctx context.Context, f normalizers.File) (docs []*normalizers.Document, diags []normalizers.Diagnostic) {
	b := &builder{
		file:   f,
		format: "YAML",
		doc:    &normalizers.Document{Kind: Name, Path: f.Path},
		seen:   make(map[string]int),
	}
	if strings.EqualFold(path.Ext(f.Path), ".json") {
		b.format = "JSON"
	}
	defer func() {
		if r := recover(); r != nil {
			b.diagnose(normalizers.SeverityError, 0, 0, fmt.Sprintf("internal error reading the file (please report): %v", r))
			docs, diags = []*normalizers.Document{b.doc}, b.diags
		}
	}()
	b.run(ctx)
	return []*normalizers.Document{b.doc}, b.diags
}

// builder collects the resources and diagnostics of one file.
type builder struct {
	file   normalizers.File
	format string
	doc    *normalizers.Document
	diags  []normalizers.Diagnostic
	seen   map[string]int // address -> last suffix used
}

func (b *builder) run(ctx context.Context) {
	stream := yamltree.Parse(b.file.Content)
	opts := yamltree.Options{
		MaxNodes:    maxNodes,
		YAML11Bools: true,
		DuplicateKey: func(key string, first, dup *yaml.Node) {
			msg := fmt.Sprintf("duplicate key %q; the last value is used", key)
			if first != nil {
				msg = fmt.Sprintf("duplicate key %q (first at line %d); the last value is used", key, first.Line)
			}
			b.diagnose(normalizers.SeverityWarning, dup.Line, dup.Column, msg)
		},
	}
	for _, d := range stream.Documents {
		if err := ctx.Err(); err != nil {
			b.diagnose(normalizers.SeverityError, d.StartLine, 0, fmt.Sprintf("reading stopped: %v", err))
			return
		}
		if d.Err != nil {
			b.fail(d.Err, d.StartLine, "malformed "+b.format)
			continue
		}
		v, ix, err := d.Convert(opts)
		if err != nil {
			b.fail(err, d.StartLine, "cannot read document")
			continue
		}
		b.object(v, ix.WithPath(b.file.Path), "document", "", "", 0)
	}
}

// fail reports an error of a document starting at line.
func (b *builder) fail(err error, line int, what string) {
	line, col, msg := yamltree.Position(err, line)
	b.diagnose(normalizers.SeverityError, line, col, fmt.Sprintf("%s: %s", what, msg))
}

func (b *builder) diagnose(sev normalizers.Severity, line, col int, msg string) {
	b.diags = append(b.diags, normalizers.Diagnostic{
		Severity: sev,
		Path:     b.file.Path,
		Line:     line,
		Column:   col,
		Message:  msg,
	})
}

// object adds the resource (or, for a list, the resources) of value v, the
// document or list item described by what. defKind and defAPI come from an
// enclosing typed list; depth counts enclosing lists.
func (b *builder) object(v any, ix *yamltree.Index, what, defKind, defAPI string, depth int) {
	start, _ := ix.Span()
	obj, ok := v.(map[string]any)
	if !ok {
		b.diagnose(normalizers.SeverityWarning, start, 0,
			fmt.Sprintf("%s is %s, not a Kubernetes object; skipped", what, describe(v)))
		return
	}
	kind, _ := obj["kind"].(string)
	apiVersion, _ := obj["apiVersion"].(string)
	if kind == "" {
		kind = defKind
	}
	if apiVersion == "" {
		apiVersion = defAPI
	}
	if items, ok := obj["items"].([]any); ok && strings.HasSuffix(kind, "List") && depth < maxListDepth {
		// Items of a typed list ("PodList") may leave out their kind and
		// apiVersion; those of a plain List may not.
		itemKind, itemAPI := "", ""
		if kind != "List" {
			itemKind, itemAPI = strings.TrimSuffix(kind, "List"), apiVersion
		}
		for i, item := range items {
			sub := ix.Sub("items", i)
			if sub == nil {
				// Cannot happen: the index mirrors the value.
				sub = ix
			}
			b.object(item, sub, fmt.Sprintf("item %d of %s", i, kind), itemKind, itemAPI, depth+1)
		}
		return
	}
	var missing []string
	if apiVersion == "" {
		missing = append(missing, "apiVersion")
	}
	if kind == "" {
		missing = append(missing, "kind")
	}
	if len(missing) > 0 {
		b.diagnose(normalizers.SeverityWarning, start, 0,
			fmt.Sprintf("%s has no %s, not a Kubernetes object; skipped", what, strings.Join(missing, " or ")))
		return
	}
	startLine, endLine := ix.Span()
	b.doc.Resources = append(b.doc.Resources, &normalizers.Resource{
		Address:  b.address(kind, obj),
		Type:     kind,
		Provider: Provider,
		Config:   obj,
		Location: normalizers.Location{Path: b.file.Path, StartLine: startLine, EndLine: endLine},
		Lines:    ix,
	})
}

// address computes the unique address of an object of the file.
func (b *builder) address(kind string, obj map[string]any) string {
	meta, _ := obj["metadata"].(map[string]any)
	name := text(meta["name"])
	if name == "" {
		name = text(meta["generateName"])
	}
	var addr string
	switch ns := text(meta["namespace"]); {
	case name == "":
		addr = kind + "[" + strconv.Itoa(len(b.doc.Resources)) + "]"
	case ns != "":
		addr = kind + "/" + ns + "/" + name
	default:
		addr = kind + "/" + name
	}
	n, taken := b.seen[addr]
	if !taken {
		b.seen[addr] = 1
		return addr
	}
	for {
		n++
		candidate := addr + "#" + strconv.Itoa(n)
		if _, used := b.seen[candidate]; !used {
			b.seen[addr] = n
			b.seen[candidate] = 1
			return candidate
		}
	}
}

// text returns a name-like scalar as a string, "" for anything else.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// describe names the type of a value for a diagnostic.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return fmt.Sprintf("a string (%q)", v)
	case bool:
		return "a boolean"
	case int64, float64:
		return "a number"
	case []any:
		return "a sequence"
	}
	return "an object"
}
