package cloudformation

import (
	"math"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
	"github.com/rampart-iac/rampart/normalizers/internal/yamltree"
)

// checkTree fails the test when the output of NormalizeTree breaks an
// invariant of the contract. contents holds the files by path.
func checkTree(t *testing.T, contents map[string][]byte, docs []*normalizers.Document, diags []normalizers.Diagnostic) {
	t.Helper()
	memo := map[string]int{}
	lines := func(path string) int {
		if n, ok := memo[path]; ok {
			return n
		}
		n := math.MaxInt32 // read from disk by the normalizer
		if c, ok := contents[path]; ok {
			n = max(yamltree.Parse(c).Lines(), 1)
		}
		memo[path] = n
		return n
	}
	for _, d := range diags {
		if strings.Contains(d.Message, "internal error") {
			t.Fatalf("%s: panic: %s", d.Path, d.Message)
		}
		if d.Path == "" || d.Line < 1 || d.Line > lines(d.Path) {
			t.Fatalf("diagnostic outside its file: %v", d)
		}
	}
	for _, doc := range docs {
		if doc.Kind != Name {
			t.Fatalf("%s: kind %q", doc.Path, doc.Kind)
		}
		checkPlain(t, doc.Path, doc.Extra)
		normtest.CheckResources(t, doc)
		for _, r := range doc.Resources {
			checkLocation(t, r.Address, r.Location, lines(r.Location.Path))
			for _, p := range [][]any{{}, {"Tags", 0, "Value"}, {"BucketName"}, {"Nope", 3}} {
				loc, _ := r.Lines.Lookup(p)
				checkLocation(t, r.Address, loc, lines(loc.Path))
			}
			checkPlain(t, r.Address, r.Config)
			for path, targets := range r.References {
				for _, target := range targets {
					if target == "" {
						t.Fatalf("%s: empty reference at %s", r.Address, path)
					}
				}
			}
		}
	}
}

func checkLocation(t *testing.T, addr string, loc normalizers.Location, lines int) {
	t.Helper()
	if loc.Path == "" || loc.StartLine < 1 || loc.StartLine > loc.EndLine || loc.EndLine > lines {
		t.Fatalf("%s: location %+v outside 1-%d", addr, loc, lines)
	}
}

// checkPlain fails when a value holds anything but plain JSON values.
func checkPlain(t *testing.T, where string, v any) {
	t.Helper()
	switch v := v.(type) {
	case nil, string, bool, int64:
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			t.Fatalf("%s: non-finite float", where)
		}
	case []any:
		for _, e := range v {
			checkPlain(t, where, e)
		}
	case map[string]any:
		for _, e := range v {
			checkPlain(t, where, e)
		}
	default:
		t.Fatalf("%s: value %#v of type %T is not plain JSON", where, v, v)
	}
}
