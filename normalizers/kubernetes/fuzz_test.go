package kubernetes

import (
	"context"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
	"github.com/rampart-iac/rampart/normalizers/internal/yamltree"
)

// FuzzNormalize checks that no input makes Normalize panic and that the
// documents it returns keep their invariants: unique addresses, and lines
// that are ordered and within the file.
func FuzzNormalize(f *testing.F) {
	// Mutated alias bombs would spend the whole run expanding to the default
	// budget; a smaller one finds the same bugs.
	defer func(n int) { maxNodes = n }(maxNodes)
	maxNodes = 50_000
	normtest.SeedFiles(f, nil)
	f.Fuzz(func(t *testing.T, content []byte) {
		docs, diags := New().Normalize(context.Background(), normalizers.File{Path: "fuzz.yaml", Content: content})
		checkInvariants(t, "fuzz.yaml", content, docs, diags)
	})
}

// checkInvariants fails the test when the output of Normalize for a file
// breaks an invariant of the contract.
func checkInvariants(t *testing.T, path string, content []byte, docs []*normalizers.Document, diags []normalizers.Diagnostic) {
	t.Helper()
	lines := max(yamltree.Parse(content).Lines(), 1)
	for _, d := range diags {
		if strings.Contains(d.Message, "internal error") {
			t.Fatalf("%s: panic: %s", path, d.Message)
		}
		if d.Path != path || d.Line < 1 || d.Line > lines {
			t.Fatalf("%s: diagnostic line %d outside 1-%d: %v", path, d.Line, lines, d)
		}
	}
	if len(docs) != 1 {
		t.Fatalf("%s: %d documents", path, len(docs))
	}
	normtest.CheckResources(t, docs[0])
	for _, r := range docs[0].Resources {
		if r.Provider != "kubernetes" {
			t.Fatalf("%s: %s: provider %q", path, r.Address, r.Provider)
		}
		normtest.CheckLines(t, path, lines, r, goldenPaths)
		normtest.CheckPlain(t, r.Address, r.Config)
	}
}
