package dockerfile

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// argKind says what is statically known about a build argument in the global
// scope (the ARGs before the first FROM), assuming a plain `docker build`
// without --build-arg.
type argKind int

const (
	// argUnset: declared without a default, or not declared. Its value is
	// supplied by --build-arg if at all, so a bare reference is unknown,
	// but ${X:-word} and ${X-word} fall back to word.
	argUnset argKind = iota
	// argKnown: declared with a default that could be evaluated.
	argKnown
	// argOpaque: set at build time to a value not known here (the automatic
	// platform ARGs, or a default that depends on an unknown value).
	argOpaque
)

type argValue struct {
	kind  argKind
	value string
}

// platformArgs are the ARGs buildkit defines in the global scope of every
// build from the build and target platforms.
var platformArgs = []string{
	"BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT",
	"TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT",
	"TARGETSTAGE",
}

// maxArgLen bounds the value of a global ARG: ARG A=$A$A repeated would
// otherwise double it at every line.
const maxArgLen = 64 * 1024

// argScope evaluates words against the global ARGs the way buildkit expands
// the FROM line, and tells whether the result is statically known.
type argScope struct {
	escape rune
	args   map[string]argValue
	lex    *shell.Lex // full expansion, for known results
	keep   *shell.Lex // expansion that leaves unknown references as written
	known  knownEnv
}

func newArgScope(escape rune) *argScope {
	s := &argScope{escape: escape, args: map[string]argValue{}, lex: shell.NewLex(escape), keep: shell.NewLex(escape)}
	s.keep.SkipUnsetEnv = true
	s.known = knownEnv{s}
	for _, name := range platformArgs {
		s.args[name] = argValue{kind: argOpaque}
	}
	return s
}

// declare records a global ARG. value is nil for an ARG without a default,
// which leaves an earlier definition of the same name in place (as buildkit
// does). It returns an error when the default cannot be evaluated.
func (s *argScope) declare(name string, value *string) error {
	if value == nil {
		if _, ok := s.args[name]; !ok {
			s.args[name] = argValue{kind: argUnset}
		}
		return nil
	}
	v, known, err := s.expand(*value)
	if err == nil && len(v) > maxArgLen {
		err = fmt.Errorf("value longer than %d bytes", maxArgLen)
	}
	if err != nil || !known {
		s.args[name] = argValue{kind: argOpaque}
		return err
	}
	s.args[name] = argValue{kind: argKnown, value: v}
	return nil
}

func (s *argScope) lookup(name string) argValue {
	if v, ok := s.args[name]; ok {
		return v
	}
	return argValue{kind: argUnset}
}

// expand substitutes the global ARGs in word. When the result depends on a
// value that is not known statically, known is false and the unknown
// references are left as written. err reports a malformed substitution; the
// word is then returned unchanged and unknown.
func (s *argScope) expand(word string) (result string, known bool, err error) {
	if !strings.ContainsRune(word, '$') {
		// Fast path; still let the lexer strip quotes and escapes.
		if !strings.ContainsAny(word, `'"\`+"`") {
			return word, true, nil
		}
	}
	known, err = s.classify(word)
	if err != nil {
		return word, false, err
	}
	if known {
		result, _, err = s.lex.ProcessWord(word, s.known)
	} else {
		result, _, err = s.keep.ProcessWord(word, s.known)
	}
	if err != nil {
		return word, false, fmt.Errorf("expand %q: %w", word, err)
	}
	return result, known, nil
}

// knownEnv exposes the ARGs with a known value to buildkit's lexer.
type knownEnv struct{ s *argScope }

func (e knownEnv) Get(name string) (string, bool) {
	v := e.s.lookup(name)
	return v.value, v.kind == argKnown
}

func (e knownEnv) Keys() []string {
	var keys []string
	for k, v := range e.s.args {
		if v.kind == argKnown {
			keys = append(keys, k)
		}
	}
	return keys
}

// classify reports whether expanding word needs only known values. It walks
// the references in word as buildkit's lexer reads them: the escape token
// quotes the next character, single quotes are literal, and in
// ${name<op>word} the nested word matters only when the operator uses it.
func (s *argScope) classify(word string) (bool, error) {
	c := classifier{s: s, w: word}
	return c.run(0, false)
}

type classifier struct {
	s   *argScope
	w   string
	pos int
}

// run scans from the current position to the end of the word, or to the
// closing brace of a ${...} when inBrace. It reports whether every
// reference it met is known.
func (c *classifier) run(depth int, inBrace bool) (bool, error) {
	if depth > 64 {
		return false, fmt.Errorf("substitution nested too deeply")
	}
	esc := byte(c.s.escape)
	known := true
	inDouble := false
	for c.pos < len(c.w) {
		ch := c.w[c.pos]
		switch {
		case ch == esc:
			c.pos += 2
		case ch == '\'' && !inDouble:
			end := strings.IndexByte(c.w[c.pos+1:], '\'')
			if end < 0 {
				return false, fmt.Errorf("unterminated single quote")
			}
			c.pos += end + 2
		case ch == '"':
			inDouble = !inDouble
			c.pos++
		case ch == '}' && inBrace && !inDouble:
			c.pos++
			return known, nil
		case ch == '$':
			k, err := c.reference(depth)
			if err != nil {
				return false, err
			}
			known = known && k
		default:
			c.pos++
		}
	}
	if inBrace {
		return false, fmt.Errorf("missing '}'")
	}
	if inDouble {
		return false, fmt.Errorf("unterminated double quote")
	}
	return known, nil
}

// reference reads one $name or ${...} at the current position.
func (c *classifier) reference(depth int) (bool, error) {
	c.pos++ // $
	if c.pos >= len(c.w) {
		return true, nil
	}
	if c.w[c.pos] != '{' {
		name := c.name()
		if name == "" {
			return true, nil // a lone $ is literal
		}
		return c.s.lookup(name).kind == argKnown, nil
	}
	c.pos++ // {
	name := c.name()
	if name == "" {
		return false, fmt.Errorf("bad substitution")
	}
	if c.pos >= len(c.w) {
		return false, fmt.Errorf("missing '}'")
	}
	v := c.s.lookup(name)
	op := string(c.w[c.pos])
	if op == "}" {
		c.pos++
		return v.kind == argKnown, nil
	}
	c.pos++
	if op == ":" {
		if c.pos >= len(c.w) {
			return false, fmt.Errorf("missing '}'")
		}
		op += string(c.w[c.pos])
		c.pos++
	}
	// The nested word: does the result depend on it?
	var uses bool
	switch op {
	case "-", ":-":
		switch v.kind {
		case argUnset:
			uses = true
		case argKnown:
			uses = op == ":-" && v.value == ""
		}
	case "+", ":+":
		uses = v.kind == argKnown && (op == "+" || v.value != "")
	case "?", ":?":
		uses = false
	default: // #, %, /, and anything buildkit rejects
		uses = true
	}
	wordKnown, err := c.run(depth+1, true)
	if err != nil {
		return false, err
	}
	switch {
	case v.kind == argOpaque:
		return false, nil
	case v.kind == argUnset && op != "-" && op != ":-":
		return false, nil
	case uses:
		return wordKnown, nil
	}
	return true, nil
}

// name reads a variable name the way buildkit's lexer does: a run of
// digits, one special parameter character, or letters, digits and '_'.
func (c *classifier) name() string {
	start := c.pos
	r, size := utf8.DecodeRuneInString(c.w[c.pos:])
	switch {
	case unicode.IsDigit(r):
		for c.pos < len(c.w) {
			r, size = utf8.DecodeRuneInString(c.w[c.pos:])
			if !unicode.IsDigit(r) {
				break
			}
			c.pos += size
		}
		return c.w[start:c.pos]
	case strings.ContainsRune("@*#?-$!0", r):
		c.pos += size
		return c.w[start:c.pos]
	}
	for c.pos < len(c.w) {
		r, size = utf8.DecodeRuneInString(c.w[c.pos:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			break
		}
		c.pos += size
	}
	return c.w[start:c.pos]
}
