package tfjson

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// FuzzPlan checks that no input makes the plan normalizer panic and that
// what it returns keeps the invariants of the contract.
func FuzzPlan(f *testing.F) {
	normtest.SeedFiles(f, nil, "golden")
	f.Fuzz(func(t *testing.T, content []byte) {
		docs, diags := NewPlan().Normalize(context.Background(), normalizers.File{Path: "fuzz.json", Content: content})
		checkInvariants(t, "fuzz.json", content, docs, diags)
	})
}

// FuzzState is FuzzPlan for the state normalizer.
func FuzzState(f *testing.F) {
	normtest.SeedFiles(f, nil, "golden")
	f.Fuzz(func(t *testing.T, content []byte) {
		docs, diags := NewState().Normalize(context.Background(), normalizers.File{Path: "fuzz.json", Content: content})
		checkInvariants(t, "fuzz.json", content, docs, diags)
	})
}

// invariantPaths are looked up on every resource by checkInvariants.
var invariantPaths = append([][]any{{"x", 0, "y"}, {0}, {"values", "values"}, {"constant_value"}}, goldenPaths...)

// checkInvariants fails the test when the output of Normalize breaks an
// invariant of the contract.
func checkInvariants(t *testing.T, path string, content []byte, docs []*normalizers.Document, diags []normalizers.Diagnostic) {
	t.Helper()
	lines := bytes.Count(content, []byte("\n")) + 1
	errors := 0
	for _, d := range diags {
		if strings.Contains(d.Message, "internal error") {
			t.Fatalf("%s: panic: %s", path, d.Message)
		}
		if d.Path != path || d.Line < 1 || d.Line > lines || d.Column < 0 || d.Message == "" {
			t.Fatalf("%s: bad diagnostic %+v in a %d-line file", path, d, lines)
		}
		if d.Severity == normalizers.SeverityError {
			errors++
		}
	}
	switch len(docs) {
	case 0:
		if errors == 0 {
			t.Fatalf("%s: no document and no error", path)
		}
		return
	case 1:
	default:
		t.Fatalf("%s: %d documents", path, len(docs))
	}
	doc := docs[0]
	if doc.Path != path || (doc.Kind != PlanName && doc.Kind != StateName) {
		t.Fatalf("%s: document kind %q path %q", path, doc.Kind, doc.Path)
	}
	normtest.CheckPlain(t, "extras", doc.Input())
	normtest.CheckResources(t, doc)
	for _, r := range doc.Resources {
		normtest.CheckLines(t, path, lines, r, invariantPaths)
		for _, u := range r.Unknown {
			if u == "" {
				t.Fatalf("%s: %s: empty unknown path", path, r.Address)
			}
		}
		for attr, targets := range r.References {
			if attr == "" || len(targets) == 0 {
				t.Fatalf("%s: %s: reference %q -> %v", path, r.Address, attr, targets)
			}
		}
	}
}
