package kubernetes

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
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
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "fuzz" {
				return filepath.SkipDir // Go adds the fuzz corpus itself.
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
	seen := map[string]bool{}
	for _, r := range docs[0].Resources {
		if r.Address == "" || seen[r.Address] {
			t.Fatalf("%s: address %q empty or repeated", path, r.Address)
		}
		seen[r.Address] = true
		if r.Type == "" || r.Provider != "kubernetes" || r.Config == nil || r.Lines == nil {
			t.Fatalf("%s: incomplete resource %+v", path, r)
		}
		checkLocation(t, path, r.Address, r.Location, lines)
		for _, p := range goldenPaths {
			loc, _ := r.Lines.Lookup(p)
			checkLocation(t, path, r.Address, loc, lines)
			if loc.StartLine < r.Location.StartLine || loc.EndLine > r.Location.EndLine {
				t.Fatalf("%s: %s: Lookup(%v) = %d-%d outside the resource's %d-%d", path, r.Address, p,
					loc.StartLine, loc.EndLine, r.Location.StartLine, r.Location.EndLine)
			}
		}
		checkPlain(t, r.Address, r.Config)
	}
}

func checkLocation(t *testing.T, path, addr string, loc normalizers.Location, lines int) {
	t.Helper()
	if loc.Path != path || loc.StartLine < 1 || loc.StartLine > loc.EndLine || loc.EndLine > lines {
		t.Fatalf("%s: %s: location %+v outside 1-%d", path, addr, loc, lines)
	}
}
