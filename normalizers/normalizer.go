// Package normalizers turns infrastructure source files into plain JSON-like
// documents of one shape, the input every Rampart policy sees.
//
// A Normalizer reads one file and returns Documents. Each Document carries the
// Resources it declares, every one with its address, type, evaluated config and
// source location. Config values are plain JSON types only (map[string]any,
// []any, string, bool, nil, int64, float64, json.Number) so the engine can
// convert them to Rego values without a JSON round trip.
package normalizers

import (
	"context"
	"fmt"
	"strings"
)

// Location is a span of lines in a source file. Lines are 1-based and
// inclusive; a zero StartLine means the line is unknown.
type Location struct {
	Path      string `json:"path"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// LineIndex resolves an attribute path inside a resource's config to the
// location of that attribute in the source file. Path elements are strings
// (object keys) and ints (array indexes). When the full path is not known the
// implementation returns the deepest known prefix; ok is false only when not
// even the first element can be placed.
type LineIndex interface {
	Lookup(path []any) (loc Location, ok bool)
}

// Resource is one addressable object of a document: a Kubernetes object, a
// Dockerfile stage, a Terraform resource instance.
type Resource struct {
	// Address is unique within the document and stable across runs.
	Address string
	// Type is the resource type: a Kubernetes kind, "stage", "aws_s3_bucket".
	Type string
	// Provider names the platform the resource belongs to ("kubernetes", "docker", "aws").
	Provider string
	// Config holds the evaluated attributes, plain JSON types only.
	Config map[string]any
	// Unknown lists attribute paths whose values cannot be known statically.
	Unknown []string
	// References maps an attribute path to the addresses of resources it points at.
	References map[string][]string
	// Location is the resource's span in its source file.
	Location Location
	// Lines, when set, places attributes of Config in the source. It is not
	// part of the policy input.
	Lines LineIndex
}

// Document is what a policy sees as input: every resource of one source file
// (or one module, for directory formats) plus per-format extras.
type Document struct {
	// Kind selects the policies that apply: "kubernetes", "dockerfile", ...
	Kind string
	// Path is the source path, slash-separated and relative to the scan root.
	Path string
	// Resources declared by the document, in source order.
	Resources []*Resource
	// Extra holds per-format top-level fields beside "resources" (plain JSON
	// types only), e.g. the instructions of a Dockerfile.
	Extra map[string]any
}

// Input returns the document as the plain JSON value a policy receives.
// The result shares Config maps with the document; callers must not mutate it.
func (d *Document) Input() map[string]any {
	resources := make([]any, 0, len(d.Resources))
	for _, r := range d.Resources {
		resources = append(resources, r.Input())
	}
	in := make(map[string]any, len(d.Extra)+3)
	for k, v := range d.Extra {
		in[k] = v
	}
	in["kind"] = d.Kind
	in["path"] = d.Path
	in["resources"] = resources
	return in
}

// Input returns the resource as the plain JSON value a policy receives.
func (r *Resource) Input() map[string]any {
	unknown := make([]any, 0, len(r.Unknown))
	for _, u := range r.Unknown {
		unknown = append(unknown, u)
	}
	refs := make(map[string]any, len(r.References))
	for attr, targets := range r.References {
		list := make([]any, 0, len(targets))
		for _, t := range targets {
			list = append(list, t)
		}
		refs[attr] = list
	}
	config := r.Config
	if config == nil {
		config = map[string]any{}
	}
	return map[string]any{
		"address":    r.Address,
		"type":       r.Type,
		"provider":   r.Provider,
		"config":     config,
		"unknown":    unknown,
		"references": refs,
		"location": map[string]any{
			"path":       r.Location.Path,
			"start_line": int64(r.Location.StartLine),
			"end_line":   int64(r.Location.EndLine),
		},
	}
}

// Severity of a Diagnostic.
type Severity string

// Diagnostic severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Diagnostic is a problem found while reading an input: a file that does not
// parse, a value that cannot be evaluated. Errors mean some or all of the
// file could not be scanned; warnings mean it was scanned with a caveat.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Path     string   `json:"path"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
	Message  string   `json:"message"`
}

// Error formats the diagnostic as "path:line:col: message".
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Column > 0 {
			fmt.Fprintf(&b, ":%d", d.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(d.Message)
	return b.String()
}

// File is one input handed to a Normalizer.
type File struct {
	// Path is slash-separated and relative to the scan root; it is copied
	// into every Location the normalizer emits.
	Path string
	// Content is the whole file.
	Content []byte
}

// Normalizer turns one file format into Documents.
type Normalizer interface {
	// Name is the format name, also the Document.Kind it emits ("kubernetes").
	Name() string
	// Detect reports whether the file is of this format. It must be cheap:
	// it looks at the name and the content, and never parses fully.
	Detect(path string, content []byte) bool
	// Normalize reads the file. It returns the documents it could build and
	// diagnostics for what it could not; a file that is partly broken yields
	// both. It must not panic on any input, execute anything or touch the
	// network.
	Normalize(ctx context.Context, f File) ([]*Document, []Diagnostic)
}

// TreeNormalizer is a Normalizer whose unit is not one file but a set of
// files read together, such as a Terraform root module with the local
// modules it calls. Discovery still calls Detect per file; the scan then
// hands every accepted file of one scanned path to NormalizeTree at once.
type TreeNormalizer interface {
	Normalizer
	// NormalizeTree receives every file of one scanned path that Detect
	// accepted, sorted by path. root is that scanned path as given on the
	// command line (a directory, or a single file): the normalizer may read
	// other files below it (modules, variable files, file() arguments) and
	// must never read above it.
	NormalizeTree(ctx context.Context, root string, files []File) ([]*Document, []Diagnostic)
}
