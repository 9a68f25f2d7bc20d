package cloudformation

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

// variants renders some test files a second time with options; the golden
// file is <file>.<name>.golden.json.
var variants = map[string]map[string]Options{
	"valid/parameters.yaml": {
		"override": {Parameters: map[string]any{
			"EncryptionEnabled": "true",
			"CreateLogs":        "yes",
			"Retention":         "7",
			"MasterPassword":    "from-the-params-file",
			"AdminCidrs":        []any{"172.16.0.0/12"},
		}},
	},
	"valid/intrinsics.yaml": {
		"region": {Parameters: map[string]any{"Env": "dev", "AWS::Region": "us-east-1"}},
	},
}

// goldenPaths are attribute paths whose lines every golden file records
// for the resources that have their first element.
var goldenPaths = [][]any{
	{"BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "SSEAlgorithm"},
	{"Tags", 0, "Value"},
	{"Tags", 4},
	{"Environment", "Variables", "STAGE"},
	{"Environment", "Variables", "LOG_LEVEL"},
	{"Layers", 0},
	{"Layers", 1},
	{"Settings", "Name"},
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

// render encodes the output of the normalizer as a golden file.
func render(t *testing.T, docs []*normalizers.Document, diags []normalizers.Diagnostic) []byte {
	t.Helper()
	return normtest.Render(t, docs, diags, func(r *normalizers.Resource) (lines []goldenLine) {
		paths := [][]any{{}}
		for _, k := range sortedKeys(r.Config) {
			paths = append(paths, []any{k})
		}
		for _, p := range goldenPaths {
			if _, ok := r.Config[p[0].(string)]; ok {
				paths = append(paths, p)
			}
		}
		for _, p := range paths {
			loc, ok := r.Lines.Lookup(p)
			lines = append(lines, goldenLine{r.Address, p, loc.Path, loc.StartLine, loc.EndLine, ok})
		}
		return lines
	})
}

// compareGolden compares got with testdata/golden/<name>.golden.json, or
// rewrites it with -update.
func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	normtest.Golden(t, filepath.Join("testdata", "golden", name+".golden.json"), got)
}

// TestGolden normalizes every file of testdata/valid and testdata/invalid
// on its own (Normalize) and compares the result with
// testdata/golden/<file>.golden.json; the variants are rendered too. Run
// `go test ./normalizers/cloudformation -update` to rewrite the golden
// files.
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
			path := dir + "/" + name
			content, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			cases := map[string]Options{"": {}}
			for v, opts := range variants[path] {
				cases["."+v] = opts
			}
			for suffix, opts := range cases {
				t.Run(path+suffix, func(t *testing.T) {
					if !New(opts).Detect(path, content) {
						t.Errorf("Detect(%s) = false", path)
					}
					f := normalizers.File{Path: path, Content: content}
					docs, diags := New(opts).Normalize(context.Background(), f)
					checkTree(t, map[string][]byte{path: content}, docs, diags)
					normtest.CheckDiagnostics(t, dir, diags)
					compareGolden(t, name+suffix, render(t, docs, diags))
				})
			}
		}
	}
}

// TestGoldenTree normalizes every directory of testdata/tree as one scanned
// path (NormalizeTree), so local nested stacks are read, and compares the
// result with testdata/golden/tree-<dir>.golden.json.
func TestGoldenTree(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "tree", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no test trees: %v", err)
	}
	for _, root := range dirs {
		t.Run(filepath.Base(root), func(t *testing.T) {
			files, contents := scanTree(t, root)
			docs, diags := New(Options{}).NormalizeTree(context.Background(), root, files)
			checkTree(t, contents, docs, diags)
			compareGolden(t, "tree-"+filepath.Base(root), render(t, docs, diags))
		})
	}
}

// scanTree returns the templates below root as discovery hands them over:
// display paths, sorted.
func scanTree(t testing.TB, root string) ([]normalizers.File, map[string][]byte) {
	t.Helper()
	var files []normalizers.File
	contents := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		disp := filepath.ToSlash(p)
		contents[disp] = content
		if New(Options{}).Detect(disp, content) {
			files = append(files, normalizers.File{Path: disp, Content: content})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, contents
}
