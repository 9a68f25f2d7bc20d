package yamltree

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
)

// span describes a parsed document for comparison: its lines, and the line
// and message of its error when it did not parse.
type span struct {
	Start, End int
	ErrLine    int
	ErrMsg     string
}

func spans(s *Stream) []span {
	out := []span{}
	for _, d := range s.Documents {
		sp := span{Start: d.StartLine, End: d.EndLine}
		if d.Err != nil {
			var e *Error
			if !errors.As(d.Err, &e) || !errors.Is(d.Err, ErrSyntax) {
				sp.ErrMsg = "not a syntax *Error: " + d.Err.Error()
			} else {
				sp.ErrLine, sp.ErrMsg = e.Line, e.Msg
			}
		}
		out = append(out, sp)
	}
	return out
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []span
		lines int
	}{
		{name: "empty", in: "", want: []span{}, lines: 0},
		{name: "only comments", in: "# a\n\n# b\n", want: []span{}, lines: 3},
		{name: "only markers", in: "---\n---\n...\n", want: []span{}, lines: 3},
		{name: "one document", in: "a: 1\nb: 2\n", want: []span{{Start: 1, End: 2}}, lines: 2},
		{name: "no final newline", in: "a: 1\nb: 2", want: []span{{Start: 1, End: 2}}, lines: 2},
		{
			name: "leading and trailing markers and comments",
			in:   "# head\n---\n# doc comment\na: 1\n\n# tail\n---\n",
			want: []span{{Start: 4, End: 4}},
		},
		{
			name: "several documents with empty ones between",
			in:   "a: 1\n---\n---\n# nothing\n---\nb:\n  - x\n  - y\n# tail\n---\nc: 3\n",
			want: []span{{Start: 1, End: 1}, {Start: 6, End: 8}, {Start: 11, End: 11}},
		},
		{
			name: "marker with a comment and content",
			in:   "--- # first\na: 1\n--- {b: 2}\n--- |\n  text\n  # still text\n",
			want: []span{{Start: 2, End: 2}, {Start: 3, End: 3}, {Start: 4, End: 6}},
		},
		{
			name: "document end marker and bare document",
			in:   "a: 1\n...\nb: 2\n...\n# c\n",
			want: []span{{Start: 1, End: 1}, {Start: 3, End: 3}},
		},
		{
			name: "directives stay with their document",
			in:   "a: 1\n...\n%YAML 1.2\n%TAG !e! tag:example.com,2000:\n---\nb: !e!x 2\n",
			want: []span{{Start: 1, End: 1}, {Start: 6, End: 6}},
		},
		{
			name: "a lone indicator is content",
			in:   "-\n---\n- a\n",
			want: []span{{Start: 1, End: 1}, {Start: 3, End: 3}},
		},
		{
			name: "anchor on the marker line",
			in:   "--- &root\na: 1\n",
			want: []span{{Start: 2, End: 2}},
		},
		{
			name: "markers need column 0 and a blank after",
			in:   "a: |\n  ---\n  ...\nb: ---x\n",
			want: []span{{Start: 1, End: 4}},
		},
		{
			name: "broken document in the middle",
			in:   "a: 1\n---\nb: 1\n  c: 2\n---\nd: 4\n",
			want: []span{
				{Start: 1, End: 1},
				{Start: 3, End: 4, ErrLine: 4, ErrMsg: "mapping values are not allowed in this context"},
				{Start: 6, End: 6},
			},
		},
		{
			name: "unclosed flow sequence",
			in:   "x: 1\n---\na: 1\nb: [1, 2\nc: 3\n---\nd: 4\n",
			want: []span{
				{Start: 1, End: 1},
				{Start: 3, End: 5, ErrLine: 4, ErrMsg: "did not find expected ',' or ']'"},
				{Start: 7, End: 7},
			},
		},
		{
			name: "parser error lines are 1-based",
			in:   "a: 1\n- b\n",
			want: []span{{Start: 1, End: 2, ErrLine: 2, ErrMsg: "did not find expected key"}},
		},
		{
			name: "unknown anchor is located",
			in:   "a: 1\n---\nb: 1\nc: *nope\n",
			want: []span{{Start: 1, End: 1}, {Start: 3, End: 4, ErrLine: 4, ErrMsg: "unknown anchor 'nope' referenced"}},
		},
		{
			name: "anchors do not cross documents",
			in:   "a: &x 1\n---\nb: *x\n",
			want: []span{{Start: 1, End: 1}, {Start: 3, End: 3, ErrLine: 3, ErrMsg: "unknown anchor 'x' referenced"}},
		},
		{
			name: "control character is located",
			in:   "a: 1\nb: \x01\n",
			want: []span{{Start: 1, End: 2, ErrLine: 2, ErrMsg: "control characters are not allowed"}},
		},
		{
			name: "tab indentation",
			in:   "a:\n\tb: 1\n",
			want: []span{{Start: 1, End: 2, ErrLine: 2, ErrMsg: "found character that cannot start any token"}},
		},
		{
			name: "JSON object",
			in:   "{\n  \"a\": {\n    \"b\": [1, 2]\n  }\n}\n",
			want: []span{{Start: 1, End: 5}},
		},
		{
			name: "JSON with escapes YAML lacks",
			in:   "{\n  \"a\": \"x\\/y \\ud83d\\ude00 \\ud800\"\n}\n",
			want: []span{{Start: 1, End: 3}},
		},
		{
			name: "broken JSON",
			in:   "{\n  \"a\": 1\n  \"b\": 2\n}\n",
			want: []span{{Start: 1, End: 4, ErrLine: 3, ErrMsg: `invalid character '"' after object key:value pair`}},
		},
		{
			name: "CRLF",
			in:   "a: 1\r\n---\r\nb:\r\n  - x\r\n",
			want: []span{{Start: 1, End: 1}, {Start: 3, End: 4}},
		},
		{
			name: "lone CR and unicode line breaks count as lines",
			in:   "a: 1\rb: 2\u2028c: 3\u0085d: 4\n",
			want: []span{{Start: 1, End: 4}},
		},
		{
			name: "byte order mark",
			in:   "\ufeffa: 1\n---\nb: 2\n",
			want: []span{{Start: 1, End: 1}, {Start: 3, End: 3}},
		},
		{
			name: "UTF-16",
			in:   string(utf16LE("a: é\n---\nb: 2\n")),
			want: []span{{Start: 1, End: 1}, {Start: 3, End: 3}},
		},
		{
			name: "block scalar ending in a comment-like line",
			in:   "a:\n  b: |\n    x\n    # y\n\n# real comment\n",
			want: []span{{Start: 1, End: 4}},
		},
		{
			name: "quoted scalar ending in a comment-like line",
			in:   "a: \"x\n  # y\"\n# real comment\n",
			want: []span{{Start: 1, End: 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Parse([]byte(tt.in))
			if diff := cmp.Diff(tt.want, spans(s)); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
			if tt.lines > 0 || tt.in == "" {
				if got := s.Lines(); got != tt.lines {
					t.Errorf("Lines() = %d, want %d", got, tt.lines)
				}
			}
			for _, d := range s.Documents {
				if d.Err == nil && d.Root == nil {
					t.Errorf("document at %d has neither a root nor an error", d.StartLine)
				}
				if _, _, err := d.Convert(Options{}); (err != nil) != (d.Err != nil) {
					t.Errorf("Convert error %v with parse error %v", err, d.Err)
				}
			}
		})
	}
}

func TestParseJSONEscapes(t *testing.T) {
	s := Parse([]byte("{\"a\": \"x\\/y \\ud83d\\ude00 \\ud800 \\u00e9\",\n \"b\\/c\": 1}"))
	if len(s.Documents) != 1 || s.Documents[0].Err != nil {
		t.Fatalf("Parse: %+v", spans(s))
	}
	v, _, err := s.Documents[0].Convert(Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"a": "x/y 😀 \ufffd é", "b/c": int64(1)}
	if diff := cmp.Diff(want, v); diff != "" {
		t.Errorf("value (-want +got):\n%s", diff)
	}
}

// TestParseJSONFallback covers the JSON the YAML parser rejects.
func TestParseJSONFallback(t *testing.T) {
	long := strings.Repeat("k", 1100)
	tests := []struct {
		name      string
		in        string
		want      any
		line, col int // of the error
		msg       string
	}{
		{
			name: "long key",
			in:   "{\n  \"" + long + "\": 1,\n  \"b\": [true, null, -1.5e3, \"s\"]\n}\n",
			want: map[string]any{long: int64(1), "b": []any{true, nil, -1500.0, "s"}},
		},
		{
			name: "top-level array",
			in:   "[\"\\/\", {\"" + long + "\": {}}]",
			want: []any{"/", map[string]any{long: map[string]any{}}},
		},
		{name: "missing comma", in: "{\n  \"a\": 1\n  \"b\": 2\n}\n", line: 3, col: 3, msg: "after object key:value pair"},
		{name: "unterminated", in: "{\n  \"a\": [1, 2\n", line: 2, col: 12, msg: "unexpected end of JSON input"},
		{name: "trailing data", in: "{\"a\": 1} {\"b\": 2}\n", line: 1, col: 10, msg: "unexpected content after the document"},
		{name: "trailing data after a comment", in: "{\"a\": 1} # c\n# c\n[1]\n", line: 3, col: 1, msg: "unexpected content after the document"},
		{name: "trailing data after a scalar", in: "\"a\" b\n", line: 1, msg: "did not find expected <document start>"},
		{name: "YAML flow keeps the YAML error", in: "{a: 1\nb: 2\n", line: 2, msg: "did not find expected ',' or '}'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Parse([]byte(tt.in))
			if len(s.Documents) != 1 {
				t.Fatalf("%d documents", len(s.Documents))
			}
			d := s.Documents[0]
			if tt.msg != "" {
				var e *Error
				if !errors.As(d.Err, &e) || !errors.Is(e, ErrSyntax) {
					t.Fatalf("error %v, want a syntax *Error", d.Err)
				}
				if e.Line != tt.line || e.Column != tt.col || !strings.Contains(e.Msg, tt.msg) {
					t.Errorf("error %d:%d %q, want %d:%d %q", e.Line, e.Column, e.Msg, tt.line, tt.col, tt.msg)
				}
				return
			}
			v, ix, err := d.Convert(Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, v); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
			if start, end := ix.Span(); start != 1 || end != s.Lines() {
				t.Errorf("Span = %d-%d, want 1-%d", start, end, s.Lines())
			}
		})
	}
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"":                      "",
		"a: 1":                  "a: 1",
		"\ufeffa: 1":            "a: 1",
		string(utf16LE("a: é")): "a: é",
		"\xfe\xff\x00a\x00:":    "a:",
	} {
		if got := string(Text([]byte(in))); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsFiller(t *testing.T) {
	for line, want := range map[string]bool{
		"":            true,
		"   ":         true,
		"\t# c":       true,
		"-":           true,
		"  - # c":     true,
		"---":         true,
		"--- # c":     true,
		"...":         true,
		"  ,":         true,
		"?":           true,
		":":           true,
		"a: 1":        false,
		"- a":         false,
		"  }":         false,
		"],":          false,
		"-#":          false,
		"--- {a: 1}":  false,
		"'#'":         false,
		"  text # no": false,
	} {
		if got := isFiller([]byte(line)); got != want {
			t.Errorf("isFiller(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestChunksKeepLines(t *testing.T) {
	// Every line of the input belongs to exactly one chunk, in order.
	in := "# a\n%YAML 1.2\n---\nx: 1\n...\n# b\n---\n---\ny: |\n  ---x\nz: 2\n--- \n"
	src := newSource([]byte(in))
	next := 1
	for _, c := range src.chunks() {
		if c.start != next || c.end < c.start {
			t.Fatalf("chunk %+v, want it to start at %d", c, next)
		}
		next = c.end + 1
	}
	if want := strings.Count(in, "\n") + 1; next != want {
		t.Errorf("chunks end at line %d, want %d", next-1, want-1)
	}
}
