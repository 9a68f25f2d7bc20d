package tfjson

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
)

// seedFromTestdata adds every test file to the fuzzing corpus.
func seedFromTestdata(f *testing.F) {
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "fuzz" || d.Name() == "golden" {
				return filepath.SkipDir // Go adds the fuzz corpus itself
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
}

// FuzzPlan checks that no input makes the plan normalizer panic and that
// what it returns keeps the invariants of the contract.
func FuzzPlan(f *testing.F) {
	seedFromTestdata(f)
	f.Fuzz(func(t *testing.T, content []byte) {
		docs, diags := NewPlan().Normalize(context.Background(), normalizers.File{Path: "fuzz.json", Content: content})
		checkInvariants(t, "fuzz.json", content, docs, diags)
	})
}

// FuzzState is FuzzPlan for the state normalizer.
func FuzzState(f *testing.F) {
	seedFromTestdata(f)
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
	checkPlain(t, "extras", doc.Input())
	seen := map[string]bool{}
	for _, r := range doc.Resources {
		if r.Address == "" || seen[r.Address] {
			t.Fatalf("%s: address %q empty or repeated", path, r.Address)
		}
		seen[r.Address] = true
		if r.Type == "" || r.Provider == "" || r.Config == nil || r.Lines == nil {
			t.Fatalf("%s: incomplete resource %+v", path, r)
		}
		checkLocation(t, path, r.Address, r.Location, lines)
		for _, p := range invariantPaths {
			loc, _ := r.Lines.Lookup(p)
			checkLocation(t, path, r.Address, loc, lines)
			if loc.StartLine < r.Location.StartLine || loc.EndLine > r.Location.EndLine {
				t.Fatalf("%s: %s: Lookup(%v) = %d-%d outside the resource's %d-%d", path, r.Address, p,
					loc.StartLine, loc.EndLine, r.Location.StartLine, r.Location.EndLine)
			}
		}
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

func checkLocation(t *testing.T, path, addr string, loc normalizers.Location, lines int) {
	t.Helper()
	if loc.Path != path || loc.StartLine < 1 || loc.StartLine > loc.EndLine || loc.EndLine > lines {
		t.Fatalf("%s: %s: location %+v outside 1-%d", path, addr, loc, lines)
	}
}

// checkPlain fails when v holds anything but plain JSON values.
func checkPlain(t *testing.T, where string, v any) {
	t.Helper()
	switch v := v.(type) {
	case nil, string, bool, int64, float64:
	case map[string]any:
		for k, e := range v {
			checkPlain(t, where+"."+k, e)
		}
	case []any:
		for _, e := range v {
			checkPlain(t, where+"[]", e)
		}
	default:
		t.Fatalf("%s: %T is not a plain JSON value", where, v)
	}
}
