package tfjson

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rampart-iac/rampart/normalizers/internal/pathelem"
)

// maxDepth bounds the nesting of JSON values, as encoding/json does.
const maxDepth = 10_000

// maxSkipDepth is the depth down to which the parser tracks the path of
// object members, for skipFunc.
const maxSkipDepth = 4

// skipFunc tells the parser to check but not keep the value of the object
// member at path (keys from the top; "" for an array element). It is asked
// for members down to maxSkipDepth.
type skipFunc func(path []string) bool

// maxInterned bounds the number of distinct object keys the parser shares
// between objects; keys beyond it are stored per occurrence.
const maxInterned = 8192

// nodeKind tells what a node of the line tree holds.
type nodeKind uint8

const (
	kindLeaf nodeKind = iota
	kindObject
	kindArray
)

// node is the line information of one JSON value. A member of an object
// spans from the line of its key to the last line of its value; an array
// element spans its own lines. Nodes hold no pointers, so the garbage
// collector does not scan them.
type node struct {
	key        int32 // the member name, an index in tree.keys, for a member of an object
	start, end int32 // 1-based lines
	kidOff     int32 // children: tree.kids[kidOff : kidOff+nkids]
	nkids      int32
	kind       nodeKind
}

// tree holds the nodes of a parsed file. The children of each object and
// array are stored contiguously in kids, in source order; a repeated object
// key keeps only its last occurrence, like the decoded value.
type tree struct {
	nodes []node
	kids  []int32
	keys  []string // member names; keys[0] is "" (not a member)
}

// key returns the member name of node i.
func (t *tree) key(i int32) string { return t.keys[t.nodes[i].key] }

// children returns the child nodes of node i in source order.
func (t *tree) children(i int32) []int32 {
	n := &t.nodes[i]
	return t.kids[n.kidOff : n.kidOff+n.nkids]
}

// child returns the member of object i named key, or the element of array
// i at index key (a decimal string or an int).
func (t *tree) child(i int32, p any) (int32, bool) {
	if i < 0 {
		return -1, false
	}
	n := &t.nodes[i]
	switch n.kind {
	case kindObject:
		key, ok := pathelem.Key(p)
		if !ok {
			return -1, false
		}
		for _, k := range t.children(i) {
			if t.key(k) == key {
				return k, true
			}
		}
	case kindArray:
		idx, ok := pathelem.Index(p)
		kids := t.children(i)
		if ok && idx >= 0 && idx < len(kids) {
			return kids[idx], true
		}
	}
	return -1, false
}

// syntaxError is a position in a JSON text and what is wrong there.
type syntaxError struct {
	Line, Column int
	Msg          string
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// parser decodes a JSON text (RFC 8259) into plain values (map[string]any,
// []any, string, bool, nil, int64, float64) and builds the line tree of
// every value on the way. It follows encoding/json where the RFC leaves
// room: invalid UTF-8 and lone surrogates become U+FFFD, a repeated key
// keeps its last value. A leading UTF-8 byte order mark is skipped.
type parser struct {
	data      []byte
	pos       int
	line      int32
	lineStart int // offset of the first byte of the current line
	depth     int
	t         *tree
	scratch   []int32          // children of the open objects and arrays
	keyIDs    map[string]int32 // interned keys and their index in tree.keys
	buf       []byte
	skip      skipFunc
	path      []string // keys of the open members, down to maxSkipDepth
	// discard > 0 while checking a skipped value: nothing is kept.
	discard int
	// warnings are values kept in a degraded form, such as numbers out of
	// float64 range (kept as their literal text).
	warnings []*syntaxError
}

// parseJSON decodes data. It returns the value, the line tree (whose root
// node is 0), warnings, and a *syntaxError when data is not valid JSON.
func parseJSON(data []byte) (any, *tree, []*syntaxError, error) {
	return parseJSONSkipping(data, nil)
}

// parseJSONSkipping is parseJSON leaving out of the value and the line tree
// the object members skip selects. Their text is checked all the same.
func parseJSONSkipping(data []byte, skip skipFunc) (any, *tree, []*syntaxError, error) {
	p := &parser{
		data: data,
		skip: skip,
		line: 1,
		// Terraform's JSON has a value every 20 to 40 bytes; the slices
		// grow from a guess on the low side.
		t: &tree{
			nodes: make([]node, 0, len(data)/48+1),
			kids:  make([]int32, 0, len(data)/48+1),
			keys:  []string{""},
		},
		keyIDs: make(map[string]int32),
	}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		p.pos, p.lineStart = 3, 3
	}
	v, _, err := p.value()
	if err != nil {
		return nil, nil, nil, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, nil, nil, p.errorf("invalid character %s after top-level value", p.quoteChar())
	}
	return v, p.t, p.warnings, nil
}

// errorf returns a syntax error at the current position.
func (p *parser) errorf(format string, args ...any) error {
	return p.errorAt(p.pos, format, args...)
}

func (p *parser) errorAt(off int, format string, args ...any) *syntaxError {
	start := min(p.lineStart, off)
	col := utf8.RuneCount(p.data[start:min(off, len(p.data))]) + 1
	return &syntaxError{Line: int(p.line), Column: col, Msg: fmt.Sprintf(format, args...)}
}

// quoteChar describes the byte (or rune) at the current position.
func (p *parser) quoteChar() string {
	if p.pos >= len(p.data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	if r == '\'' {
		return `'\''`
	}
	if r == '"' {
		return `'"'`
	}
	q := strconv.QuoteRune(r)
	return "'" + q[1:len(q)-1] + "'"
}

func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\r':
		case '\n':
			p.line++
			p.lineStart = p.pos + 1
		default:
			return
		}
		p.pos++
	}
}

func (p *parser) add(n node) int32 {
	if p.discard > 0 {
		return -1
	}
	p.t.nodes = append(p.t.nodes, n)
	return int32(len(p.t.nodes) - 1)
}

// value parses the value at the current position and returns it with its
// node.
func (p *parser) value() (any, int32, error) {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, -1, p.errorf("unexpected end of JSON input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		line := p.line
		s, err := p.str()
		if err != nil {
			return nil, -1, err
		}
		return s, p.add(node{start: line, end: line}), nil
	case c == '-' || (c >= '0' && c <= '9'):
		line := p.line
		v, err := p.number()
		if err != nil {
			return nil, -1, err
		}
		return v, p.add(node{start: line, end: line}), nil
	case c == 't':
		return p.literal("true", true)
	case c == 'f':
		return p.literal("false", false)
	case c == 'n':
		return p.literal("null", nil)
	}
	return nil, -1, p.errorf("invalid character %s looking for beginning of value", p.quoteChar())
}

func (p *parser) literal(word string, v any) (any, int32, error) {
	for i := 0; i < len(word); i++ {
		if p.pos >= len(p.data) {
			return nil, -1, p.errorf("unexpected end of JSON input")
		}
		if p.data[p.pos] != word[i] {
			return nil, -1, p.errorf("invalid character %s in literal %s (expecting '%c')", p.quoteChar(), word, word[i])
		}
		p.pos++
	}
	return v, p.add(node{start: p.line, end: p.line}), nil
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.errorf("exceeded max depth of %d nested values", maxDepth)
	}
	return nil
}

// close stores the children of collection self, collected in
// scratch[base:], and ends it at the current line.
func (p *parser) close(self int32, base int) {
	if self < 0 {
		p.depth--
		return
	}
	n := &p.t.nodes[self]
	n.end = p.line
	n.kidOff = int32(len(p.t.kids))
	n.nkids = int32(len(p.scratch) - base)
	p.t.kids = append(p.t.kids, p.scratch[base:]...)
	p.scratch = p.scratch[:base]
	p.depth--
}

func (p *parser) object() (any, int32, error) {
	self := p.add(node{start: p.line, kind: kindObject})
	if err := p.enter(); err != nil {
		return nil, -1, err
	}
	p.pos++ // '{'
	var m map[string]any
	if p.discard == 0 {
		m = make(map[string]any)
	}
	base := len(p.scratch)
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		p.close(self, base)
		return m, self, nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, -1, p.errorf("unexpected end of JSON input")
		}
		if p.data[p.pos] != '"' {
			return nil, -1, p.errorf("invalid character %s looking for beginning of object key string", p.quoteChar())
		}
		keyLine := p.line
		key, keyID, err := p.key()
		if err != nil {
			return nil, -1, err
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, -1, p.errorf("unexpected end of JSON input")
		}
		if p.data[p.pos] != ':' {
			return nil, -1, p.errorf("invalid character %s after object key", p.quoteChar())
		}
		p.pos++
		v, kid, err := p.member(key)
		if err != nil {
			return nil, -1, err
		}
		if kid >= 0 {
			kn := &p.t.nodes[kid]
			kn.key, kn.start = keyID, keyLine
			if _, dup := m[key]; dup {
				p.replaceKid(base, key, kid)
			} else {
				p.scratch = append(p.scratch, kid)
			}
			m[key] = v
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, -1, p.errorf("unexpected end of JSON input")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			continue
		case '}':
			p.pos++
			p.close(self, base)
			return m, self, nil
		}
		return nil, -1, p.errorf("invalid character %s after object key:value pair", p.quoteChar())
	}
}

// member parses the value of the object member key, or checks and drops it
// when skip says so.
func (p *parser) member(key string) (any, int32, error) {
	if p.skip == nil || p.discard > 0 || p.depth > maxSkipDepth {
		return p.value()
	}
	p.path = append(p.path, key)
	defer func() { p.path = p.path[:len(p.path)-1] }()
	if p.skip(p.path) {
		p.discard++
		_, _, err := p.value()
		p.discard--
		return nil, -1, err
	}
	return p.value()
}

// replaceKid replaces the child named key among scratch[base:] by kid.
func (p *parser) replaceKid(base int, key string, kid int32) {
	for i := base; i < len(p.scratch); i++ {
		if p.t.key(p.scratch[i]) == key {
			p.scratch[i] = kid
			return
		}
	}
	p.scratch = append(p.scratch, kid)
}

func (p *parser) array() (any, int32, error) {
	self := p.add(node{start: p.line, kind: kindArray})
	if err := p.enter(); err != nil {
		return nil, -1, err
	}
	p.pos++ // '['
	var a []any
	base := len(p.scratch)
	p.skipSpace()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		p.close(self, base)
		return []any{}, self, nil
	}
	tracked := p.skip != nil && p.discard == 0 && p.depth <= maxSkipDepth
	if tracked {
		p.path = append(p.path, "")
		defer func() { p.path = p.path[:len(p.path)-1] }()
	}
	for {
		v, kid, err := p.value()
		if err != nil {
			return nil, -1, err
		}
		if kid >= 0 {
			a = append(a, v)
			p.scratch = append(p.scratch, kid)
		}
		p.skipSpace()
		if p.pos >= len(p.data) {
			return nil, -1, p.errorf("unexpected end of JSON input")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
			continue
		case ']':
			p.pos++
			p.close(self, base)
			return a, self, nil
		}
		return nil, -1, p.errorf("invalid character %s after array element", p.quoteChar())
	}
}

// key parses the member name at the current position (which is '"') and
// returns it with its index in tree.keys.
func (p *parser) key() (string, int32, error) {
	if p.discard > 0 {
		_, err := p.str()
		return "", 0, err
	}
	// Member names are short and few: look a name without escapes up
	// before decoding it. Interned names are valid UTF-8 without control
	// characters, so raw text equal to one decodes to it.
	raw := p.data[p.pos+1 : min(p.pos+1+65, len(p.data))]
	if i := bytes.IndexByte(raw, '"'); i >= 0 && bytes.IndexByte(raw[:i], '\\') < 0 {
		if id, ok := p.keyIDs[string(raw[:i])]; ok {
			p.pos += i + 2
			return p.t.keys[id], id, nil
		}
	}
	s, err := p.str()
	if err != nil {
		return "", 0, err
	}
	if id, ok := p.keyIDs[s]; ok {
		return p.t.keys[id], id, nil
	}
	id := int32(len(p.t.keys))
	p.t.keys = append(p.t.keys, s)
	if len(p.keyIDs) < maxInterned && len(s) <= 64 {
		p.keyIDs[s] = id
	}
	return s, id, nil
}

// str parses the string at the current position (which is '"').
func (p *parser) str() (string, error) {
	start := p.pos + 1
	ascii := true
	for i := start; i < len(p.data); i++ {
		c := p.data[i]
		switch {
		case c == '"':
			raw := p.data[start:i]
			if !ascii && !utf8.Valid(raw) {
				return p.slowStr(start)
			}
			p.pos = i + 1
			if p.discard > 0 {
				return "", nil
			}
			return string(raw), nil
		case c == '\\' || c < 0x20:
			return p.slowStr(start)
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	p.pos = len(p.data)
	return "", p.errorf("unexpected end of JSON input (unterminated string)")
}

// slowStr decodes a string with escapes or invalid UTF-8 whose content
// starts at offset start.
func (p *parser) slowStr(start int) (string, error) {
	b := p.buf[:0]
	i := start
	for i < len(p.data) {
		c := p.data[i]
		switch {
		case c == '"':
			p.pos = i + 1
			p.buf = b
			if p.discard > 0 {
				return "", nil
			}
			return string(b), nil
		case c < 0x20:
			p.pos = i
			return "", p.errorf("invalid character %s in string literal", p.quoteChar())
		case c == '\\':
			if i+1 >= len(p.data) {
				p.pos = len(p.data)
				return "", p.errorf("unexpected end of JSON input (unterminated string)")
			}
			i++
			switch e := p.data[i]; e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := hex4(p.data[i+1:])
				if !ok {
					p.pos = i
					return "", p.errorf("invalid \\u escape in string literal")
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if i+2 < len(p.data) && p.data[i+1] == '\\' && p.data[i+2] == 'u' {
						r2, _ = hex4(p.data[i+3:])
					}
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				b = utf8.AppendRune(b, r)
			default:
				p.pos = i
				return "", p.errorf("invalid character %s in string escape code", p.quoteChar())
			}
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(p.data[i:])
			b = utf8.AppendRune(b, r) // invalid bytes become U+FFFD
			i += size
		}
	}
	p.pos = len(p.data)
	return "", p.errorf("unexpected end of JSON input (unterminated string)")
}

// hex4 decodes the four hex digits at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number parses a JSON number: an integer literal that fits becomes int64,
// anything else float64. A number out of float64 range is kept as its
// literal text, with a warning.
func (p *parser) number() (any, error) {
	start := p.pos
	d := p.data
	i := start
	if d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i >= len(d):
		p.pos = i
		return nil, p.errorf("unexpected end of JSON input (in numeric literal)")
	case d[i] == '0':
		i++
	case d[i] >= '1' && d[i] <= '9':
		digits()
	default:
		p.pos = i
		return nil, p.errorf("invalid character %s in numeric literal", p.quoteChar())
	}
	integer := true
	if i < len(d) && d[i] == '.' {
		integer = false
		i++
		if digits() == 0 {
			p.pos = i
			return nil, p.errorf("invalid character %s after decimal point in numeric literal", p.quoteChar())
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		integer = false
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.pos = i
			return nil, p.errorf("invalid character %s in exponent of numeric literal", p.quoteChar())
		}
	}
	p.pos = i
	if p.discard > 0 {
		return nil, nil
	}
	lit := d[start:i]
	if integer {
		if n, ok := smallInt(lit); ok {
			return n, nil
		}
		if n, err := strconv.ParseInt(string(lit), 10, 64); err == nil {
			return n, nil
		}
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		p.warnings = append(p.warnings, p.errorAt(start, "number %s is out of range; kept as a string", lit))
		return string(lit), nil
	}
	return f, nil
}

// smallInt converts an integer literal of at most 18 digits without
// allocating.
func smallInt(lit []byte) (int64, bool) {
	neg := lit[0] == '-'
	if neg {
		lit = lit[1:]
	}
	if len(lit) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range lit {
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
