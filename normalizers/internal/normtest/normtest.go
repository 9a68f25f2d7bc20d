// Package normtest holds the test scaffolding the normalizer packages
// share: golden files, the shared corpus, fuzz seeds and plain-value
// checks. It is imported by tests only.
package normtest

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/normalizers"
)

// update is the -update flag of every package that imports normtest:
// Golden rewrites the golden files instead of comparing with them.
var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// CorpusDir is the shared corpus of real-world repositories, relative to a
// normalizer package.
const CorpusDir = "../../../shared/corpus"

// Golden compares got with the golden file at path, or writes it there
// when the test runs with -update.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		var g, w any
		_ = json.Unmarshal(got, &g)
		_ = json.Unmarshal(want, &w)
		t.Errorf("%s differs from the golden file (-want +got):\n%s", path, cmp.Diff(w, g))
	}
}

// Corpus returns CorpusDir, or skips tb when the corpus is absent, and
// tests (not benchmarks) in -short mode.
func Corpus(tb testing.TB) string {
	tb.Helper()
	if _, bench := tb.(*testing.B); !bench && testing.Short() {
		tb.Skip("corpus sweep skipped in -short mode")
	}
	if _, err := os.Stat(CorpusDir); err != nil {
		tb.Skipf("no corpus at %s", CorpusDir)
	}
	return CorpusDir
}

// SeedFiles adds every regular file below testdata for which keep (when
// not nil) returns true to the seed corpus of f. Directories named fuzz
// (Go adds testdata/fuzz itself) or named in skipDirs are not read.
func SeedFiles(f *testing.F, keep func(path string) bool, skipDirs ...string) {
	f.Helper()
	skip := map[string]bool{"fuzz": true}
	for _, d := range skipDirs {
		skip[d] = true
	}
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && skip[d.Name()] {
			return filepath.SkipDir
		}
		if !d.Type().IsRegular() || (keep != nil && !keep(path)) {
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

// CheckPlain fails t unless v holds plain JSON values only: nil, strings,
// booleans, int64, float64, []any and map[string]any. where names v in the
// message.
func CheckPlain(t testing.TB, where string, v any) {
	t.Helper()
	switch v := v.(type) {
	case nil, string, bool, int64, float64:
	case []any:
		for _, e := range v {
			CheckPlain(t, where+"[]", e)
		}
	case map[string]any:
		for k, e := range v {
			CheckPlain(t, where+"."+k, e)
		}
	default:
		t.Fatalf("%s: value %#v of type %T is not plain JSON", where, v, v)
	}
}

// Output is the content of a golden file: the input documents of a
// normalizer's output, its diagnostics, and line records of type L for its
// resources.
type Output[L any] struct {
	Documents   []map[string]any         `json:"documents"`
	Diagnostics []normalizers.Diagnostic `json:"diagnostics"`
	Lines       []L                      `json:"lines"`
}

// Render encodes docs and diags as a golden file: indented JSON ending in
// a newline, with the records lines returns for each resource.
func Render[L any](t testing.TB, docs []*normalizers.Document, diags []normalizers.Diagnostic, lines func(*normalizers.Resource) []L) []byte {
	t.Helper()
	g := Output[L]{Documents: []map[string]any{}, Diagnostics: diags, Lines: []L{}}
	if g.Diagnostics == nil {
		g.Diagnostics = []normalizers.Diagnostic{}
	}
	for _, d := range docs {
		g.Documents = append(g.Documents, d.Input())
		for _, r := range d.Resources {
			g.Lines = append(g.Lines, lines(r)...)
		}
	}
	out, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatalf("encode golden: %v", err)
	}
	return append(out, '\n')
}

// CheckDiagnostics fails t when an input of testdata/valid (dir "valid")
// has diagnostics or one of testdata/invalid has none.
func CheckDiagnostics(t testing.TB, dir string, diags []normalizers.Diagnostic) {
	t.Helper()
	switch {
	case dir == "valid" && len(diags) > 0:
		t.Errorf("valid input has diagnostics: %+v", diags)
	case dir == "invalid" && len(diags) == 0:
		t.Errorf("invalid input has no diagnostics")
	}
}

// CheckResources fails t unless every resource of doc has a non-empty
// address no other resource has, a type, a provider, a config and a line
// index.
func CheckResources(t testing.TB, doc *normalizers.Document) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range doc.Resources {
		if r.Address == "" || seen[r.Address] {
			t.Fatalf("%s: address %q empty or repeated", doc.Path, r.Address)
		}
		seen[r.Address] = true
		if r.Type == "" || r.Provider == "" || r.Config == nil || r.Lines == nil {
			t.Fatalf("%s: incomplete resource %s: type %q provider %q", doc.Path, r.Address, r.Type, r.Provider)
		}
	}
}

// CheckLines fails t unless the location of r and those its line index
// gives for paths lie in the file path of lines lines, the latter within
// the former.
func CheckLines(t testing.TB, path string, lines int, r *normalizers.Resource, paths [][]any) {
	t.Helper()
	checkLocation := func(loc normalizers.Location) {
		t.Helper()
		if loc.Path != path || loc.StartLine < 1 || loc.StartLine > loc.EndLine || loc.EndLine > lines {
			t.Fatalf("%s: %s: location %+v outside 1-%d", path, r.Address, loc, lines)
		}
	}
	checkLocation(r.Location)
	for _, p := range paths {
		loc, _ := r.Lines.Lookup(p)
		checkLocation(loc)
		if loc.StartLine < r.Location.StartLine || loc.EndLine > r.Location.EndLine {
			t.Fatalf("%s: %s: Lookup(%v) = %d-%d outside the resource's %d-%d", path, r.Address, p,
				loc.StartLine, loc.EndLine, r.Location.StartLine, r.Location.EndLine)
		}
	}
}
