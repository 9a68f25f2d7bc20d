package cloudformation

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/sandbox"
)

// Limits of nested stacks.
const (
	// maxDepth bounds the nesting of stacks below a root template.
	maxDepth = 10
	// maxStacks bounds the stacks (root and nested) one document
	// evaluates, so a template that instantiates a child many times at every
	// level cannot blow up.
	maxStacks = 500
)

// errNoTree is returned when the scan was not given a directory, so no file
// other than the ones handed over may be read.
var errNoTree = errors.New("nested templates are read only when a directory is scanned")

// run is one call of Normalize or NormalizeTree: the templates read so far,
// the files that may be read and the diagnostics.
type run struct {
	ctx       context.Context
	opts      Options
	fs        *sandbox.FS
	files     map[string]normalizers.File // handed over by discovery
	templates map[string]*template        // parsed, by display path
	reported  map[string]bool             // templates whose parse problems are reported
	used      map[string]bool             // templates evaluated as a root or a child
	// stacks counts the stacks of the document being built; overBudget is
	// set once it went over maxStacks.
	stacks     int
	overBudget bool
	diags      []normalizers.Diagnostic
	seen       map[normalizers.Diagnostic]bool
	// quiet drops diagnostics and keeps nested templates unread: the run
	// only probes templates for their nested stacks.
	quiet bool
}

// newRun returns a run over the files handed over.
func newRun(ctx context.Context, opts Options, fs *sandbox.FS, files []normalizers.File) *run {
	r := &run{
		ctx:       ctx,
		opts:      opts,
		fs:        fs,
		files:     make(map[string]normalizers.File, len(files)),
		templates: make(map[string]*template),
		reported:  make(map[string]bool),
		used:      make(map[string]bool),
		seen:      make(map[normalizers.Diagnostic]bool),
	}
	for _, f := range files {
		r.files[f.Path] = f
	}
	return r
}

// template returns the parsed template at the display path p: a file handed
// over, or one read through the sandbox.
func (r *run) template(p string) (*template, error) {
	if t, ok := r.templates[p]; ok {
		return t, nil
	}
	f, ok := r.files[p]
	if !ok {
		if r.quiet || !r.fs.CanRead() {
			return nil, errNoTree
		}
		content, err := r.fs.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f = normalizers.File{Path: p, Content: content}
	}
	t := parseTemplate(f)
	r.templates[p] = t
	return t, nil
}

// report adds the parse problems of t, once.
func (r *run) report(t *template) {
	if r.reported[t.path] {
		return
	}
	r.reported[t.path] = true
	for _, d := range t.diags {
		r.add(d)
	}
}

// add records a diagnostic, dropping exact repeats (a child template
// instantiated twice reports its problems once).
func (r *run) add(d normalizers.Diagnostic) {
	if r.quiet || r.seen[d] {
		return
	}
	r.seen[d] = true
	r.diags = append(r.diags, d)
}

// sortedDiags returns the diagnostics ordered by file and position.
func (r *run) sortedDiags() []normalizers.Diagnostic {
	sort.SliceStable(r.diags, func(i, j int) bool {
		a, b := r.diags[i], r.diags[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
	return r.diags
}

// diagnose records a diagnostic at a template position.
func (r *run) diagnose(sev normalizers.Severity, p pos, fallback string, msg string) {
	path := p.loc.Path
	if path == "" {
		path = fallback
	}
	r.add(normalizers.Diagnostic{Severity: sev, Path: path, Line: max(p.loc.StartLine, 1), Message: msg})
}

// warnf records a warning at p.
func (s *stack) warnf(p pos, format string, args ...any) {
	s.run.diagnose(normalizers.SeverityWarning, p, s.tpl.path, fmt.Sprintf(format, args...))
}

// errorf records an error at p.
func (s *stack) errorf(p pos, format string, args ...any) {
	s.run.diagnose(normalizers.SeverityError, p, s.tpl.path, fmt.Sprintf(format, args...))
}
