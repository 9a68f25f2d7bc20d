package cloudformation

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// TestCorpusSweep normalizes every template of the shared CloudFormation
// corpora and checks that none makes the normalizer panic or breaks an
// invariant. Each corpus is scanned as one tree, as `rampart scan` does, so
// local nested stacks are followed.
func TestCorpusSweep(t *testing.T) {
	corpusDir := normtest.Corpus(t)
	dirs, _ := filepath.Glob(filepath.Join(corpusDir, "cfn-*"))
	if len(dirs) == 0 {
		t.Skipf("no corpus under %s", corpusDir)
	}
	n := New(Options{})
	for _, dir := range dirs {
		var files []normalizers.File
		var total int
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			total++
			content, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel := filepath.ToSlash(p)
			if n.Detect(rel, content) {
				files = append(files, normalizers.File{Path: rel, Content: content})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
		docs, diags := n.NormalizeTree(context.Background(), dir, files)
		contents := map[string][]byte{}
		for _, f := range files {
			contents[f.Path] = f.Content
		}
		checkTree(t, contents, docs, diags)
		resources, nested, resolved := 0, 0, 0
		for _, d := range docs {
			resources += len(d.Resources)
			for _, e := range d.Extra["nested_stacks"].([]any) {
				nested++
				if e.(map[string]any)["resolved"] == true {
					resolved++
				}
			}
		}
		var errs, warns, unknownFns int
		errFiles := map[string]bool{}
		for _, d := range diags {
			switch d.Severity {
			case normalizers.SeverityError:
				errs++
				errFiles[d.Path] = true
				t.Logf("%v", d)
			case normalizers.SeverityWarning:
				warns++
				if strings.HasPrefix(d.Message, "unknown intrinsic function") {
					unknownFns++
				}
				if testing.Verbose() {
					t.Logf("%v", d)
				}
			}
		}
		t.Logf("%s: %d files, %d templates detected, %d documents, %d resources, %d nested stacks (%d read)",
			filepath.Base(dir), total, len(files), len(docs), resources, nested, resolved)
		t.Logf("%s: %d errors (%d files), %d warnings, %d unknown intrinsic functions",
			filepath.Base(dir), errs, len(errFiles), warns, unknownFns)
	}
}
