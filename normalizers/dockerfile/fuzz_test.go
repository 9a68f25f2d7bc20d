package dockerfile

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
)

// FuzzNormalize feeds arbitrary bytes to the normalizer (without its panic
// guard) and checks the invariants every result must keep.
func FuzzNormalize(f *testing.F) {
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path == filepath.Join("testdata", "fuzz") {
			return filepath.SkipDir // the fuzzing engine loads its own corpus
		}
		if !d.Type().IsRegular() {
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
		docs, diags := normalize(context.Background(), normalizers.File{Path: "Dockerfile", Content: content})
		lines := bytes.Count(content, []byte("\n")) + 1
		for _, d := range diags {
			if d.Line < 0 || d.Line > lines || d.Path != "Dockerfile" || d.Message == "" {
				t.Errorf("bad diagnostic %+v in a %d-line file", d, lines)
			}
		}
		switch len(docs) {
		case 0:
			if len(diags) == 0 {
				t.Errorf("no document and no diagnostic")
			}
		case 1:
			checkInvariants(t, docs[0], content)
			checkPlainJSON(t, "input", docs[0].Input())
		default:
			t.Errorf("%d documents", len(docs))
		}
	})
}
