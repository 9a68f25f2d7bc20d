package dockerfile

import (
	"bytes"
	"context"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// FuzzNormalize feeds arbitrary bytes to the normalizer (without its panic
// guard) and checks the invariants every result must keep.
func FuzzNormalize(f *testing.F) {
	normtest.SeedFiles(f, nil)
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
			normtest.CheckPlain(t, "input", docs[0].Input())
		default:
			t.Errorf("%d documents", len(docs))
		}
	})
}
