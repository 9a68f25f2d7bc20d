package dockerfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

const (
	// maxLineLen is the longest line buildkit's parser accepts: its line
	// scanner holds at most 64 KiB including the line feed.
	maxLineLen = 64*1024 - 1
	// maxRecoveries bounds how many unparsable instructions are skipped
	// before the file is given up on; each one costs a re-parse.
	maxRecoveries = 64
)

// errNoInstructions is the message of buildkit's error for a file that holds
// only comments and blank lines.
const errNoInstructions = "file with no instructions"

// parsed is a Dockerfile read by buildkit's parser.
type parsed struct {
	// ast is the parser's root; its children are the instructions. It is
	// nil when the file has no instructions.
	ast *parser.Node
	// escape is the escape token in effect (\ or `).
	escape rune
	// directives maps a parser directive's name (syntax, escape, check) to
	// its value.
	directives map[string]string
}

// source is the text of a Dockerfile as a list of lines, so that lines
// can be blanked out without renumbering the rest.
type source struct {
	lines [][]byte // each line without its line feed
	final bool     // whether the text ends with a line feed
}

func newSource(content []byte) *source {
	content = bytes.TrimPrefix(content, []byte("\xEF\xBB\xBF"))
	content = bytes.ReplaceAll(content, []byte("\r\n"), []byte("\n"))
	s := &source{final: bytes.HasSuffix(content, []byte("\n"))}
	if s.final {
		content = content[:len(content)-1]
	}
	if len(content) > 0 || s.final {
		s.lines = bytes.Split(content, []byte("\n"))
	}
	return s
}

// blank empties lines first..last (1-based, inclusive, clamped).
func (s *source) blank(first, last int) {
	first = max(first, 1)
	last = min(last, len(s.lines))
	for i := first; i <= last; i++ {
		s.lines[i-1] = nil
	}
}

func (s *source) bytes() []byte {
	n := len(s.lines)
	for _, l := range s.lines {
		n += len(l)
	}
	b := make([]byte, 0, n)
	for i, l := range s.lines {
		b = append(b, l...)
		if i < len(s.lines)-1 || s.final {
			b = append(b, '\n')
		}
	}
	return b
}

// parse reads a Dockerfile with buildkit's parser. A line the parser cannot
// read (an over-long line, a repeated or invalid parser directive, an
// instruction it rejects, an unterminated heredoc) becomes an error
// diagnostic, its lines are blanked and the file is parsed again, so one bad
// instruction does not hide the rest of the file. parse returns an error only
// when the file cannot be read at all; diags then already hold the reason.
func parse(ctx context.Context, path string, content []byte) (*parsed, []diag, error) {
	src := newSource(content)
	var diags []diag
	for i, l := range src.lines {
		if len(l) > maxLineLen {
			diags = append(diags, diag{line: i + 1, msg: fmt.Sprintf("line is %d bytes long, longer than the %d bytes buildkit reads; line skipped", len(l), maxLineLen)})
			src.blank(i+1, i+1)
		}
	}
	directives, ddiags := scanDirectives(src)
	diags = append(diags, ddiags...)

	for range maxRecoveries + 1 {
		if err := ctx.Err(); err != nil {
			diags = append(diags, diag{msg: fmt.Sprintf("not read: %v", err)})
			return nil, diags, fmt.Errorf("parse %s: %w", path, err)
		}
		res, err := parser.Parse(bytes.NewReader(src.bytes()))
		if err == nil {
			return &parsed{ast: res.AST, escape: res.EscapeToken, directives: directives}, diags, nil
		}
		msg := err.Error()
		var le *parser.LocationError
		if errors.As(err, &le) && le.Unwrap() != nil {
			msg = le.Unwrap().Error()
		}
		if msg == errNoInstructions {
			// Only comments and blank lines are left (possibly after skipping
			// broken instructions): an empty but well-formed result.
			return &parsed{escape: escapeOf(directives), directives: directives}, diags, nil
		}
		first, last := errorLines(err)
		if first < 1 || first > len(src.lines) {
			diags = append(diags, diag{msg: "parse error: " + msg})
			return nil, diags, fmt.Errorf("parse %s: %w", path, err)
		}
		diags = append(diags, diag{line: first, msg: "parse error: " + msg + "; instruction skipped"})
		src.blank(first, last)
	}
	diags = append(diags, diag{msg: fmt.Sprintf("more than %d instructions fail to parse; file skipped", maxRecoveries)})
	return nil, diags, fmt.Errorf("parse %s: too many parse errors", path)
}

// errorLines returns the first and last line of a buildkit parse error's
// location, or zeros when it has none.
func errorLines(err error) (first, last int) {
	var le *parser.LocationError
	if !errors.As(err, &le) {
		return 0, 0
	}
	for _, ranges := range le.Locations {
		if len(ranges) == 0 {
			continue
		}
		first, last = ranges[0].Start.Line, ranges[len(ranges)-1].End.Line
		return first, max(first, last)
	}
	return 0, 0
}

// scanDirectives reads the parser directives at the top of the file the way
// buildkit's parser does. A directive the parser would reject (a repeated
// one, an escape token other than \ or `) is reported here, because buildkit
// reports such errors one line too early, and dropped: the directives after
// it move up and blank lines take their place, so that they still count as
// directives and no instruction changes line.
func scanDirectives(src *source) (map[string]string, []diag) {
	directives := map[string]string{}
	var diags []diag
	header := 0
	var kept [][]byte
	for i, l := range src.lines {
		// A fresh parser per line recognises a directive line without
		// tracking repeats: a rejected directive must not count as seen.
		var dp parser.DirectiveParser
		d, err := dp.ParseLine(bytes.TrimLeftFunc(l, unicode.IsSpace))
		if err != nil || d == nil {
			break
		}
		header = i + 1
		switch _, seen := directives[d.Name]; {
		case seen:
			diags = append(diags, diag{line: i + 1, msg: fmt.Sprintf("parser directive: only one %s parser directive can be used; directive ignored", d.Name)})
		case d.Name == "escape" && d.Value != `\` && d.Value != "`":
			diags = append(diags, diag{line: i + 1, msg: fmt.Sprintf("parser directive: invalid escape token %q, must be ` or \\; directive ignored", d.Value)})
		default:
			directives[d.Name] = d.Value
			kept = append(kept, l)
		}
	}
	if len(kept) < header {
		copy(src.lines, kept)
		src.blank(len(kept)+1, header)
	}
	return directives, diags
}

func escapeOf(directives map[string]string) rune {
	if v := directives["escape"]; v != "" {
		return rune(v[0])
	}
	return parser.DefaultEscapeToken
}

// nodeArgs returns the arguments of an instruction node as buildkit's
// parser split them. For ONBUILD the trigger's command word comes first.
func nodeArgs(n *parser.Node) []string {
	var args []string
	for a := n.Next; a != nil; a = a.Next {
		if len(a.Children) > 0 {
			sub := a.Children[0]
			args = append(args, sub.Value)
			args = append(args, nodeArgs(sub)...)
			continue
		}
		args = append(args, a.Value)
	}
	return args
}

// isKnownInstruction reports whether cmd (lower case) is a Dockerfile
// instruction.
func isKnownInstruction(cmd string) bool {
	_, ok := knownInstructions[cmd]
	return ok
}

// instructionNames are the Dockerfile instructions, sorted.
var instructionNames = []string{
	"add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from",
	"healthcheck", "label", "maintainer", "onbuild", "run", "shell",
	"stopsignal", "user", "volume", "workdir",
}

var knownInstructions = func() map[string]struct{} {
	m := make(map[string]struct{}, len(instructionNames))
	for _, n := range instructionNames {
		m[n] = struct{}{}
	}
	return m
}()

// lower returns s in lower case; instructions are ASCII words.
func lower(s string) string { return strings.ToLower(s) }
