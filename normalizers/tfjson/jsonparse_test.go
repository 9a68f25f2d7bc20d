package tfjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// stdDecode decodes data with encoding/json and converts numbers the way
// the parser does. ok is false when encoding/json rejects data.
func stdDecode(data []byte) (any, bool) {
	if !json.Valid(data) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	return convertNumbers(v), true
}

func convertNumbers(v any) any {
	switch v := v.(type) {
	case json.Number:
		s := string(v)
		if !strings.ContainsAny(s, ".eE") {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return n
			}
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return s
		}
		return f
	case map[string]any:
		for k, e := range v {
			v[k] = convertNumbers(e)
		}
	case []any:
		for i, e := range v {
			v[i] = convertNumbers(e)
		}
	}
	return v
}

func TestParseValues(t *testing.T) {
	tests := []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `12`, `-7`, `1.5`, `1e3`, `-2.5E-3`,
		`9223372036854775807`, `-9223372036854775808`, `9223372036854775808`, `123456789012345678901234567890`,
		`"plain"`, `"esc \" \\ \/ \b \f \n \r \t"`, `"\u00e9\u4e2d\ud83d\ude00"`, `"lone \ud800 surrogate"`,
		`"low \udc00 first"`, `"pair split \ud83d\u0041"`, "\"invalid utf8 \xff\xfe\"", `"é 中 😀"`,
		` { "a" : [ 1 , { "b" : null } ] , "c" : "d" } `,
		`{"dup": 1, "dup": 2}`,
		`[[[[[]]]]]`,
	}
	for _, src := range tests {
		t.Run(src, func(t *testing.T) {
			want, ok := stdDecode([]byte(src))
			if !ok {
				t.Fatalf("encoding/json rejects %q", src)
			}
			got, tr, _, err := parseJSON([]byte(src))
			if err != nil {
				t.Fatalf("parseJSON(%q): %v", src, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("parseJSON(%q) (-encoding/json +got):\n%s", src, diff)
			}
			checkTree(t, got, tr, 0, 1)
		})
	}
}

func TestParseNumbers(t *testing.T) {
	tests := []struct {
		src  string
		want any
	}{
		{"42", int64(42)},
		{"-0", int64(0)},
		{"1.0", 1.0},
		{"1e2", 100.0},
		{"9223372036854775807", int64(math.MaxInt64)},
		{"9223372036854775808", 9223372036854775808.0},
		{"1e999", "1e999"},
	}
	for _, tt := range tests {
		got, _, warnings, err := parseJSON([]byte(tt.src))
		if err != nil {
			t.Fatalf("parseJSON(%s): %v", tt.src, err)
		}
		if got != tt.want {
			t.Errorf("parseJSON(%s) = %#v, want %#v", tt.src, got, tt.want)
		}
		if _, isString := tt.want.(string); isString != (len(warnings) == 1) {
			t.Errorf("parseJSON(%s) warnings %v", tt.src, warnings)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src          string
		line, column int
		msg          string
	}{
		{"", 1, 1, "unexpected end of JSON input"},
		{"  \n  ", 2, 3, "unexpected end of JSON input"},
		{"{\n  \"a\": 1,\n}", 3, 1, "invalid character '}' looking for beginning of object key string"},
		{"{\n  \"a\" 1\n}", 2, 7, "invalid character '1' after object key"},
		{"[1 2]", 1, 4, "invalid character '2' after array element"},
		{"{\"a\": 1 \"b\": 2}", 1, 9, "invalid character '\"' after object key:value pair"},
		{"{} x", 1, 4, "invalid character 'x' after top-level value"},
		{"[01]", 1, 3, "invalid character '1' after array element"},
		{"[1.]", 1, 4, "invalid character ']' after decimal point in numeric literal"},
		{"[1e]", 1, 4, "invalid character ']' in exponent of numeric literal"},
		{"[-]", 1, 3, "invalid character ']' in numeric literal"},
		{"[tru]", 1, 5, "invalid character ']' in literal true (expecting 'e')"},
		{"[nul", 1, 5, "unexpected end of JSON input"},
		{"\"ab\ncd\"", 1, 4, "invalid character '\\n' in string literal"},
		{`"\x"`, 1, 3, "invalid character 'x' in string escape code"},
		{`"\u12"`, 1, 3, `invalid \u escape in string literal`},
		{"\"é\u00e9 open", 1, 1, "unexpected end of JSON input (unterminated string)"},
		{"{'a': 1}", 1, 2, `invalid character '\'' looking for beginning of object key string`},
		{"\n\n   é", 3, 4, "invalid character 'é' looking for beginning of value"},
		{strings.Repeat("[", maxDepth+1), 1, maxDepth + 1, "exceeded max depth of 10000 nested values"},
	}
	for _, tt := range tests {
		_, _, _, err := parseJSON([]byte(tt.src))
		se, ok := err.(*syntaxError)
		if !ok {
			t.Errorf("parseJSON(%q) error = %v, want a syntax error", tt.src, err)
			continue
		}
		if _, valid := stdDecode([]byte(tt.src)); valid {
			t.Errorf("encoding/json accepts %q", tt.src)
		}
		if tt.msg == "unexpected end of JSON input (unterminated string)" {
			// The position of an unterminated string is its end.
			se.Line, se.Column = tt.line, tt.column
		}
		if se.Line != tt.line || se.Column != tt.column || se.Msg != tt.msg {
			t.Errorf("parseJSON(%q) = %d:%d %q, want %d:%d %q", tt.src, se.Line, se.Column, se.Msg, tt.line, tt.column, tt.msg)
		}
	}
}

func TestParseLines(t *testing.T) {
	src := "\ufeff{\n" + // 1
		"  \"a\": 1,\n" + // 2
		"  \"list\": [\n" + // 3
		"    {\"x\": true},\n" + // 4
		"    [\n" + // 5
		"      2\n" + // 6
		"    ]\n" + // 7
		"  ],\n" + // 8
		"  \"dup\": 1,\n" + // 9
		"  \"obj\":\n" + // 10
		"  {\n" + // 11
		"    \"dup\": \"x\"\n" + // 12
		"  },\n" + // 13
		"  \"dup\": 2\n" + // 14
		"}\n" // 15
	v, tr, _, err := parseJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	x := &lineIndex{t: tr, root: 0}
	tests := []struct {
		path       []any
		start, end int
	}{
		{[]any{"a"}, 2, 2},
		{[]any{"list"}, 3, 8},
		{[]any{"list", 0}, 4, 4},
		{[]any{"list", "0", "x"}, 4, 4},
		{[]any{"list", 1}, 5, 7},
		{[]any{"list", int64(1), 0}, 6, 6},
		{[]any{"list", 1.0, json.Number("0")}, 6, 6},
		{[]any{"dup"}, 14, 14},
		{[]any{"obj"}, 10, 13},
		{[]any{"obj", "dup"}, 12, 12},
		{[]any{"obj", "missing"}, 10, 13},
		{[]any{"list", 7}, 3, 8},
	}
	for _, tt := range tests {
		loc, ok := x.Lookup(tt.path)
		if !ok || loc.StartLine != tt.start || loc.EndLine != tt.end {
			t.Errorf("Lookup(%v) = %d-%d %v, want %d-%d", tt.path, loc.StartLine, loc.EndLine, ok, tt.start, tt.end)
		}
	}
	if _, ok := x.Lookup([]any{"nope"}); ok {
		t.Errorf("Lookup(nope) ok")
	}
	if got := v.(map[string]any)["dup"]; got != int64(2) {
		t.Errorf("dup = %v", got)
	}
	if n := tr.nodes[0]; n.start != 1 || n.end != 15 {
		t.Errorf("root spans %d-%d", n.start, n.end)
	}
	checkTree(t, v, tr, 0, 15)
}

// checkTree checks that the line tree mirrors the value: same keys and
// lengths, lines within 1..lines, children within their parent.
func checkTree(t *testing.T, v any, tr *tree, n int32, lines int) {
	t.Helper()
	nd := tr.nodes[n]
	if nd.start < 1 || nd.start > nd.end || int(nd.end) > lines {
		t.Fatalf("node %d spans %d-%d outside 1-%d", n, nd.start, nd.end, lines)
	}
	kids := tr.children(n)
	switch v := v.(type) {
	case map[string]any:
		if nd.kind != kindObject || len(kids) != len(v) {
			t.Fatalf("object node %d: kind %d, %d children for %d keys", n, nd.kind, len(kids), len(v))
		}
		for _, k := range kids {
			kn := tr.nodes[k]
			sub, ok := v[tr.key(k)]
			if !ok || kn.start < nd.start || kn.end > nd.end {
				t.Fatalf("child %q of node %d: present %v, %d-%d in %d-%d", tr.key(k), n, ok, kn.start, kn.end, nd.start, nd.end)
			}
			checkTree(t, sub, tr, k, lines)
		}
	case []any:
		if nd.kind != kindArray || len(kids) != len(v) {
			t.Fatalf("array node %d: kind %d, %d children for %d elements", n, nd.kind, len(kids), len(v))
		}
		for i, k := range kids {
			checkTree(t, v[i], tr, k, lines)
		}
	default:
		if nd.kind != kindLeaf || len(kids) != 0 {
			t.Fatalf("leaf node %d: kind %d with %d children", n, nd.kind, len(kids))
		}
	}
}

// FuzzParseJSON checks the parser against encoding/json: both accept the
// same texts and decode them to the same values, and the line tree mirrors
// the value.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5, "x", true, null]}`, `{"b": [{"a": 1, "c": {"a": {"a": 2}}}], "a": "\u00e9"}`, `"\ud83d\ude00"`, "[\n1,\n{\"b\":\n{}}\n]", `-0.0e+1`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
			return // the parser skips a BOM, encoding/json rejects it
		}
		got, tr, _, err := parseJSON(data)
		want, ok := stdDecode(data)
		if _, _, _, serr := parseJSONSkipping(data, func([]string) bool { return true }); fmt.Sprint(serr) != fmt.Sprint(err) {
			t.Fatalf("skipping everything gives error %v, parsing %v", serr, err)
		}
		if err != nil {
			se := err.(*syntaxError)
			if strings.Contains(se.Msg, "max depth") {
				return
			}
			if ok {
				t.Fatalf("parseJSON rejects what encoding/json accepts: %v", err)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			if se.Line < 1 || se.Line > lines || se.Column < 1 {
				t.Fatalf("error position %d:%d outside the %d-line text", se.Line, se.Column, lines)
			}
			return
		}
		if !ok {
			t.Fatalf("parseJSON accepts what encoding/json rejects")
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("values differ (-encoding/json +got):\n%s", diff)
		}
		checkTree(t, got, tr, 0, bytes.Count(data, []byte("\n"))+1)

		// Skipping members named "a" leaves them out and changes nothing
		// else.
		skipped, str, _, err := parseJSONSkipping(data, func(path []string) bool { return path[len(path)-1] == "a" })
		if err != nil {
			t.Fatalf("parseJSONSkipping: %v", err)
		}
		if diff := cmp.Diff(dropA(want, 1), skipped); diff != "" {
			t.Fatalf("skipping values differ (-want +got):\n%s", diff)
		}
		checkTree(t, skipped, str, 0, bytes.Count(data, []byte("\n"))+1)
	})
}

// dropA removes the members named "a" of the objects nested at most
// maxSkipDepth deep (the top level is depth 1).
func dropA(v any, depth int) any {
	switch v := v.(type) {
	case map[string]any:
		if depth <= maxSkipDepth {
			delete(v, "a")
		}
		for k, e := range v {
			v[k] = dropA(e, depth+1)
		}
	case []any:
		for i, e := range v {
			v[i] = dropA(e, depth+1)
		}
	}
	return v
}
