package terraform

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// checkDocument fails the test when a document breaks the contract:
// unique addresses, complete resources, plain JSON config, sane
// locations.
func checkDocument(t testing.TB, d *normalizers.Document) {
	t.Helper()
	if d.Kind != Name || d.Path == "" {
		t.Fatalf("document kind %q path %q", d.Kind, d.Path)
	}
	normtest.CheckResources(t, d)
	for _, r := range d.Resources {
		checkLoc(t, r.Address, r.Location)
		loc, ok := r.Lines.Lookup(nil)
		if !ok || loc != r.Location {
			t.Fatalf("%s: Lookup([]) = %+v, %v; want the resource's location %+v", r.Address, loc, ok, r.Location)
		}
		for _, p := range linePaths(r.Config) {
			loc, _ := r.Lines.Lookup(p)
			checkLoc(t, r.Address, loc)
		}
		checkPlain(t, r.Address, r.Config, 0)
		for _, u := range r.Unknown {
			if u == "" {
				t.Fatalf("%s: empty unknown path", r.Address)
			}
		}
	}
	in := d.Input()
	checkPlain(t, d.Path, in, 0)
	if _, err := json.Marshal(in); err != nil {
		t.Fatalf("%s: input does not encode: %v", d.Path, err)
	}
}

// checkNoSecret fails when the secret of the fixtures (a sensitive
// variable's value) appears in a document.
func checkNoSecret(t testing.TB, d *normalizers.Document) {
	t.Helper()
	b, err := json.Marshal(d.Input())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "hunter2") {
		t.Fatalf("%s: a sensitive value leaked into the output", d.Path)
	}
}

func checkLoc(t testing.TB, addr string, loc normalizers.Location) {
	t.Helper()
	if loc.Path == "" || loc.StartLine < 1 || loc.EndLine < loc.StartLine {
		t.Fatalf("%s: bad location %+v", addr, loc)
	}
}

// checkPlain fails unless v holds plain JSON types only.
func checkPlain(t testing.TB, where string, v any, depth int) {
	t.Helper()
	if depth > 200 {
		t.Fatalf("%s: value nested deeper than 200", where)
	}
	switch x := v.(type) {
	case nil, string, bool, int64, json.Number:
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			t.Fatalf("%s: non-finite number", where)
		}
	case []any:
		for _, e := range x {
			checkPlain(t, where, e, depth+1)
		}
	case map[string]any:
		for _, e := range x {
			checkPlain(t, where, e, depth+1)
		}
	default:
		t.Fatalf("%s: value of type %T is not plain JSON", where, v)
	}
}
