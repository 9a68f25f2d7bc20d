package cloudformation

import (
	"context"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// FuzzNormalize checks that no input makes Normalize panic and that the
// documents it returns keep their invariants: one document, unique
// addresses, plain values, lines within the file.
func FuzzNormalize(f *testing.F) {
	// Mutated alias bombs would spend the whole run expanding to the default
	// budget; a smaller one finds the same bugs.
	defer func(n int) { maxNodes = n }(maxNodes)
	maxNodes = 50_000
	normtest.SeedFiles(f, nil, "golden")
	f.Fuzz(func(t *testing.T, content []byte) {
		docs, diags := New(Options{}).Normalize(context.Background(), normalizers.File{Path: "fuzz.yaml", Content: content})
		if len(docs) != 1 {
			t.Fatalf("%d documents", len(docs))
		}
		checkTree(t, map[string][]byte{"fuzz.yaml": content}, docs, diags)
	})
}
