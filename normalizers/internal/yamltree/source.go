package yamltree

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// source is the text of a YAML stream with the offsets of its lines. Lines
// are split at the line breaks the YAML parser counts (LF, CR, CRLF, NEL, LS
// and PS), so a line number computed here matches a yaml.Node's Line.
type source struct {
	text   []byte
	starts []int // starts[i] is the byte offset of line i+1
}

// cursor remembers the last position converted by source.offset.
type cursor struct {
	line, col, off int
}

func newSource(text []byte) *source {
	starts := make([]int, 1, bytes.Count(text, []byte{'\n'})+2)
	for i := 0; i < len(text); {
		if n := breakLen(text, i); n > 0 {
			i += n
			starts = append(starts, i)
			continue
		}
		i++
	}
	return &source{text: text, starts: starts}
}

// breakLen returns the length in bytes of the line break at text[i], or 0.
func breakLen(text []byte, i int) int {
	switch c := text[i]; {
	case c == '\n':
		return 1
	case c == '\r':
		if i+1 < len(text) && text[i+1] == '\n' {
			return 2
		}
		return 1
	case c == 0xC2:
		if i+1 < len(text) && text[i+1] == 0x85 {
			return 2
		}
	case c == 0xE2:
		if i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0xA8 || text[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// numLines is the number of lines of the text; a final line break does not
// start a new line.
func (s *source) numLines() int {
	if len(s.text) == 0 {
		return 0
	}
	if s.starts[len(s.starts)-1] == len(s.text) {
		return len(s.starts) - 1
	}
	return len(s.starts)
}

// lineStart returns the offset of the first byte of line n (1-based).
func (s *source) lineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(s.starts) {
		return len(s.text)
	}
	return s.starts[n-1]
}

// lineEnd returns the offset just past line n, line break included.
func (s *source) lineEnd(n int) int {
	if n < 1 {
		return 0
	}
	if n >= len(s.starts) {
		return len(s.text)
	}
	return s.starts[n]
}

// line returns the text of line n without its line break.
func (s *source) line(n int) []byte {
	if n < 1 || n > len(s.starts) {
		return nil
	}
	begin, end := s.starts[n-1], len(s.text)
	if n < len(s.starts) {
		end = s.starts[n]
		// Drop the break that ends the line, preferring the longest.
		for w := 3; w >= 1; w-- {
			if k := end - w; k >= begin && breakLen(s.text, k) == w {
				end = k
				break
			}
		}
	}
	return s.text[begin:end]
}

// lineOf returns the line holding byte offset off.
func (s *source) lineOf(off int) int {
	lo, hi := 0, len(s.starts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if s.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// offset converts a 1-based line and column (counted in characters, as the
// YAML parser does) to a byte offset. Calls in increasing position order cost
// time linear in the distance walked.
func (s *source) offset(cur *cursor, line, col int) int {
	if line < 1 || line > len(s.starts) {
		return -1
	}
	if line != cur.line || col < cur.col {
		*cur = cursor{line: line, col: 1, off: s.starts[line-1]}
	}
	off, c := cur.off, cur.col
	for c < col && off < len(s.text) {
		if s.text[off] < utf8.RuneSelf {
			off++
		} else {
			_, w := utf8.DecodeRune(s.text[off:])
			off += w
		}
		c++
	}
	cur.col, cur.off = c, off
	return off
}

// position converts a byte offset to a line and a column counted in
// characters. Calls in increasing offset order cost time linear in the
// distance walked.
func (s *source) position(cur *cursor, off int) (line, col int) {
	off = min(max(off, 0), len(s.text))
	line = s.lineOf(off)
	if line != cur.line || off < cur.off {
		*cur = cursor{line: line, col: 1, off: s.lineStart(line)}
	}
	for cur.off < off {
		_, w := utf8.DecodeRune(s.text[cur.off:])
		cur.off += w
		cur.col++
	}
	return line, cur.col
}

// isFiller reports whether a line holds no content: it is blank, a comment,
// or only a document marker or a structural indicator ("-", "?", ":", ",")
// optionally followed by a comment.
func isFiller(line []byte) bool {
	t := trimSpace(line)
	if len(t) == 0 || t[0] == '#' {
		return true
	}
	for _, ind := range [...]string{"---", "...", "-", "?", ":", ","} {
		if len(t) < len(ind) || string(t[:len(ind)]) != ind {
			continue
		}
		rest := t[len(ind):]
		r := trimSpace(rest)
		if len(r) == 0 || (r[0] == '#' && len(r) < len(rest)) {
			return true
		}
	}
	return false
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	return b
}

// lastContent returns the last line in (floor, from] that is not filler, or
// floor when there is none.
func (s *source) lastContent(from, floor int) int {
	if n := s.numLines(); from > n {
		from = n
	}
	for l := from; l > floor; l-- {
		if !isFiller(s.line(l)) {
			return l
		}
	}
	return floor
}

// firstContent returns the first line in [from, to] that is not filler, or 0.
func (s *source) firstContent(from, to int) int {
	for l := from; l <= to; l++ {
		if !isFiller(s.line(l)) {
			return l
		}
	}
	return 0
}

// flowEnd returns the line and offset of the bracket closing the flow
// collection whose node starts at line:col (the column may point at a tag or
// anchor before the bracket). Closing lines of nested collections are
// remembered in memo (when not nil), keyed by the offset of their opening
// bracket, so nested lookups are free; a remembered answer has no offset.
func (s *source) flowEnd(cur *cursor, line, col int, memo map[int]int) (endLine, endOff int, ok bool) {
	off := s.offset(cur, line, col)
	if off < 0 {
		return 0, 0, false
	}
	off = s.skipProperties(off)
	if off >= len(s.text) || (s.text[off] != '{' && s.text[off] != '[') {
		return 0, 0, false
	}
	if end, ok := memo[off]; ok {
		return end, -1, true
	}
	text := s.text
	ln := s.lineOf(off)
	stack := []int{off}
	white, tokenStart := false, true
	for i := off + 1; i < len(text); {
		if n := breakLen(text, i); n > 0 {
			ln++
			i += n
			white, tokenStart = true, true
			continue
		}
		c := text[i]
		switch {
		case c == ' ' || c == '\t':
			white, tokenStart = true, true
			i++
			continue
		case c == '#' && white:
			for i < len(text) && breakLen(text, i) == 0 {
				i++
			}
			continue
		case (c == '"' || c == '\'') && tokenStart:
			i++
			for i < len(text) {
				if n := breakLen(text, i); n > 0 {
					ln++
					i += n
					continue
				}
				if c == '"' && text[i] == '\\' {
					i++
					if i < len(text) && breakLen(text, i) == 0 {
						i++
					}
					continue
				}
				if text[i] == c {
					if c == '\'' && i+1 < len(text) && text[i+1] == '\'' {
						i += 2
						continue
					}
					break
				}
				i++
			}
			i++
			white, tokenStart = false, false
			continue
		case c == '{' || c == '[':
			stack = append(stack, i)
		case c == '}' || c == ']':
			open := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if memo != nil {
				memo[open] = ln
			}
			if len(stack) == 0 {
				return ln, i, true
			}
		}
		white = false
		tokenStart = c == '{' || c == '[' || c == ',' || c == ':' || c == '?'
		i++
	}
	return 0, 0, false
}

// contentAfter returns the offset of the first content in text[off:end] that
// is not a blank, a comment or a "..." marker line, or -1 when there is none.
func (s *source) contentAfter(off, end int) int {
	text := s.text[:end]
	white := false
	for i := off; i < len(text); {
		if n := breakLen(text, i); n > 0 {
			i += n
			white = true
			if line := text[i:]; isMarker(line, "...") {
				i += 3
			}
			continue
		}
		switch c := text[i]; {
		case c == ' ' || c == '\t':
			white = true
			i++
		case c == '#' && white:
			for i < len(text) && breakLen(text, i) == 0 {
				i++
			}
		default:
			return i
		}
	}
	return -1
}

// skipProperties skips tags, anchors, blanks and comments before a node's
// content, starting at off.
func (s *source) skipProperties(off int) int {
	text := s.text
	for off < len(text) {
		switch c := text[off]; {
		case c == '!' || c == '&':
			for off < len(text) && text[off] != ' ' && text[off] != '\t' && breakLen(text, off) == 0 {
				off++
			}
		case c == ' ' || c == '\t':
			off++
		case c == '#':
			for off < len(text) && breakLen(text, off) == 0 {
				off++
			}
		default:
			if n := breakLen(text, off); n > 0 {
				off += n
				continue
			}
			return off
		}
	}
	return off
}

// Text returns content as UTF-8 without a byte order mark: a UTF-8 byte
// order mark is stripped and UTF-16 text that starts with its byte order mark
// is converted. Other content is returned unchanged. Parse applies it; it is
// exported for cheap content sniffing.
func Text(content []byte) []byte { return decodeText(content) }

// decodeText implements Text.
func decodeText(b []byte) []byte {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return b[3:]
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE:
		return utf16ToUTF8(b[2:], false)
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		return utf16ToUTF8(b[2:], true)
	}
	return b
}

func utf16ToUTF8(b []byte, bigEndian bool) []byte {
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	out := make([]byte, 0, len(units)+len(units)/4)
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// blockScalarEnd returns the last line of the literal or folded scalar whose
// indicator ("|" or ">") is at line:col, inside a block collection indented by
// parent columns (-1 at the top level). Content lines are the lines indented
// at least as much as the first non-blank one (or as the explicit indentation
// indicator says), blank lines in between included; a comment-like line at
// that indentation is content too.
func (s *source) blockScalarEnd(cur *cursor, line, col, parent int) int {
	indent := -1
	if off := s.offset(cur, line, col); off >= 0 {
		off = s.skipProperties(off)
		for off++; off < len(s.text); off++ {
			c := s.text[off]
			if c >= '1' && c <= '9' {
				indent = max(parent, 0) + int(c-'0')
			} else if c != '+' && c != '-' {
				break
			}
		}
	}
	end := line
	for l := line + 1; l <= s.numLines(); l++ {
		text := s.line(l)
		if isMarker(text, "---") || isMarker(text, "...") {
			break
		}
		n := 0
		for n < len(text) && text[n] == ' ' {
			n++
		}
		if len(trimSpace(text[n:])) == 0 {
			continue // blank
		}
		if indent < 0 {
			if n <= parent {
				break
			}
			indent = n
		}
		if n < indent {
			break
		}
		end = l
	}
	return end
}

// quotedEnd returns the line of the closing quote of the quoted scalar at
// line:col, or 0 when it cannot be found.
func (s *source) quotedEnd(cur *cursor, line, col int) int {
	off := s.offset(cur, line, col)
	if off < 0 {
		return 0
	}
	off = s.skipProperties(off)
	if off >= len(s.text) || (s.text[off] != '"' && s.text[off] != '\'') {
		return 0
	}
	q := s.text[off]
	ln := line
	for i := off + 1; i < len(s.text); {
		if n := breakLen(s.text, i); n > 0 {
			ln++
			i += n
			continue
		}
		switch c := s.text[i]; {
		case c == '\\' && q == '"':
			i++
			if i < len(s.text) && breakLen(s.text, i) == 0 {
				i++
			}
		case c == q && q == '\'' && i+1 < len(s.text) && s.text[i+1] == '\'':
			i += 2
		case c == q:
			return ln
		default:
			i++
		}
	}
	return 0
}
