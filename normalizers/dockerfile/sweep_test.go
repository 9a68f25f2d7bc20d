package dockerfile

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

// TestCorpusSweep normalizes every file of the shared corpus that Detect
// accepts and checks that none panics and every result keeps the
// invariants. It logs how many files, stages and diagnostics it saw.
func TestCorpusSweep(t *testing.T) {
	corpusDir := normtest.Corpus(t)
	n := New()
	var files, docs, stages, instructions, errs, warns, failedFiles int
	messages := map[string]int{}
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(corpusDir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !isDockerfileName(rel) {
			return nil // skip reading files that cannot match
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !n.Detect(rel, content) {
			return nil
		}
		files++
		ds, diags := normalize(context.Background(), normalizers.File{Path: rel, Content: content})
		hasErr := false
		for _, dg := range diags {
			if dg.Severity == normalizers.SeverityError {
				errs++
				hasErr = true
			} else {
				warns++
			}
			messages[messageKind(dg.Message)]++
		}
		if hasErr {
			failedFiles++
		}
		for _, doc := range ds {
			docs++
			checkInvariants(t, doc, content)
			normtest.CheckPlain(t, rel, doc.Input())
			stages += len(doc.Resources)
			for _, r := range doc.Resources {
				instructions += len(r.Config["instructions"].([]any))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no Dockerfile found under %s", corpusDir)
	}
	t.Logf("%d files, %d documents, %d stages, %d instructions; %d error and %d warning diagnostics; %d files with errors",
		files, docs, stages, instructions, errs, warns, failedFiles)
	kinds := make([]string, 0, len(messages))
	for k := range messages {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return messages[kinds[i]] > messages[kinds[j]] })
	for _, k := range kinds[:min(len(kinds), 10)] {
		t.Logf("%6d  %s", messages[k], k)
	}
}

// messageKind shortens a diagnostic message to its first words, to group
// similar ones.
func messageKind(msg string) string {
	words := strings.Fields(msg)
	return strings.Join(words[:min(len(words), 4)], " ")
}
