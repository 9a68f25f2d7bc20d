package yamltree

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Stream is a parsed YAML (or JSON) file: its documents in source order.
type Stream struct {
	// Documents lists the documents that hold a node or failed to parse.
	// Documents that are empty or only comments are left out.
	Documents []*Document

	src *source
}

// Lines returns the number of lines of the stream's text. A final line break
// does not start a new line.
func (s *Stream) Lines() int { return s.src.numLines() }

// Document is one document of a stream.
type Document struct {
	// Root is the document's top node, with lines counted from the start of
	// the file. It is nil when Err is set.
	Root *yaml.Node
	// StartLine is the first line of the document's content: the line of the
	// first key of a block mapping, of the opening bracket of a flow
	// collection, never the "---" marker or a comment.
	StartLine int
	// EndLine is the last line of the document's content, before trailing
	// comments, blank lines and a "..." marker.
	EndLine int
	// Err is set when the document does not parse; it is an *Error that
	// wraps ErrSyntax.
	Err error

	stream   *Stream
	chunkEnd int // last line of the text the document was parsed from
}

// Parse splits content into documents and parses each one. It never fails as
// a whole: a document that does not parse is returned with Err set and the
// following documents are still parsed, because every document is cut out of
// the text at its "---" or "..." marker (a marker at column 0 cannot occur
// inside a YAML node) and parsed on its own. Anchors therefore do not cross
// documents, as the YAML specification and kubectl require.
//
// A UTF-8 byte order mark is ignored and UTF-16 text with a byte order mark
// is converted to UTF-8 first.
func Parse(content []byte) *Stream {
	s := &Stream{src: newSource(decodeText(content))}
	for _, c := range s.src.chunks() {
		if d := s.parseChunk(c); d != nil {
			s.Documents = append(s.Documents, d)
		}
	}
	return s
}

// chunk is a span of lines holding at most one document.
type chunk struct {
	start, end int // 1-based, inclusive
	yaml12     bool
}

// chunks cuts the text into documents at "---" and "..." lines. Comments,
// blank lines and directives before a "---" stay with the document it starts.
func (s *source) chunks() []chunk {
	n := s.numLines()
	var out []chunk
	cur := chunk{start: 1}
	content, marker := false, false
	for l := 1; l <= n; l++ {
		line := s.line(l)
		switch {
		case isMarker(line, "---"):
			if content || marker {
				cur.end = l - 1
				out = append(out, cur)
				cur = chunk{start: l}
				content = false
			}
			marker = true
			if rest := trimSpace(line[3:]); len(rest) > 0 && rest[0] != '#' {
				content = true
			}
		case isMarker(line, "..."):
			cur.end = l
			out = append(out, cur)
			cur = chunk{start: l + 1}
			content, marker = false, false
		case content:
		case len(line) > 0 && line[0] == '%' && !marker:
			if bytes.HasPrefix(line, []byte("%YAML 1.2")) {
				cur.yaml12 = true
			}
		default:
			t := trimSpace(line)
			content = len(t) > 0 && t[0] != '#'
		}
	}
	if cur.start <= n {
		cur.end = n
		out = append(out, cur)
	}
	return out
}

// isMarker reports whether line starts with a document marker followed by a
// blank or the end of the line.
func isMarker(line []byte, m string) bool {
	return len(line) >= 3 && string(line[:3]) == m &&
		(len(line) == 3 || line[3] == ' ' || line[3] == '\t')
}

// parseChunk parses the document of chunk c; it returns nil when the chunk
// holds no document.
func (s *Stream) parseChunk(c chunk) *Document {
	text := s.src.text[s.src.lineStart(c.start):s.src.lineEnd(c.end)]
	if c.yaml12 {
		// The parser only accepts "%YAML 1.1"; 1.2 documents parse the same.
		text = bytes.Replace(text, []byte("%YAML 1.2"), []byte("%YAML 1.1"), 1)
	}
	d, err := decode(text)
	shift := c.start - 1
	if err != nil && looksJSON(text) {
		// Valid JSON the YAML parser rejects; for invalid JSON, the JSON
		// error has a column.
		jd, jerr := s.src.decodeJSON(text, s.src.lineStart(c.start))
		if jerr == nil {
			d, err, shift = jd, nil, 0
		} else {
			err = jerr
		}
	}
	if err == nil {
		if d == nil || len(d.Content) == 0 || isEmpty(d.Content[0]) {
			return nil
		}
		err = s.trailing(d.Content[0], text, c, shift)
	}
	if err != nil {
		e, ok := err.(*Error)
		if !ok {
			e = s.syntaxError(err, c)
		}
		start := s.src.firstContent(c.start, c.end)
		if start == 0 {
			start = e.Line
		}
		return &Document{
			StartLine: start,
			EndLine:   max(start, s.src.lastContent(c.end, start)),
			Err:       e,
			stream:    s,
			chunkEnd:  c.end,
		}
	}
	shiftLines(d, shift)
	root := d.Content[0]
	start := contentStart(root)
	return &Document{
		Root:      root,
		StartLine: start,
		EndLine:   max(start, s.src.lastContent(c.end, start), s.tailEnd(root)),
		stream:    s,
		chunkEnd:  c.end,
	}
}

// decode parses the document of text, which holds at most one since it was
// cut at the document markers. It returns nil for text without a document.
func decode(text []byte) (doc *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("yaml: internal parser error: %v", r)
		}
	}()
	doc = new(yaml.Node)
	if err := yaml.Unmarshal(text, doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode {
		return nil, nil
	}
	return doc, nil
}

// trailing checks that nothing follows the document root in text, the chunk
// c: yaml.Unmarshal stops after the first document, and a flow collection or
// a scalar can end before the chunk does ("{a: 1} b"). A block collection
// always extends to the end of its document.
func (s *Stream) trailing(root *yaml.Node, text []byte, c chunk, shift int) error {
	if root.Kind == yaml.MappingNode || root.Kind == yaml.SequenceNode {
		if root.Style&yaml.FlowStyle == 0 {
			return nil
		}
		_, off, ok := s.src.flowEnd(&cursor{}, root.Line+shift, root.Column, nil)
		if ok {
			if at := s.src.contentAfter(off+1, s.src.lineEnd(c.end)); at >= 0 {
				line, col := s.src.position(&cursor{}, at)
				return &Error{Line: line, Column: col, Msg: "unexpected content after the document", Err: ErrSyntax}
			}
			return nil
		}
	}
	// Rare: let the parser look for a second document.
	dec := yaml.NewDecoder(bytes.NewReader(text))
	var n yaml.Node
	if dec.Decode(&n) != nil {
		return nil
	}
	switch err := dec.Decode(&n); {
	case err == nil:
		return &Error{Line: n.Line + c.start - 1, Msg: "unexpected content after the document", Err: ErrSyntax}
	case errors.Is(err, io.EOF):
		return nil
	default:
		return err
	}
}

// shiftLines adds delta to the line of every node of the tree.
func shiftLines(n *yaml.Node, delta int) {
	if delta == 0 {
		return
	}
	n.Line += delta
	for _, c := range n.Content {
		shiftLines(c, delta)
	}
}

// isEmpty reports whether a document's root is the implicit null of a
// document with no content.
func isEmpty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Value == "" && n.Tag == "!!null" &&
		n.Style == 0 && n.Anchor == ""
}

// contentStart returns the first line of a node's content: for a block
// collection, the line of its first entry (a tag or anchor may stand on an
// earlier line).
func contentStart(n *yaml.Node) int {
	if (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) &&
		n.Style&yaml.FlowStyle == 0 && len(n.Content) > 0 {
		return max(n.Line, contentStart(n.Content[0]))
	}
	return n.Line
}

// tailEnd returns the last line of the last scalar of the tree when it is a
// block or quoted scalar, whose last lines may look like comments; else 0.
func (s *Stream) tailEnd(n *yaml.Node) int {
	parent := -1
	for {
		last := len(n.Content) - 1
		switch {
		case n.Style&yaml.FlowStyle != 0:
			return 0
		case n.Kind == yaml.MappingNode && last >= 1:
			parent = n.Content[last-1].Column - 1
			n = n.Content[last]
			continue
		case n.Kind == yaml.SequenceNode && last >= 0:
			parent = n.Column - 1
			n = n.Content[last]
			continue
		case n.Kind != yaml.ScalarNode:
		case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
			return s.src.blockScalarEnd(&cursor{}, n.Line, n.Column, parent)
		case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
			return s.src.quotedEnd(&cursor{}, n.Line, n.Column)
		}
		return 0
	}
}

var errLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the messages of the YAML parser (as opposed to its
// scanner); the parser reports their line 0-based.
var parserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"found undefined tag handle",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

// syntaxError turns a parser error of chunk c into an *Error with a line of
// the file.
func (s *Stream) syntaxError(err error, c chunk) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := errLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		for _, p := range parserProblems {
			if msg == p {
				line++
				break
			}
		}
		line += c.start - 1
	} else {
		line = s.locate(msg, c)
	}
	if line < c.start || line > c.end {
		line = s.src.firstContent(c.start, c.end)
		if line == 0 {
			line = c.start
		}
	}
	return &Error{Line: line, Msg: msg, Err: ErrSyntax}
}

var errAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// locate finds the line of an error the parser reports without one, or 0.
func (s *Stream) locate(msg string, c chunk) int {
	text := s.src.text[s.src.lineStart(c.start):s.src.lineEnd(c.end)]
	base := s.src.lineStart(c.start)
	if m := errAnchor.FindStringSubmatch(msg); m != nil {
		alias := []byte("*" + m[1])
		for i := 0; ; {
			k := bytes.Index(text[i:], alias)
			if k < 0 {
				return 0
			}
			i += k + len(alias)
			if i == len(text) || isNameEnd(text[i]) {
				return s.src.lineOf(base + i - 1)
			}
		}
	}
	if strings.Contains(msg, "UTF-8") || strings.Contains(msg, "control characters") {
		for i := 0; i < len(text); {
			r, w := utf8.DecodeRune(text[i:])
			if (r == utf8.RuneError && w == 1) || !printable(r) {
				return s.src.lineOf(base + i)
			}
			i += w
		}
	}
	return 0
}

func isNameEnd(b byte) bool {
	switch b {
	case ' ', '\t', '\r', '\n', ',', ']', '}':
		return true
	}
	return false
}

// printable reports whether the YAML reader accepts the character.
func printable(r rune) bool {
	switch {
	case r == 0x09 || r == 0x0A || r == 0x0D || r == 0x85:
		return true
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return r != 0xFEFF
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}
