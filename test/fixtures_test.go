// Package test holds Rampart's end-to-end tests: rule fixtures scanned with
// the built-in library, and CLI scripts.
package test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/bundles"
	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/normalizers/all"
	"github.com/rampart-iac/rampart/scan"
)

// builtinEngine compiles the embedded library once for all tests.
func builtinEngine(t testing.TB) *engine.Engine {
	t.Helper()
	b, err := bundles.Builtin()
	if err != nil {
		t.Fatalf("load built-in bundle: %v", err)
	}
	e, err := engine.New(context.Background(), engine.Options{Bundles: []*bundles.Bundle{b}})
	if err != nil {
		t.Fatalf("compile built-in bundle: %v", err)
	}
	return e
}

var expectMarker = regexp.MustCompile(`#\s*expect:\s*([A-Z0-9][A-Z0-9 ,-]*)`)

// expectations reads "# expect: RULE-ID" markers (and, for formats without
// comments, "<line> <RULE-ID>" lines of a sibling "<file>.expect"). A marker on a line of its
// own applies to the next line that is neither blank nor a comment; a marker
// after content applies to its own line. The result maps "path:line" to the
// rule ids expected there (repeated ids mean several findings).
func expectations(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if target, ok := strings.CutSuffix(p, ".expect"); ok {
			return sidecarExpectations(target, p, out)
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		var pending []string
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			trimmed := strings.TrimSpace(line)
			var ids []string
			if m := expectMarker.FindStringSubmatch(line); m != nil {
				ids = strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' })
			}
			if strings.HasPrefix(trimmed, "#") || trimmed == "" {
				pending = append(pending, ids...)
				continue
			}
			key := fmt.Sprintf("%s:%d", filepath.ToSlash(p), n)
			out[key] = append(out[key], pending...)
			out[key] = append(out[key], ids...)
			pending = nil
		}
		if len(pending) > 0 {
			t.Errorf("%s: expect marker %v is not followed by a line", p, pending)
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatalf("read expectations: %v", err)
	}
	return out
}

// TestFixtures scans test/fixtures/<platform>/<RULE-ID>/{fail,pass} and
// asserts that each rule's findings land exactly on the marked lines.
func TestFixtures(t *testing.T) {
	eng := builtinEngine(t)
	dirs, err := filepath.Glob("fixtures/*/*")
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, dir := range dirs {
		ruleID := filepath.Base(dir)
		covered[ruleID] = true
		t.Run(ruleID, func(t *testing.T) {
			if _, ok := eng.Rule(ruleID); !ok {
				t.Fatalf("fixture directory %s names no rule of the built-in library", dir)
			}
			for _, variant := range []string{"fail", "pass"} {
				sub := filepath.ToSlash(filepath.Join(dir, variant))
				if _, err := os.Stat(sub); err != nil {
					t.Errorf("missing %s fixtures: %v", variant, err)
					continue
				}
				res, err := scan.Run(context.Background(), scan.Options{Paths: []string{sub}, Registry: all.Registry(), Engine: eng})
				if err != nil {
					t.Fatalf("scan %s: %v", sub, err)
				}
				for _, e := range res.Errors {
					t.Errorf("input error in fixture: %s", e.Error())
				}
				if res.Scope.FilesScanned == 0 {
					t.Errorf("%s: no file was recognised", sub)
				}
				got := map[string][]string{}
				for _, f := range res.Findings {
					if f.RuleID == ruleID {
						key := fmt.Sprintf("%s:%d", f.Location.Path, f.Location.StartLine)
						got[key] = append(got[key], ruleID)
					}
				}
				want := map[string][]string{}
				if variant == "fail" {
					for key, ids := range expectations(t, sub) {
						for _, id := range ids {
							if id == ruleID {
								want[key] = append(want[key], id)
							}
						}
					}
					if len(want) == 0 {
						t.Errorf("%s: no '# expect: %s' marker", sub, ruleID)
					}
				}
				if diff := diffLocations(want, got); diff != "" {
					t.Errorf("%s: findings of %s differ from the markers:\n%s", sub, ruleID, diff)
				}
			}
		})
	}
	for _, r := range eng.Rules() {
		if !covered[r.ID] {
			t.Errorf("rule %s (%s) has no fixtures under test/fixtures/<platform>/%s", r.ID, r.File, r.ID)
		}
	}
}

// sidecarExpectations reads "<line> <RULE-ID>" lines from an .expect file
// that holds the markers of a format without comments (JSON).
func sidecarExpectations(target, path string, out map[string][]string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for n, line := range strings.Split(string(raw), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if len(fields) != 2 {
			return fmt.Errorf("%s:%d: want \"<line> <RULE-ID>\"", path, n+1)
		}
		key := fmt.Sprintf("%s:%s", filepath.ToSlash(target), fields[0])
		out[key] = append(out[key], fields[1])
	}
	return nil
}

func diffLocations(want, got map[string][]string) string {
	keys := map[string]bool{}
	for k := range want {
		keys[k] = true
	}
	for k := range got {
		keys[k] = true
	}
	var lines []string
	for k := range keys {
		if w, g := len(want[k]), len(got[k]); w != g {
			lines = append(lines, fmt.Sprintf("  %s: want %d finding(s), got %d", k, w, g))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
