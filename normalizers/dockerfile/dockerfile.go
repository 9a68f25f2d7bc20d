package dockerfile

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/rampart-iac/rampart/normalizers"
)

// Kind is the normalizer's name and the Kind of the documents it emits.
const Kind = "dockerfile"

// Normalizer reads Dockerfiles. The zero value is ready to use and safe for
// concurrent use.
type Normalizer struct{}

var _ normalizers.Normalizer = (*Normalizer)(nil)

// New returns a Dockerfile normalizer.
func New() *Normalizer { return &Normalizer{} }

// Name returns "dockerfile".
func (*Normalizer) Name() string { return Kind }

// Detect reports whether path names a Dockerfile: Dockerfile, Containerfile,
// Dockerfile.<x>, Dockerfile-<x>, Dockerfile_<x>, <x>.Dockerfile or
// <x>.dockerfile (case-insensitive), except names whose last extension marks
// documentation, data or scripts (Dockerfile.md, Dockerfile-x.json,
// Dockerfile.dockerignore, ...). Content with a NUL byte in its first 512
// bytes is binary and never a Dockerfile. Detect does not parse.
func (*Normalizer) Detect(path string, content []byte) bool {
	return isDockerfileName(path) && !looksBinary(content)
}

// Normalize reads one Dockerfile and returns one document for it, with a
// "stage" resource per FROM. Instructions buildkit rejects are reported as
// diagnostics naming their line; the document is returned as long as the
// file could be read at all.
func (*Normalizer) Normalize(ctx context.Context, f normalizers.File) (docs []*normalizers.Document, diags []normalizers.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			docs = nil
			diags = append(diags, normalizers.Diagnostic{
				Severity: normalizers.SeverityError,
				Path:     f.Path,
				Message:  fmt.Sprintf("internal error reading Dockerfile: %v", r),
			})
		}
	}()
	return normalize(ctx, f)
}

// normalize is Normalize without the panic guard, so that tests and the
// fuzz target see any panic.
func normalize(ctx context.Context, f normalizers.File) ([]*normalizers.Document, []normalizers.Diagnostic) {
	if err := ctx.Err(); err != nil {
		return nil, []normalizers.Diagnostic{{Severity: normalizers.SeverityError, Path: f.Path, Message: fmt.Sprintf("not read: %v", err)}}
	}
	p, pdiags, err := parse(ctx, f.Path, f.Content)
	diags := toDiagnostics(f.Path, pdiags)
	if err != nil {
		return nil, diags
	}
	doc, bdiags := build(f.Path, p)
	diags = append(diags, toDiagnostics(f.Path, bdiags)...)
	// Parse and build diagnostics interleave: report them in line order,
	// the ones about the whole file last.
	slices.SortStableFunc(diags, func(a, b normalizers.Diagnostic) int {
		return cmp.Compare(sortLine(a.Line), sortLine(b.Line))
	})
	return []*normalizers.Document{doc}, diags
}

func sortLine(line int) int {
	if line <= 0 {
		return math.MaxInt
	}
	return line
}

func toDiagnostics(path string, ds []diag) []normalizers.Diagnostic {
	out := make([]normalizers.Diagnostic, 0, len(ds))
	for _, d := range ds {
		sev := normalizers.SeverityError
		if d.warning {
			sev = normalizers.SeverityWarning
		}
		out = append(out, normalizers.Diagnostic{Severity: sev, Path: path, Line: d.line, Message: d.msg})
	}
	return out
}
