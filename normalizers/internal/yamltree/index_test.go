package yamltree

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
)

const indexDoc = `# leading comment
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: &labels
    app: web
spec:
  containers:
    - name: app
      image: "nginx"
      securityContext:
        privileged: true
      args:
        - |
          echo hi
          # part of the script

        - "two
          lines"
      env: [{name: A, value: "1"},
            {name: B,
             value: "2"}]
    -
      name: empty-dash
  selector: *labels
  extra:
    <<: *labels
    tier: back
  empty:
  flow: {a: 1, b: [x,
     y]}
# trailing comment
`

func TestIndexLookup(t *testing.T) {
	_, ix, err := convertOne(t, indexDoc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix = ix.WithPath("pod.yaml")
	tests := []struct {
		path       []any
		start, end int
		ok         bool
	}{
		{path: nil, start: 2, end: 32, ok: true},
		{path: []any{"apiVersion"}, start: 2, end: 2, ok: true},
		{path: []any{"metadata"}, start: 4, end: 7, ok: true},
		{path: []any{"metadata", "name"}, start: 5, end: 5, ok: true},
		{path: []any{"metadata", "labels", "app"}, start: 7, end: 7, ok: true},
		{path: []any{"spec"}, start: 8, end: 32, ok: true},
		{path: []any{"spec", "containers"}, start: 9, end: 25, ok: true},
		{path: []any{"spec", "containers", 0}, start: 10, end: 23, ok: true},
		{path: []any{"spec", "containers", 0, "image"}, start: 11, end: 11, ok: true},
		{path: []any{"spec", "containers", 0, "securityContext", "privileged"}, start: 13, end: 13, ok: true},
		{path: []any{"spec", "containers", 0, "securityContext", "privileged", "deeper"}, start: 13, end: 13, ok: true},
		{path: []any{"spec", "containers", 0, "securityContext", "missing"}, start: 12, end: 13, ok: true},
		{path: []any{"spec", "containers", 0, "args"}, start: 14, end: 20, ok: true},
		{path: []any{"spec", "containers", 0, "args", 0}, start: 15, end: 17, ok: true},
		{path: []any{"spec", "containers", 0, "args", 1}, start: 19, end: 20, ok: true},
		{path: []any{"spec", "containers", 0, "env"}, start: 21, end: 23, ok: true},
		{path: []any{"spec", "containers", 0, "env", 0, "value"}, start: 21, end: 21, ok: true},
		{path: []any{"spec", "containers", 0, "env", 1}, start: 22, end: 23, ok: true},
		{path: []any{"spec", "containers", 0, "env", 1, "value"}, start: 23, end: 23, ok: true},
		{path: []any{"spec", "containers", 1}, start: 25, end: 25, ok: true},
		{path: []any{"spec", "containers", 1, "name"}, start: 25, end: 25, ok: true},
		{path: []any{"spec", "containers", 2}, start: 9, end: 25, ok: true},
		// Below an alias, the alias; merged keys, the merge entry.
		{path: []any{"spec", "selector"}, start: 26, end: 26, ok: true},
		{path: []any{"spec", "selector", "app"}, start: 26, end: 26, ok: true},
		{path: []any{"spec", "extra", "app"}, start: 28, end: 28, ok: true},
		{path: []any{"spec", "extra", "tier"}, start: 29, end: 29, ok: true},
		{path: []any{"spec", "empty"}, start: 30, end: 30, ok: true},
		{path: []any{"spec", "flow"}, start: 31, end: 32, ok: true},
		{path: []any{"spec", "flow", "b", 1}, start: 32, end: 32, ok: true},
		// Element types.
		{path: []any{"spec", "containers", int64(0), "name"}, start: 10, end: 10, ok: true},
		{path: []any{"spec", "containers", 0.0, "name"}, start: 10, end: 10, ok: true},
		{path: []any{"spec", "containers", json.Number("1"), "name"}, start: 25, end: 25, ok: true},
		{path: []any{"spec", "containers", "1", "name"}, start: 25, end: 25, ok: true},
		{path: []any{"spec", "containers", 0.5}, start: 9, end: 25, ok: true},
		{path: []any{"spec", "containers", -1}, start: 9, end: 25, ok: true},
		{path: []any{"spec", 0}, start: 8, end: 32, ok: true},
		// Not even the first element.
		{path: []any{"nope"}, start: 2, end: 32, ok: false},
		{path: []any{0}, start: 2, end: 32, ok: false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.path), func(t *testing.T) {
			loc, ok := ix.Lookup(tt.path)
			want := normalizers.Location{Path: "pod.yaml", StartLine: tt.start, EndLine: tt.end}
			if loc != want || ok != tt.ok {
				t.Errorf("Lookup = %+v, %v; want %+v, %v", loc, ok, want, tt.ok)
			}
		})
	}
}

func TestIndexSub(t *testing.T) {
	_, ix, err := convertOne(t, indexDoc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sub := ix.Sub("spec", "containers", 0)
	if sub == nil {
		t.Fatal("Sub returned nil")
	}
	if start, end := sub.Span(); start != 10 || end != 23 {
		t.Errorf("Span = %d-%d, want 10-23", start, end)
	}
	if loc, ok := sub.Lookup([]any{"securityContext", "privileged"}); !ok || loc.StartLine != 13 {
		t.Errorf("Sub Lookup = %+v, %v", loc, ok)
	}
	if ix.Sub("spec", "nope") != nil {
		t.Error("Sub of a missing path is not nil")
	}
	var nilIndex *Index
	if _, ok := nilIndex.Lookup([]any{"a"}); ok {
		t.Error("nil index found a path")
	}
}

// TestIndexJSON checks lines in pretty-printed and minified JSON.
func TestIndexJSON(t *testing.T) {
	src := `{
  "items": [
    {
      "a": 1,
      "b": {"c": [
        true
      ]}
    },
    {"d": "x\"]}"}
  ],
  "e": "f"
}`
	_, ix, err := convertOne(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string][2]int{
		"":              {1, 12},
		"items":         {2, 10},
		"items.0":       {3, 8},
		"items.0.a":     {4, 4},
		"items.0.b":     {5, 7},
		"items.0.b.c":   {5, 7},
		"items.0.b.c.0": {6, 6},
		"items.1":       {9, 9},
		"items.1.d":     {9, 9},
		"e":             {11, 11},
	} {
		var p []any
		if path != "" {
			for _, e := range strings.Split(path, ".") {
				p = append(p, e)
			}
		}
		loc, _ := ix.Lookup(p)
		if got := [2]int{loc.StartLine, loc.EndLine}; got != want {
			t.Errorf("Lookup(%q) = %v, want %v", path, got, want)
		}
	}

	// Minified: everything on line 1.
	_, ix, err = convertOne(t, `{"a":[{"b":{"c":[1,2,{"d":"]"}]}}],"e":{}}`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	loc, ok := ix.Lookup([]any{"a", 0, "b", "c", 2, "d"})
	if !ok || loc.StartLine != 1 || loc.EndLine != 1 {
		t.Errorf("minified Lookup = %+v, %v", loc, ok)
	}
}

// TestIndexCompact guards the size of the index of a large manifest.
func TestIndexCompact(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 300_000; i++ {
		fmt.Fprintf(&b, "item%d:\n  name: n%d\n  list: [a, b, c]\n  nested:\n    key: value\n", i, i)
	}
	s := Parse([]byte(b.String()))
	_, ix, err := s.Documents[0].Convert(Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := s.Lines()
	// One entry per key or element: about two per line here.
	if n := len(ix.t.entries); n > 3*lines {
		t.Errorf("%d index entries for %d lines", n, lines)
	}
	if loc, ok := ix.Lookup([]any{"item1000", "nested", "key"}); !ok || loc.StartLine != 5*1000+5 {
		t.Errorf("Lookup = %+v, %v", loc, ok)
	}
}
