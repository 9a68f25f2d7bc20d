package yamltree

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// JSON is YAML, but the YAML parser rejects some valid JSON: keys longer than
// 1024 characters, the "\/" escape and UTF-16 surrogate pairs
// ("\ud83d\ude00"). A document that looks like JSON and fails to parse as
// YAML is therefore parsed again with encoding/json, into the same node tree
// a YAML parser would build, with lines and columns.

// looksJSON reports whether text, after blanks, starts like a JSON document:
// an array, or an object whose first key is quoted.
func looksJSON(text []byte) bool {
	t := bytes.TrimLeft(text, " \t\r\n")
	if len(t) == 0 {
		return false
	}
	if t[0] == '[' {
		return true
	}
	if t[0] != '{' {
		return false
	}
	t = bytes.TrimLeft(t[1:], " \t\r\n")
	return len(t) > 0 && (t[0] == '"' || t[0] == '}')
}

// jsonParser builds a node tree from the tokens of encoding/json.
type jsonParser struct {
	src  *source
	text []byte // the chunk
	base int    // offset of the chunk in src.text
	dec  *json.Decoder
	cur  cursor
}

// decodeJSON parses text, found at offset base of the source, as one JSON
// value. Node lines are lines of the source. Errors are *Error values.
func (s *source) decodeJSON(text []byte, base int) (*yaml.Node, error) {
	p := &jsonParser{src: s, text: text, base: base, dec: json.NewDecoder(bytes.NewReader(text))}
	p.dec.UseNumber()
	root, err := p.value()
	if err == nil {
		if _, err = p.dec.Token(); err == nil {
			err = p.errorAt(p.start(), "invalid character after the top-level value")
		} else if errors.Is(err, io.EOF) {
			err = nil
		}
	}
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			err = p.convertError(err)
		}
		return nil, err
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: []*yaml.Node{root}}, nil
}

// start returns the offset where the next token starts.
func (p *jsonParser) start() int {
	off := int(p.dec.InputOffset())
	for off < len(p.text) {
		switch p.text[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// position converts an offset of the chunk to a line and column.
func (p *jsonParser) position(off int) (line, col int) {
	return p.src.position(&p.cur, p.base+off)
}

// errorAt returns an error at offset off of the chunk; an error at the end
// of the input is placed on its last character.
func (p *jsonParser) errorAt(off int, msg string) *Error {
	if off >= len(p.text) {
		off = len(p.text) - 1
		for off > 0 && (p.text[off] == '\n' || p.text[off] == '\r' || p.text[off] == ' ' || p.text[off] == '\t') {
			off--
		}
	}
	line, col := p.position(max(off, 0))
	return &Error{Line: line, Column: col, Msg: msg, Err: ErrSyntax}
}

// convertError turns an encoding/json error into an *Error.
func (p *jsonParser) convertError(err error) *Error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return p.errorAt(max(int(syn.Offset), 0), syn.Error())
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return p.errorAt(len(p.text), "unexpected end of JSON input")
	}
	return p.errorAt(p.start(), err.Error())
}

func (p *jsonParser) value() (*yaml.Node, error) {
	line, col := p.position(p.start())
	tok, err := p.dec.Token()
	if err != nil {
		return nil, err
	}
	n := &yaml.Node{Line: line, Column: col}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.Kind, n.Tag, n.Style = yaml.MappingNode, tagMap, yaml.FlowStyle
			for p.dec.More() {
				kl, kc := p.position(p.start())
				key, err := p.dec.Token()
				if err != nil {
					return nil, err
				}
				k, ok := key.(string)
				if !ok {
					return nil, fmt.Errorf("object key is not a string")
				}
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, &yaml.Node{
					Kind: yaml.ScalarNode, Tag: tagStr, Style: yaml.DoubleQuotedStyle,
					Value: k, Line: kl, Column: kc,
				}, v)
			}
		case '[':
			n.Kind, n.Tag, n.Style = yaml.SequenceNode, tagSeq, yaml.FlowStyle
			for p.dec.More() {
				v, err := p.value()
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, v)
			}
		default:
			return nil, fmt.Errorf("unexpected %q", t)
		}
		if _, err := p.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		n.Kind, n.Tag, n.Style, n.Value = yaml.ScalarNode, tagStr, yaml.DoubleQuotedStyle, t
	case json.Number:
		n.Kind, n.Value = yaml.ScalarNode, t.String()
		_, n.Tag = resolvePlain(n.Value)
	case bool:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, tagBool, strconv.FormatBool(t)
	case nil:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, tagNull, "null"
	}
	return n, nil
}
