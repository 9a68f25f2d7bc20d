package tfjson

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// TestCorpusSweep runs both normalizers' Detect over every JSON and state
// file of the shared corpus, which holds no plan or state files: none may
// be claimed. Every file is also normalized directly, as if forced with a
// format flag, to check that nothing panics and the invariants hold.
func TestCorpusSweep(t *testing.T) {
	corpusDir := normtest.Corpus(t)
	plan, state := NewPlan(), NewState()
	var files, documents, errorFiles int
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		base := strings.ToLower(d.Name())
		if !strings.HasSuffix(base, ".json") && !strings.Contains(base, ".tfstate") {
			return nil
		}
		files++
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, corpusDir+string(filepath.Separator)))
		if plan.Detect(rel, content) {
			t.Errorf("terraform-plan claims %s", rel)
		}
		if state.Detect(rel, content) {
			t.Errorf("terraform-state claims %s", rel)
		}
		for _, n := range []normalizers.Normalizer{plan, state} {
			docs, diags := n.Normalize(context.Background(), normalizers.File{Path: rel, Content: content})
			checkInvariants(t, rel, content, docs, diags)
			documents += len(docs)
			if len(docs) == 0 {
				errorFiles++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no JSON files under %s", corpusDir)
	}
	t.Logf("%d JSON files, none detected; forced normalization: %d documents, %d refusals", files, documents, errorFiles)
}
