package tfjson

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// goldenPaths are the attribute paths whose lines the golden files record
// for every resource that has them.
var goldenPaths = [][]any{
	{},
	{"bucket"},
	{"tags", "Name"},
	{"password"},
	{"value"},
	{"ingress", 0, "cidr_blocks", 0},
	{"rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"},
	{"region"},
	{"default_tags", 0, "tags", "Owner"},
	{"required_providers", "aws", "version"},
	{"data", "API_KEY"},
}

// goldenLine is the line record of a golden file.
type goldenLine struct {
	Address   string `json:"address"`
	Path      []any  `json:"path"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// normalizerFor picks the normalizer of a test file by its name prefix
// ("plan-" or "state-").
func normalizerFor(t *testing.T, name string) (normalizers.Normalizer, normalizers.Normalizer) {
	t.Helper()
	switch {
	case strings.HasPrefix(name, "plan-"):
		return NewPlan(), NewState()
	case strings.HasPrefix(name, "state-"):
		return NewState(), NewPlan()
	}
	t.Fatalf("test file %s must start with plan- or state-", name)
	return nil, nil
}

// render normalizes a file into the JSON of its golden file.
func render(t *testing.T, n normalizers.Normalizer, path string, content []byte) []byte {
	t.Helper()
	docs, diags := n.Normalize(context.Background(), normalizers.File{Path: path, Content: content})
	return normtest.Render(t, docs, diags, func(r *normalizers.Resource) (lines []goldenLine) {
		for _, p := range goldenPaths {
			loc, ok := r.Lines.Lookup(p)
			if ok && (len(p) == 0 || loc != r.Location) {
				lines = append(lines, goldenLine{r.Address, p, loc.StartLine, loc.EndLine})
			}
		}
		return lines
	})
}

// TestGolden normalizes every file of testdata/valid and testdata/invalid
// and compares the result with testdata/golden/<file>.golden.json. Run
// `go test ./normalizers/tfjson -update` to rewrite the golden files.
func TestGolden(t *testing.T) {
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
			t.Run(dir+"/"+name, func(t *testing.T) {
				content, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				n, other := normalizerFor(t, name)
				path := dir + "/" + name
				if dir == "valid" && !n.Detect(path, content) {
					t.Errorf("%s.Detect(%s) = false", n.Name(), path)
				}
				if other.Detect(path, content) {
					t.Errorf("%s.Detect(%s) = true", other.Name(), path)
				}
				got := render(t, n, path, content)
				checkGolden(t, dir, got)
				normtest.Golden(t, filepath.Join("testdata", "golden", name+".golden.json"), got)
			})
		}
	}
}

// checkGolden asserts that valid inputs yield no diagnostics and invalid
// ones at least one, each with a line, and that no secret of the test
// files (they all contain "not-a-real" or "hunter2") leaks into a document.
func checkGolden(t *testing.T, dir string, out []byte) {
	t.Helper()
	var g normtest.Output[goldenLine]
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatal(err)
	}
	normtest.CheckDiagnostics(t, dir, g.Diagnostics)
	for _, d := range g.Diagnostics {
		if d.Line <= 0 {
			t.Errorf("diagnostic without a line: %+v", d)
		}
	}
	docs, _ := json.Marshal(g.Documents)
	for _, secret := range []string{"not-a-real", "hunter2"} {
		if bytes.Contains(docs, []byte(secret)) {
			t.Errorf("a sensitive value (%s...) leaks into the documents", secret)
		}
	}
}
