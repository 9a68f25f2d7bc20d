package terraform

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// fixtures are the scan roots under testdata/modules, with the options
// each is normalized with.
var fixtures = map[string]Options{
	"acl":           {},
	"count_foreach": {},
	"cycle":         {},
	"dynamic":       {},
	"expressions":   {},
	"huge":          {MaxInstances: 100},
	"json":          {},
	"modules":       {},
	"override":      {},
	"providers":     {},
	"references":    {},
	"sandbox":       {},
	"syntax_error":  {},
	"variables": {
		Env: []string{
			"HOME=/root",
			"TF_VAR_env_only=from-env",
			"TF_VAR_env_vs_tfvars=env",
			`TF_VAR_typed_list=["a", "b"]`,
			"TF_VAR_undeclared=ignored",
		},
		VarFiles: []string{"testdata/varfiles/extra.tfvars"},
		Vars:     []string{"cli_vs_varfile=cli", "typed_number=42"},
	},
	"warnings": {},
}

// goldenLine is the line record of a golden file.
type goldenLine struct {
	Address   string `json:"address"`
	Path      []any  `json:"path"`
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
	OK        bool   `json:"ok"`
}

// scanFiles returns the configuration files below root the way discovery
// hands them over: display paths, sorted, .terraform directories skipped.
func scanFiles(t testing.TB, root string) []normalizers.File {
	t.Helper()
	var files []normalizers.File
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (d.Name() == ".terraform" || d.Name() == ".git") {
				return filepath.SkipDir
			}
			return nil
		}
		if !isConfigFile(p) {
			return nil
		}
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, normalizers.File{Path: filepath.ToSlash(p), Content: content})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files
}

// normalizeFixture normalizes one fixture directory.
func normalizeFixture(t testing.TB, name string, opts Options) ([]*normalizers.Document, []normalizers.Diagnostic) {
	t.Helper()
	root := filepath.Join("testdata", "modules", name)
	return New(opts).NormalizeTree(context.Background(), root, scanFiles(t, root))
}

// linePaths lists, for a resource, the paths whose lines golden files
// record: the resource, each top-level attribute, and each attribute of
// the first element of nested block lists and the first key of objects.
func linePaths(config map[string]any) [][]any {
	paths := [][]any{{}}
	keys := sortedKeys(config)
	for _, k := range keys {
		paths = append(paths, []any{k})
		switch v := config[k].(type) {
		case []any:
			if len(v) == 0 {
				continue
			}
			paths = append(paths, []any{k, len(v) - 1})
			if obj, ok := v[0].(map[string]any); ok {
				for _, sub := range sortedKeys(obj) {
					paths = append(paths, []any{k, 0, sub})
				}
			}
		case map[string]any:
			if sub := sortedKeys(v); len(sub) > 0 {
				paths = append(paths, []any{k, sub[0]})
			}
		}
	}
	return paths
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// render builds the golden content of a fixture.
func render(t *testing.T, docs []*normalizers.Document, diags []normalizers.Diagnostic) []byte {
	t.Helper()
	return normtest.Render(t, docs, diags, func(r *normalizers.Resource) (lines []goldenLine) {
		for _, p := range linePaths(r.Config) {
			loc, ok := r.Lines.Lookup(p)
			lines = append(lines, goldenLine{r.Address, p, loc.Path, loc.StartLine, loc.EndLine, ok})
		}
		return lines
	})
}

// TestGolden normalizes every fixture of testdata/modules and compares the
// result with testdata/golden/<fixture>.golden.json. Run
// `go test ./normalizers/terraform -update` to rewrite the golden files.
func TestGolden(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("testdata", "modules"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := fixtures[e.Name()]; !ok {
			t.Errorf("testdata/modules/%s has no entry in fixtures", e.Name())
		}
	}
	for name, opts := range fixtures {
		t.Run(name, func(t *testing.T) {
			docs, diags := normalizeFixture(t, name, opts)
			for _, d := range docs {
				checkDocument(t, d)
				checkNoSecret(t, d)
			}
			normtest.Golden(t, filepath.Join("testdata", "golden", name+".golden.json"), render(t, docs, diags))
		})
	}
}
