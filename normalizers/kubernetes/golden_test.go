package kubernetes

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// goldenPaths are the attribute paths whose lines every golden file records
// for every resource.
var goldenPaths = [][]any{
	{},
	{"metadata", "name"},
	{"spec", "containers", 0, "securityContext", "privileged"},
	{"spec", "template", "spec", "containers", 0, "securityContext", "privileged"},
}

// goldenLine is the line record of a golden file.
type goldenLine struct {
	Address   string `json:"address"`
	Path      []any  `json:"path"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
	OK        bool   `json:"ok"`
}

// render encodes the output of the normalizer as a golden file.
func render(t *testing.T, docs []*normalizers.Document, diags []normalizers.Diagnostic) []byte {
	t.Helper()
	return normtest.Render(t, docs, diags, func(r *normalizers.Resource) (lines []goldenLine) {
		for _, p := range goldenPaths {
			loc, ok := r.Lines.Lookup(p)
			lines = append(lines, goldenLine{r.Address, p, loc.StartLine, loc.EndLine, ok})
		}
		return lines
	})
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
				docs, diags := New().Normalize(context.Background(), normalizers.File{Path: path, Content: content})
				normtest.CheckDiagnostics(t, dir, diags)
				for _, d := range diags {
					if d.Line <= 0 {
						t.Errorf("diagnostic without a line: %+v", d)
					}
				}
				normtest.Golden(t, filepath.Join("testdata", "golden", name+".golden.json"), render(t, docs, diags))
			})
		}
	}
}
