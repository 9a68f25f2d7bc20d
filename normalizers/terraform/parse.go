package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
)

// maxNesting bounds how deeply the expressions of a file may nest, counting
// brackets, template directives and the operators of one operand chain.
// HCL's parser and evaluator recurse once per level, so an input nested
// millions of levels deep would exhaust the stack, which Go cannot recover
// from. Real configurations stay below 50.
const maxNesting = 500

// file is one parsed configuration file.
type file struct {
	path string // display path
	src  []byte
	json bool
	body hcl.Body
	// broken is set when the file has syntax errors; its body is then
	// empty.
	broken bool
}

// isJSONName reports whether the file name is JSON syntax (.tf.json,
// .tfvars.json).
func isJSONName(name string) bool {
	return strings.HasSuffix(name, ".json")
}

// parseFile parses HCL native or JSON syntax, after checking that the
// input does not nest deeper than maxNesting. The returned body is never
// nil.
func parseFile(name string, src []byte) (*file, hcl.Diagnostics) {
	f := &file{path: name, src: src, json: isJSONName(name)}
	var diags hcl.Diagnostics
	if f.json {
		diags = checkJSONNesting(name, src)
	} else {
		diags = checkNesting(name, src, false)
	}
	if diags.HasErrors() {
		f.broken = true
		f.body = hcl.EmptyBody()
		return f, diags
	}
	var hf *hcl.File
	if f.json {
		hf, diags = hcljson.Parse(src, name)
	} else {
		hf, diags = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	}
	// A file with syntax errors is not evaluated at all: what HCL
	// recovers around an error can hold truncated values (a string cut at
	// the error, an argument missing) that would mislead rules. The
	// module's other files still are.
	f.broken = diags.HasErrors()
	if f.broken || hf == nil || hf.Body == nil {
		f.body = hcl.EmptyBody()
	} else {
		f.body = hf.Body
	}
	return f, diags
}

// nestingOps are the operators that deepen the syntax tree of an operand
// chain ("a + b + c" is ((a + b) + c)).
var nestingOps = map[hclsyntax.TokenType]bool{
	hclsyntax.TokenStar: true, hclsyntax.TokenSlash: true, hclsyntax.TokenPlus: true,
	hclsyntax.TokenMinus: true, hclsyntax.TokenPercent: true, hclsyntax.TokenEqualOp: true,
	hclsyntax.TokenNotEqual: true, hclsyntax.TokenLessThan: true, hclsyntax.TokenLessThanEq: true,
	hclsyntax.TokenGreaterThan: true, hclsyntax.TokenGreaterThanEq: true, hclsyntax.TokenAnd: true,
	hclsyntax.TokenOr: true, hclsyntax.TokenBang: true, hclsyntax.TokenQuestion: true,
	hclsyntax.TokenDot: true,
}

// checkNesting lexes src (a configuration, or a template when template is
// set) and reports an error when its nesting exceeds maxNesting.
func checkNesting(name string, src []byte, template bool) hcl.Diagnostics {
	var tokens hclsyntax.Tokens
	if template {
		tokens, _ = hclsyntax.LexTemplate(src, name, hcl.InitialPos)
	} else {
		tokens, _ = hclsyntax.LexConfig(src, name, hcl.InitialPos)
	}
	type frame struct {
		open hclsyntax.TokenType
		ops  int
	}
	stack := []frame{{open: hclsyntax.TokenOBrace}}
	sum := 0
	control := false // the previous token opened a template directive
	for _, tok := range tokens {
		top := &stack[len(stack)-1]
		push := false
		switch tok.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
			hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc, hclsyntax.TokenTemplateInterp:
			push = true
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
			hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
			if len(stack) > 1 && !(tok.Type == hclsyntax.TokenTemplateSeqEnd && top.open == hclsyntax.TokenTemplateControl) {
				sum -= top.ops
				stack = stack[:len(stack)-1]
			}
		case hclsyntax.TokenIdent:
			if control {
				switch string(tok.Bytes) {
				case "if", "for":
					push = true
				case "endif", "endfor":
					if len(stack) > 1 && stack[len(stack)-1].open == hclsyntax.TokenTemplateControl {
						sum -= stack[len(stack)-1].ops
						stack = stack[:len(stack)-1]
					}
				}
			}
		case hclsyntax.TokenComma:
			sum -= top.ops
			top.ops = 0
		case hclsyntax.TokenNewline:
			if top.open == hclsyntax.TokenOBrace {
				sum -= top.ops
				top.ops = 0
			}
		default:
			if nestingOps[tok.Type] {
				top.ops++
				sum++
			}
		}
		if push {
			open := tok.Type
			if tok.Type == hclsyntax.TokenIdent {
				open = hclsyntax.TokenTemplateControl
			}
			stack = append(stack, frame{open: open})
		}
		control = tok.Type == hclsyntax.TokenTemplateControl
		if len(stack)+sum > maxNesting {
			return hcl.Diagnostics{{
				Severity: hcl.DiagError,
				Summary:  "Expression nested too deeply",
				Detail:   fmt.Sprintf("This file nests expressions more than %d levels deep; it is not read.", maxNesting),
				Subject:  tok.Range.Ptr(),
			}}
		}
	}
	return nil
}

// checkJSONNesting reports an error when the JSON document src nests
// deeper than maxNesting, counting the templates inside its strings.
func checkJSONNesting(name string, src []byte) hcl.Diagnostics {
	depth, line, col := 0, 1, 1
	fail := func(what string) hcl.Diagnostics {
		pos := hcl.Pos{Line: line, Column: col}
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Expression nested too deeply",
			Detail:   fmt.Sprintf("This file nests %s more than %d levels deep; it is not read.", what, maxNesting),
			Subject:  &hcl.Range{Filename: name, Start: pos, End: pos},
		}}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '\n':
			line++
			col = 0
		case '{', '[':
			depth++
			if depth > maxNesting {
				return fail("JSON values")
			}
		case '}', ']':
			depth--
		case '"':
			end := i + 1
			for end < len(src) && src[end] != '"' {
				if src[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(src) {
				return nil // the parser reports the unterminated string
			}
			raw := src[i : end+1]
			if bytes.Contains(raw, []byte("${")) || bytes.Contains(raw, []byte("%{")) {
				var s string
				if json.Unmarshal(raw, &s) == nil && checkNesting(name, []byte(s), true).HasErrors() {
					return fail("templates")
				}
			}
			for _, b := range raw {
				if b == '\n' {
					line++
				}
			}
			col += end - i
			i = end
		}
		col++
	}
	return nil
}
