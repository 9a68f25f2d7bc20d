package cloudformation

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
)

// FuzzNormalize checks that no input makes Normalize panic and that the
// documents it returns keep their invariants: one document, unique
// addresses, plain values, lines within the file.
func FuzzNormalize(f *testing.F) {
	// Mutated alias bombs would spend the whole run expanding to the default
	// budget; a smaller one finds the same bugs.
	defer func(n int) { maxNodes = n }(maxNodes)
	maxNodes = 50_000
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "fuzz" || d.Name() == "golden" {
				return filepath.SkipDir
			}
			return nil
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f.Add(content)
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		docs, diags := New(Options{}).Normalize(context.Background(), normalizers.File{Path: "fuzz.yaml", Content: content})
		if len(docs) != 1 {
			t.Fatalf("%d documents", len(docs))
		}
		checkTree(t, map[string][]byte{"fuzz.yaml": content}, docs, diags)
	})
}
