package terraform

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// corpusRoots returns the scan roots of the corpus, one per top-level
// repository holding Terraform files, with their files as discovery would
// hand them over.
func corpusRoots(t testing.TB) map[string][]normalizers.File {
	t.Helper()
	corpusDir := normtest.Corpus(t)
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	roots := map[string][]normalizers.File{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		root := filepath.Join(corpusDir, e.Name())
		if files := scanFiles(t, root); len(files) > 0 {
			roots[root] = files
		}
	}
	if len(roots) == 0 {
		t.Skipf("no Terraform files under %s", corpusDir)
	}
	return roots
}

// TestCorpusSweep normalizes every repository of the shared corpus that
// holds Terraform files, as one scanned path each, and checks that nothing
// panics and every document keeps the invariants. It logs the root
// modules, resources and diagnostics it saw.
func TestCorpusSweep(t *testing.T) {
	roots := corpusRoots(t)
	names := make([]string, 0, len(roots))
	for r := range roots {
		names = append(names, r)
	}
	sort.Strings(names)
	n := New(Options{})
	var files, docs, resources, unknown, errs, warns, unresolved, modules int
	kinds := map[string]int{}
	start := time.Now()
	for _, root := range names {
		began := time.Now()
		ds, diags := n.NormalizeTree(context.Background(), root, roots[root])
		files += len(roots[root])
		rootResources := 0
		for _, d := range ds {
			checkDocument(t, d)
			docs++
			rootResources += len(d.Resources)
			for _, r := range d.Resources {
				if len(r.Unknown) > 0 {
					unknown++
				}
			}
			for _, m := range d.Extra["modules"].([]any) {
				modules++
				if !m.(map[string]any)["resolved"].(bool) {
					unresolved++
				}
			}
		}
		resources += rootResources
		rootErrs := 0
		for _, d := range diags {
			if strings.Contains(d.Message, "internal error") {
				t.Errorf("%v", d)
			}
			if d.Severity == normalizers.SeverityError {
				errs++
				rootErrs++
				t.Logf("  %v", d)
			} else {
				warns++
			}
			kinds[messageKind(d.Message)]++
		}
		t.Logf("%-45s %4d files %3d roots %5d resources %3d errors %4d diagnostics %v",
			filepath.Base(root), len(roots[root]), len(ds), rootResources, rootErrs, len(diags), time.Since(began).Round(time.Millisecond))
	}
	elapsed := time.Since(start)
	t.Logf("%d files, %d root modules, %d resources (%d with unknown attributes), %d module calls (%d unresolved); %d errors, %d warnings; %v",
		files, docs, resources, unknown, modules, unresolved, errs, warns, elapsed.Round(time.Millisecond))
	top := make([]string, 0, len(kinds))
	for k := range kinds {
		top = append(top, k)
	}
	sort.Slice(top, func(i, j int) bool { return kinds[top[i]] > kinds[top[j]] })
	for _, k := range top[:min(len(top), 15)] {
		t.Logf("%6d  %s", kinds[k], k)
	}
	if elapsed > time.Minute {
		t.Errorf("the sweep took %v, more than a minute", elapsed)
	}
}

// messageKind shortens a diagnostic message to its first words, to group
// similar ones.
func messageKind(msg string) string {
	words := strings.Fields(msg)
	return strings.Join(words[:min(len(words), 5)], " ")
}

// BenchmarkCorpus normalizes every corpus repository and reports root
// modules per second.
func BenchmarkCorpus(b *testing.B) {
	roots := corpusRoots(b)
	n := New(Options{})
	ctx := context.Background()
	b.ReportAllocs()
	mods := 0
	for b.Loop() {
		for root, files := range roots {
			docs, _ := n.NormalizeTree(ctx, root, files)
			mods += len(docs)
		}
	}
	b.ReportMetric(float64(mods)/b.Elapsed().Seconds(), "modules/s")
}
