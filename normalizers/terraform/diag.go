package terraform

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/rampart-iac/rampart/normalizers"
)

// maxDiagnostics bounds the diagnostics of one run; a pathological input
// must not produce millions.
const maxDiagnostics = 2000

// newDiag builds a diagnostic: a warning when warn is set, else an error.
func newDiag(path string, line, col int, warn bool, msg string) normalizers.Diagnostic {
	sev := normalizers.SeverityError
	if warn {
		sev = normalizers.SeverityWarning
	}
	return normalizers.Diagnostic{Severity: sev, Path: path, Line: line, Column: col, Message: msg}
}

// diagnostics collects the diagnostics of a run without repeats: a module
// evaluated for several instances or roots reports a problem once.
type diagnostics struct {
	list    []normalizers.Diagnostic
	seen    map[string]bool
	dropped int
}

func (ds *diagnostics) add(d normalizers.Diagnostic) {
	key := fmt.Sprintf("%s|%s|%d|%d|%s", d.Severity, d.Path, d.Line, d.Column, d.Message)
	if ds.seen[key] {
		return
	}
	if ds.seen == nil {
		ds.seen = map[string]bool{}
	}
	ds.seen[key] = true
	if len(ds.list) >= maxDiagnostics {
		ds.dropped++
		return
	}
	ds.list = append(ds.list, d)
}

// sorted returns the diagnostics by path and position, with a note on the
// ones dropped over the limit.
func (ds *diagnostics) sorted(where string) []normalizers.Diagnostic {
	out := slices.Clone(ds.list)
	slices.SortStableFunc(out, func(a, b normalizers.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	if ds.dropped > 0 {
		out = append(out, newDiag(where, 0, 0, true, fmt.Sprintf("%d more diagnostics not shown", ds.dropped)))
	}
	return out
}

// fromHCL converts an HCL diagnostic. Errors stay errors unless warn is
// set (evaluation problems are warnings: the rest is still evaluated).
// fallback places diagnostics without a subject.
func fromHCL(d *hcl.Diagnostic, warn bool, fallback *hcl.Range) normalizers.Diagnostic {
	rng := d.Subject
	if rng == nil {
		rng = d.Context
	}
	if rng == nil {
		rng = fallback
	}
	msg := d.Summary
	if detail := strings.TrimSpace(d.Detail); detail != "" {
		msg = strings.TrimSuffix(msg, ".") + ": " + detail
	}
	out := newDiag("", 0, 0, warn || d.Severity != hcl.DiagError, msg)
	if rng != nil {
		out.Path, out.Line, out.Column = rng.Filename, rng.Start.Line, rng.Start.Column
	}
	return out
}
