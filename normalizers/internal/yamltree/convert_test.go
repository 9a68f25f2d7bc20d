package yamltree

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// convertOne parses src, which must hold one document, and converts it.
func convertOne(t *testing.T, src string, opts Options) (any, *Index, error) {
	t.Helper()
	s := Parse([]byte(src))
	if len(s.Documents) != 1 {
		t.Fatalf("Parse(%q): %d documents, want 1", src, len(s.Documents))
	}
	return s.Documents[0].Convert(opts)
}

func TestScalars(t *testing.T) {
	yaml11 := Options{YAML11Bools: true}
	refFunc := Options{TagFunc: func(tag string, v any, n *yaml.Node) (any, error) {
		return map[string]any{strings.TrimPrefix(tag, "!"): v}, nil
	}}
	tests := []struct {
		in   string
		opts Options
		want any
	}{
		// Strings.
		{in: `hello`, want: "hello"},
		{in: `"123"`, want: "123"},
		{in: `'true'`, want: "true"},
		{in: `"a\tb"`, want: "a\tb"},
		{in: `2001-12-14`, want: "2001-12-14"},
		{in: `2001-12-14t21:59:43.10-05:00`, want: "2001-12-14t21:59:43.10-05:00"},
		{in: `1:20`, want: "1:20"},
		{in: `0x`, want: "0x"},
		{in: `.`, want: "."},
		{in: `1e999`, want: "1e999"},
		{in: `+`, want: "+"},
		{in: `<<`, want: "<<"},
		{in: `!!str 123`, want: "123"},
		{in: `!!binary aGVsbG8=`, want: "aGVsbG8="},
		{in: `!!timestamp 2001-12-14`, want: "2001-12-14"},
		{in: `!<tag:yaml.org,2002:str> 42`, want: "42"},
		// Integers are int64.
		{in: `0`, want: int64(0)},
		{in: `-0`, want: int64(0)},
		{in: `42`, want: int64(42)},
		{in: `+42`, want: int64(42)},
		{in: `-17`, want: int64(-17)},
		{in: `1_000_000`, want: int64(1000000)},
		{in: `0x1F`, want: int64(31)},
		{in: `0o17`, want: int64(15)},
		{in: `017`, want: int64(15)},
		{in: `0b101`, want: int64(5)},
		{in: `-0b101`, want: int64(-5)},
		{in: `9223372036854775807`, want: int64(math.MaxInt64)},
		{in: `-9223372036854775808`, want: int64(math.MinInt64)},
		{in: `!!int "12"`, want: int64(12)},
		// Integers beyond int64.
		{in: `18446744073709551615`, want: float64(math.MaxUint64)},
		{in: `123456789012345678901234567890`, want: 1.2345678901234568e+29},
		{in: `0xFFFFFFFFFFFFFFFF`, want: float64(math.MaxUint64)},
		{in: `0x1FFFFFFFFFFFFFFFFF`, want: "0x1FFFFFFFFFFFFFFFFF"},
		// Floats.
		{in: `1.5`, want: 1.5},
		{in: `-1.5e3`, want: -1500.0},
		{in: `.5`, want: 0.5},
		{in: `1.`, want: 1.0},
		{in: `2e3`, want: 2000.0},
		{in: `!!float 3`, want: 3.0},
		{in: `.inf`, want: ".inf"},
		{in: `-.Inf`, want: "-.Inf"},
		{in: `.NaN`, want: ".NaN"},
		// Booleans and null.
		{in: `true`, want: true},
		{in: `False`, want: false},
		{in: `TRUE`, want: true},
		{in: `yes`, want: "yes"},
		{in: `yes`, opts: yaml11, want: true},
		{in: `Off`, opts: yaml11, want: false},
		{in: `n`, opts: yaml11, want: false},
		{in: `"yes"`, opts: yaml11, want: "yes"},
		{in: `!!bool yes`, want: true},
		{in: `null`, want: nil},
		{in: `~`, want: nil},
		{in: `NULL`, want: nil},
		{in: ``, want: nil},
		{in: `!!null ""`, want: nil},
		// Custom tags keep the untagged value, or go to TagFunc.
		{in: `!Ref bucket`, want: "bucket"},
		{in: `!Custom 3`, want: int64(3)},
		{in: `!Custom "3"`, want: "3"},
		{in: `!Ref bucket`, opts: refFunc, want: map[string]any{"Ref": "bucket"}},
		{in: `!GetAtt [a, b]`, opts: refFunc, want: map[string]any{"GetAtt": []any{"a", "b"}}},
		{in: `!If {a: 1}`, opts: refFunc, want: map[string]any{"If": map[string]any{"a": int64(1)}}},
		{in: `!!set {a, b}`, want: map[string]any{"a": nil, "b": nil}},
		// Block scalars.
		{in: "|\n  a\n  b\n", want: "a\nb\n"},
		{in: ">-\n  a\n  b\n", want: "a b"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/yaml11=%v", tt.in, tt.opts.YAML11Bools), func(t *testing.T) {
			v, _, err := convertOne(t, "v: "+tt.in+"\n", tt.opts)
			if err != nil {
				t.Fatalf("Convert: %v", err)
			}
			got := v.(map[string]any)["v"]
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMappings(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want any
	}{
		{
			name: "non-string keys",
			in:   "1: a\ntrue: b\n~: c\n1.5: d\n? [x, y]\n: e\n? {k: v}\n: f\n",
			want: map[string]any{"1": "a", "true": "b", "null": "c", "1.5": "d", `["x","y"]`: "e", `{"k":"v"}`: "f"},
		},
		{
			name: "duplicate keys, last wins",
			in:   "a: 1\nb: 2\na: 3\n",
			want: map[string]any{"a": int64(3), "b": int64(2)},
		},
		{
			name: "merge of one mapping, explicit keys win wherever they are",
			in:   "base: &b {x: 1, y: 2, z: 3}\nm:\n  y: 20\n  <<: *b\n  z: 30\n",
			want: map[string]any{
				"base": map[string]any{"x": int64(1), "y": int64(2), "z": int64(3)},
				"m":    map[string]any{"x": int64(1), "y": int64(20), "z": int64(30)},
			},
		},
		{
			name: "merge of a list, earlier mappings win",
			in:   "a: &a {x: a, y: a}\nb: &b {x: b, z: b}\nm:\n  <<: [*a, *b, {w: inline, x: inline}]\n",
			want: map[string]any{
				"a": map[string]any{"x": "a", "y": "a"},
				"b": map[string]any{"x": "b", "z": "b"},
				"m": map[string]any{"x": "a", "y": "a", "z": "b", "w": "inline"},
			},
		},
		{
			name: "quoted << is a plain key",
			in:   "\"<<\": {a: 1}\n",
			want: map[string]any{"<<": map[string]any{"a": int64(1)}},
		},
		{
			name: "aliases copy values",
			in:   "a: &x [1, {k: v}]\nb: *x\nc: &s scalar\nd: *s\n",
			want: map[string]any{
				"a": []any{int64(1), map[string]any{"k": "v"}},
				"b": []any{int64(1), map[string]any{"k": "v"}},
				"c": "scalar",
				"d": "scalar",
			},
		},
		{
			name: "JSON",
			in:   `{"a": [1, 2.5, "s", true, null, {"b": {}}], "c\/d": "\ud83d\ude00"}`,
			want: map[string]any{"a": []any{int64(1), 2.5, "s", true, nil, map[string]any{"b": map[string]any{}}}, "c/d": "😀"},
		},
		{
			name: "empty collections",
			in:   "a: []\nb: {}\n",
			want: map[string]any{"a": []any{}, "b": map[string]any{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := convertOne(t, tt.in, Options{})
			if err != nil {
				t.Fatalf("Convert: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
			// The package-level Convert agrees with Document.Convert.
			var n yaml.Node
			if err := yaml.Unmarshal([]byte(tt.in), &n); err == nil && !strings.Contains(tt.in, `\/`) {
				plain, err := Convert(&n, Options{})
				if err != nil {
					t.Fatalf("Convert(node): %v", err)
				}
				if diff := cmp.Diff(tt.want, plain); diff != "" {
					t.Errorf("Convert(node) (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestDuplicateKeyHook(t *testing.T) {
	type dup struct {
		key         string
		first, line int
	}
	var got []dup
	opts := Options{DuplicateKey: func(key string, first, d *yaml.Node) {
		got = append(got, dup{key, first.Line, d.Line})
	}}
	v, ix, err := convertOne(t, "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []dup{{"c", 3, 4}, {"a", 1, 5}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(dup{})); diff != "" {
		t.Errorf("DuplicateKey calls (-want +got):\n%s", diff)
	}
	if a := v.(map[string]any)["a"]; a != int64(3) {
		t.Errorf("a = %v, want 3", a)
	}
	// The index points at the key that won.
	for path, line := range map[string]int{"a": 5, "b.c": 4} {
		var p []any
		for _, e := range strings.Split(path, ".") {
			p = append(p, e)
		}
		if loc, _ := ix.Lookup(p); loc.StartLine != line {
			t.Errorf("Lookup(%s) starts at %d, want %d", path, loc.StartLine, line)
		}
	}
}

func TestConvertErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		opts   Options
		target error
		line   int
		msg    string
	}{
		{name: "bad int", in: "a: 1\nb: !!int abc\n", target: ErrValue, line: 2, msg: `cannot decode "abc" as !!int`},
		{name: "bad bool", in: "b: !!bool maybe\n", target: ErrValue, line: 1, msg: "as !!bool"},
		{name: "bad null", in: "b: !!null x\n", target: ErrValue, line: 1, msg: "as !!null"},
		{name: "merge of a scalar", in: "a: &s x\nb:\n  <<: *s\n", target: ErrValue, line: 3, msg: "merge key"},
		{name: "merge of a list of scalars", in: "b:\n  <<: [a, b]\n", target: ErrValue, line: 2, msg: "sequence holding a string"},
		{name: "alias cycle in a sequence", in: "a: &a [1, *a]\n", target: ErrAliasCycle, line: 1, msg: "alias *a"},
		{name: "alias cycle in a mapping", in: "a: &a\n  b:\n    c: *a\n", target: ErrAliasCycle, line: 3},
		{name: "merge cycle", in: "a: &a\n  <<: *a\n", target: ErrAliasCycle, line: 2},
		{name: "node budget", in: "a: &a [x, x, x, x]\nb: [*a, *a, *a]\n", opts: Options{MaxNodes: 10}, target: ErrTooManyNodes, line: 2},
		{name: "depth", in: "a: [[[[1]]]]\n", opts: Options{MaxDepth: 3}, target: ErrTooDeep, line: 1},
		{
			name: "tag hook error", in: "a:\n  b: !Bad x\n",
			opts: Options{TagFunc: func(string, any, *yaml.Node) (any, error) {
				return nil, errors.New("unsupported")
			}},
			target: ErrValue, line: 2, msg: "tag !Bad: unsupported",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ix, err := convertOne(t, tt.in, tt.opts)
			if err == nil {
				t.Fatal("Convert succeeded, want an error")
			}
			if ix != nil {
				t.Error("Convert returned an index with its error")
			}
			if !errors.Is(err, tt.target) {
				t.Errorf("error %v is not %v", err, tt.target)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if e.Line != tt.line || e.Column == 0 {
				t.Errorf("error at %d:%d, want line %d and a column", e.Line, e.Column, tt.line)
			}
			if !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", e.Msg, tt.msg)
			}
		})
	}
}

// TestAliasBomb checks that the classic "billion laughs" stops at the default
// budget instead of exhausting memory.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := convertOne(t, b.String(), Options{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooManyNodes) {
		t.Fatalf("Convert: %v, want ErrTooManyNodes", err)
	}
	// A billion values would need tens of gigabytes; the budget keeps the
	// allocations to a few hundred megabytes at most.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<30 {
		t.Errorf("alias bomb allocated %d MiB", alloc>>20)
	}
}

// TestPlainValues checks that conversion only produces the JSON types the
// engine accepts.
func TestPlainValues(t *testing.T) {
	src := "a: [1, 1.5, .inf, yes, ~, 'x', !!binary YQ==, 2001-01-01, {b: 0x10}, 99999999999999999999]\n" +
		"? {k: [1]}\n: v\n<<: {m: 1}\n"
	v, _, err := convertOne(t, src, Options{YAML11Bools: true})
	if err != nil {
		t.Fatal(err)
	}
	checkPlain(t, v)
}

func checkPlain(t *testing.T, v any) {
	t.Helper()
	switch v := v.(type) {
	case nil, string, bool, int64:
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			t.Errorf("non-finite float %v", v)
		}
	case []any:
		for _, e := range v {
			checkPlain(t, e)
		}
	case map[string]any:
		for _, e := range v {
			checkPlain(t, e)
		}
	default:
		t.Errorf("value %#v of type %T is not a plain JSON value", v, v)
	}
}
