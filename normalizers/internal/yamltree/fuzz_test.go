package yamltree

import (
	"errors"
	"math"
	"testing"
)

// FuzzParse checks that parsing and converting any input neither panics nor
// breaks the invariants of documents and indexes.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		indexDoc,
		"a: 1\n---\nb: [1, 2\n---\nc: &x {d: *x}\n...\n%YAML 1.2\n---\ne: !!int x\n",
		"{\"a\": [1, {\"b\": \"\\/\\ud83d\\ude00\"}],\n \"c\": null}\n",
		"x: &a [1, 2]\ny: &b [*a, *a]\nz: [*b, *b]\n",
		"m:\n  <<: [{a: 1}, {b: 2}]\n  c: |\n    text\n    # more\n",
		"? [a, b]\n: c\n? {d: e}\n: f\n1: 2\n~: 3\n",
		"- \"multi\n  line\"\n- 'it''s'\n- >-\n  folded\n\n  text\n",
		"a:\r\n  - b\r\n  -\r\n    c: d\r\n",
		"\ufeff--- !custom\nk: !Ref v\n",
		"a: 1\u2028b: 2\u0085c: 3\rd: 4",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		s := Parse(in)
		lines := s.Lines()
		for _, d := range s.Documents {
			if d.StartLine < 1 || d.StartLine > d.EndLine || d.EndLine > max(lines, 1) {
				t.Fatalf("document spans %d-%d of %d lines", d.StartLine, d.EndLine, lines)
			}
			if d.Err != nil {
				var e *Error
				if !errors.As(d.Err, &e) || e.Line < 1 || e.Line > max(lines, 1) {
					t.Fatalf("parse error %v has no line within the file", d.Err)
				}
				continue
			}
			v, ix, err := d.Convert(Options{MaxNodes: 200_000, YAML11Bools: true})
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("conversion error %v is not an *Error", err)
				}
				continue
			}
			budget := 2000
			checkTree(t, v, ix, nil, lines, &budget)
		}
	})
}

// checkTree walks a converted value and its index together.
func checkTree(t *testing.T, v any, ix *Index, path []any, lines int, budget *int) {
	if *budget--; *budget < 0 {
		return
	}
	loc, ok := ix.Lookup(path)
	if !ok {
		t.Fatalf("Lookup(%v) not found", path)
	}
	if loc.StartLine < 1 || loc.StartLine > loc.EndLine || loc.EndLine > max(lines, 1) {
		t.Fatalf("Lookup(%v) = %d-%d of %d lines", path, loc.StartLine, loc.EndLine, lines)
	}
	switch v := v.(type) {
	case nil, string, bool, int64:
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			t.Fatalf("non-finite float at %v", path)
		}
	case []any:
		for i, e := range v {
			checkTree(t, e, ix, append(path[:len(path):len(path)], i), lines, budget)
		}
	case map[string]any:
		for k, e := range v {
			checkTree(t, e, ix, append(path[:len(path):len(path)], k), lines, budget)
		}
	default:
		t.Fatalf("value of type %T at %v", v, path)
	}
}
