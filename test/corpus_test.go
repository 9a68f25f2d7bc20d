package test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers/all"
	"github.com/rampart-iac/rampart/scan"
)

// corpusDir is the shared corpus of real-world infrastructure code, beside
// the repository. Tests that need it skip when it is absent.
const corpusDir = "../../shared/corpus"

// TestCorpusSweep scans the whole corpus with every normalizer and the
// built-in library: nothing panics, and every file is accounted for —
// scanned (producing documents or an input error), or skipped with a reason.
func TestCorpusSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus sweep skipped in -short mode")
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus not found at %s", corpusDir)
	}
	total := 0
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules" || d.Name() == ".terraform") {
			return fs.SkipDir
		}
		if d.Type().IsRegular() {
			total++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{corpusDir}, Registry: all.Registry(), Engine: builtinEngine(t)})
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	if got := res.Scope.FilesScanned + res.Scope.FilesSkipped; got != total {
		t.Errorf("scanned %d + skipped %d = %d files, but the corpus has %d", res.Scope.FilesScanned, res.Scope.FilesSkipped, got, total)
	}
	for _, s := range res.Skipped {
		if s.Reason == "" {
			t.Errorf("%s skipped without a reason", s.Path)
		}
	}
	for _, e := range append(res.Errors, res.Warnings...) {
		if strings.Contains(e.Message, "internal error") {
			t.Errorf("normalizer panic: %s", e.Error())
		}
	}
	reasons := map[string]int{}
	for _, s := range res.Skipped {
		reasons[s.Reason]++
	}
	t.Logf("corpus: %d files; scanned %d (%v), skipped %d %v; %d documents, %d resources, %d findings, %d input errors, %d warnings in %s",
		total, res.Scope.FilesScanned, res.Scope.FilesByKind, res.Scope.FilesSkipped, reasons,
		len(res.Documents), res.Scope.Resources, len(res.Findings), len(res.Errors), len(res.Warnings), res.Duration)
}
