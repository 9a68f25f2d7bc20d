package kubernetes

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

// TestCorpusSweep normalizes every manifest of the shared corpus that Detect
// accepts and checks that none makes Normalize panic or breaks an invariant.
// Files of Helm chart templates (under a templates/ directory) are not YAML
// until rendered, so their errors are only counted.
func TestCorpusSweep(t *testing.T) {
	corpusDir := normtest.Corpus(t)
	n := New()
	var files, detected, templates, resources, errorFiles, templateErrorFiles, errs, warnings int
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
		switch strings.ToLower(filepath.Ext(path)) {
		case ".yaml", ".yml", ".json":
		default:
			return nil
		}
		files++
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, corpusDir+string(filepath.Separator)))
		if !n.Detect(rel, content) {
			return nil
		}
		detected++
		docs, diags := n.Normalize(context.Background(), normalizers.File{Path: rel, Content: content})
		checkInvariants(t, rel, content, docs, diags)
		template := strings.Contains("/"+rel, "/templates/")
		if template {
			templates++
		}
		failed := false
		for _, d := range diags {
			switch d.Severity {
			case normalizers.SeverityError:
				errs++
				failed = true
				if !template {
					t.Logf("%v", d)
				}
			case normalizers.SeverityWarning:
				warnings++
			}
		}
		if failed && template {
			templateErrorFiles++
		} else if failed {
			errorFiles++
		}
		resources += len(docs[0].Resources)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d YAML/JSON files, %d detected (%d Helm templates), %d resources", files, detected, templates, resources)
	t.Logf("%d error diagnostics, %d warnings; files with errors: %d Helm templates, %d others", errs, warnings, templateErrorFiles, errorFiles)
}
