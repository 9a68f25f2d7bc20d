package kubernetes

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/normalizers"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// goldenPaths are the attribute paths whose lines every golden file records
// for every resource.
var goldenPaths = [][]any{
	{},
	{"metadata", "name"},
	{"spec", "containers", 0, "securityContext", "privileged"},
	{"spec", "template", "spec", "containers", 0, "securityContext", "privileged"},
}

// golden is the content of a golden file.
type golden struct {
	Documents   []map[string]any         `json:"documents"`
	Diagnostics []normalizers.Diagnostic `json:"diagnostics"`
	Lines       []goldenLine             `json:"lines"`
}

type goldenLine struct {
	Address   string `json:"address"`
	Path      []any  `json:"path"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
	OK        bool   `json:"ok"`
}

// render normalizes a file into the JSON of its golden file.
func render(t *testing.T, path string, content []byte) []byte {
	t.Helper()
	docs, diags := New().Normalize(context.Background(), normalizers.File{Path: path, Content: content})
	g := golden{Diagnostics: diags}
	if g.Diagnostics == nil {
		g.Diagnostics = []normalizers.Diagnostic{}
	}
	g.Lines = []goldenLine{}
	for _, d := range docs {
		g.Documents = append(g.Documents, d.Input())
		for _, r := range d.Resources {
			for _, p := range goldenPaths {
				loc, ok := r.Lines.Lookup(p)
				g.Lines = append(g.Lines, goldenLine{r.Address, p, loc.StartLine, loc.EndLine, ok})
			}
		}
	}
	out, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatalf("encode golden: %v", err)
	}
	return append(out, '\n')
}

// TestGolden normalizes every file of testdata/valid and testdata/invalid and
// compares the result with testdata/golden/<file>.golden.json. Run
// `go test ./normalizers/kubernetes -update` to rewrite the golden files.
func TestGolden(t *testing.T) {
	seen := map[string]string{}
	for _, dir := range []string{"valid", "invalid"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no test files in testdata/%s", dir)
		}
		for _, file := range files {
			name := filepath.Base(file)
			if other, dup := seen[name]; dup {
				t.Fatalf("%s and %s share a golden file name", file, other)
			}
			seen[name] = file
			t.Run(dir+"/"+name, func(t *testing.T) {
				content, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				path := dir + "/" + name
				if !New().Detect(path, content) && dir == "valid" {
					t.Errorf("Detect(%s) = false", path)
				}
				got := render(t, path, content)
				checkDiagnostics(t, dir, got)
				goldenFile := filepath.Join("testdata", "golden", name+".golden.json")
				if *update {
					if err := os.WriteFile(goldenFile, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(goldenFile)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					var g, w any
					_ = json.Unmarshal(got, &g)
					_ = json.Unmarshal(want, &w)
					t.Errorf("%s differs from the golden file (-want +got):\n%s", path, cmp.Diff(w, g))
				}
			})
		}
	}
}

// checkDiagnostics asserts that valid inputs yield no diagnostics and invalid
// ones at least one, each with a line.
func checkDiagnostics(t *testing.T, dir string, out []byte) {
	t.Helper()
	var g golden
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatal(err)
	}
	switch {
	case dir == "valid" && len(g.Diagnostics) > 0:
		t.Errorf("valid input has diagnostics: %+v", g.Diagnostics)
	case dir == "invalid" && len(g.Diagnostics) == 0:
		t.Errorf("invalid input has no diagnostics")
	}
	for _, d := range g.Diagnostics {
		if d.Line <= 0 {
			t.Errorf("diagnostic without a line: %+v", d)
		}
	}
}
