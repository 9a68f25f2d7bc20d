package dockerfile

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/rampart-iac/rampart/normalizers"
)

// diag is a diagnostic before the file's path is attached.
type diag struct {
	line    int
	msg     string
	warning bool
}

// builder turns a parsed Dockerfile into a document.
type builder struct {
	path   string
	words  *shell.Lex // removes quotes and escapes from ENV/LABEL/ARG words
	scope  *argScope
	diags  []diag
	args   []any // document extra "args"
	stages []*stage
	addrs  map[string]int    // address → how many stages asked for it
	named  map[string]*stage // lower-case name → latest stage of that name
}

// stage is one build stage being assembled.
type stage struct {
	res          *normalizers.Resource
	name         string
	instructions []any
	lines        *stageLines
}

// emptyEnv is an environment without variables, so that the lexer only
// removes quotes and escapes and leaves references as written.
type emptyEnv struct{}

func (emptyEnv) Get(string) (string, bool) { return "", false }
func (emptyEnv) Keys() []string            { return nil }

func build(path string, p *parsed) (*normalizers.Document, []diag) {
	b := &builder{
		path:  path,
		words: shell.NewLex(p.escape),
		scope: newArgScope(p.escape),
		addrs: map[string]int{},
		named: map[string]*stage{},
		args:  []any{},
	}
	b.words.SkipUnsetEnv = true

	var nodes []*parser.Node
	if p.ast != nil {
		nodes = p.ast.Children
	}
	hasFrom := false
	for _, n := range nodes {
		if lower(n.Value) == "from" {
			hasFrom = true
			break
		}
	}
	for _, n := range nodes {
		b.node(n, hasFrom)
	}
	switch {
	case len(nodes) == 0:
		b.diags = append(b.diags, diag{warning: true, msg: "file has no instructions"})
	case !hasFrom:
		line := nodes[0].StartLine
		for _, n := range nodes {
			if lower(n.Value) != "arg" {
				line = n.StartLine
				break
			}
		}
		b.diags = append(b.diags, diag{line: line, msg: "no FROM instruction: the file declares no build stage"})
	}

	doc := &normalizers.Document{
		Kind: Kind,
		Path: path,
		Extra: map[string]any{
			"args":       b.args,
			"stages":     b.stageNames(),
			"directives": directivesValue(p.directives),
		},
	}
	for i, s := range b.stages {
		s.res.Config["final"] = i == len(b.stages)-1
		s.res.Config["instructions"] = s.instructions
		doc.Resources = append(doc.Resources, s.res)
	}
	return doc, b.diags
}

func (b *builder) stageNames() []any {
	names := make([]any, 0, len(b.stages))
	for _, s := range b.stages {
		names = append(names, s.name)
	}
	return names
}

func directivesValue(d map[string]string) map[string]any {
	m := make(map[string]any, len(d))
	for k, v := range d {
		m[k] = v
	}
	return m
}

// node handles one top-level instruction.
func (b *builder) node(n *parser.Node, hasFrom bool) {
	cmd := lower(n.Value)
	err := checkInstruction(n)
	if err != nil {
		msg := err.Error()
		if isKnownInstruction(cmd) {
			msg = fmt.Sprintf("invalid %s instruction: %s", strings.ToUpper(cmd), msg)
		}
		b.diags = append(b.diags, diag{line: n.StartLine, msg: msg})
	}
	switch {
	case cmd == "from":
		b.newStage(n)
	case len(b.stages) == 0 && cmd == "arg":
		b.globalArg(n)
	case len(b.stages) == 0:
		if err == nil && hasFrom {
			b.diags = append(b.diags, diag{line: n.StartLine, msg: fmt.Sprintf("%s before the first FROM: only ARG may come before FROM; instruction ignored", strings.ToUpper(cmd))})
		}
	default:
		b.addInstruction(b.stages[len(b.stages)-1], n)
	}
}

// globalArg records an ARG before the first FROM in the document extras and
// in the scope used to evaluate base images.
func (b *builder) globalArg(n *parser.Node) {
	for _, word := range nodeArgs(n) {
		key, raw, hasValue := strings.Cut(word, "=")
		key = b.unquote(n, key)
		var pairValue any
		var value *string
		if hasValue {
			pairValue = b.unquote(n, raw)
			value = &raw
		}
		b.args = append(b.args, map[string]any{"key": key, "value": pairValue})
		if key == "" {
			continue
		}
		if err := b.scope.declare(key, value); err != nil {
			b.diags = append(b.diags, diag{line: n.StartLine, warning: true, msg: fmt.Sprintf("cannot evaluate default of ARG %s: %v", key, err)})
		}
	}
}

// newStage starts a build stage at a FROM instruction.
func (b *builder) newStage(n *parser.Node) {
	index := len(b.stages)
	args := nodeArgs(n)
	base := ""
	if len(args) > 0 {
		base = args[0]
	}
	name := ""
	if len(args) == 3 && strings.EqualFold(args[1], "as") {
		name = lower(args[2])
	}
	platform := ""
	for _, f := range n.Flags {
		if v, ok := strings.CutPrefix(f, "--platform="); ok {
			platform = v
		}
	}

	res := &normalizers.Resource{
		Address:  b.address(name, index, n.StartLine),
		Type:     "stage",
		Provider: "docker",
		Location: normalizers.Location{Path: b.path, StartLine: n.StartLine, EndLine: n.EndLine},
	}
	baseImage, known, err := b.scope.expand(base)
	if err != nil {
		b.diags = append(b.diags, diag{line: n.StartLine, warning: true, msg: fmt.Sprintf("cannot evaluate base image %q: %v", base, err)})
	}
	fromStage := false
	image := map[string]any{}
	if known {
		if target := b.stageByName(baseImage); target != nil {
			fromStage = true
			res.References = map[string][]string{"base_image": {target.res.Address}}
		}
	} else {
		res.Unknown = []string{"base_image", "image", "from_stage"}
	}
	if !fromStage {
		image = splitImage(baseImage).value()
	}
	res.Config = map[string]any{
		"index":        int64(index),
		"name":         name,
		"base_image":   baseImage,
		"image":        image,
		"from_stage":   fromStage,
		"platform":     platform,
		"final":        false,
		"instructions": []any{},
	}
	s := &stage{
		res:          res,
		name:         name,
		instructions: []any{},
		lines: &stageLines{
			path: b.path,
			from: normalizers.Location{Path: b.path, StartLine: n.StartLine, EndLine: n.EndLine},
		},
	}
	res.Lines = s.lines
	b.stages = append(b.stages, s)
	if name != "" {
		b.named[name] = s
	}
}

// address returns a unique address for a stage: stage.<name> or
// stage[<index>], with #2, #3, ... appended to a repeated one.
func (b *builder) address(name string, index, line int) string {
	addr := fmt.Sprintf("stage[%d]", index)
	if name != "" {
		addr = "stage." + name
		if b.named[name] != nil {
			b.diags = append(b.diags, diag{line: line, warning: true, msg: fmt.Sprintf("duplicate stage name %q: references resolve to the latest stage of that name", name)})
		}
	}
	unique := addr
	for b.addrs[unique] > 0 {
		b.addrs[addr]++
		unique = addr + "#" + strconv.Itoa(b.addrs[addr])
	}
	b.addrs[unique]++
	return unique
}

// stageByName returns the latest stage so far named name (case-insensitive),
// the one buildkit resolves a reference to.
func (b *builder) stageByName(name string) *stage {
	if name == "" {
		return nil
	}
	return b.named[lower(name)]
}

// stageRef resolves a COPY --from or RUN --mount from= value: an earlier
// stage's name or index. It returns nil for an image name.
func (b *builder) stageRef(ref string) *stage {
	if i, err := strconv.Atoi(ref); err == nil {
		if i >= 0 && i < len(b.stages)-1 {
			return b.stages[i]
		}
		return nil
	}
	// The current stage is last; only earlier ones can be referenced.
	if t := b.stageByName(ref); t != nil && t != b.stages[len(b.stages)-1] {
		return t
	}
	return nil
}

// addInstruction appends an instruction to stage s.
func (b *builder) addInstruction(s *stage, n *parser.Node) {
	i := len(s.instructions)
	s.instructions = append(s.instructions, b.instruction(n, n.Heredocs, true))
	s.lines.instructions = append(s.lines.instructions, normalizers.Location{Path: b.path, StartLine: n.StartLine, EndLine: n.EndLine})
	if n.EndLine > s.res.Location.EndLine {
		s.res.Location.EndLine = n.EndLine
	}
	if targets := b.stageRefs(n); len(targets) > 0 {
		if s.res.References == nil {
			s.res.References = map[string][]string{}
		}
		s.res.References[fmt.Sprintf("instructions[%d]", i)] = targets
	}
}

// stageRefs returns the addresses of the earlier stages an instruction
// reads from: COPY --from=<stage> and RUN --mount=...,from=<stage>.
func (b *builder) stageRefs(n *parser.Node) []string {
	var refs []string
	add := func(ref string) {
		if t := b.stageRef(ref); t != nil {
			refs = append(refs, t.res.Address)
		}
	}
	switch lower(n.Value) {
	case "copy":
		for _, f := range n.Flags {
			if v, ok := strings.CutPrefix(f, "--from="); ok {
				add(v)
			}
		}
	case "run":
		for _, f := range n.Flags {
			v, ok := strings.CutPrefix(f, "--mount=")
			if !ok {
				continue
			}
			fields, err := csvFields(v)
			if err != nil {
				continue
			}
			for _, field := range fields {
				if key, value, ok := strings.Cut(field, "="); ok && strings.EqualFold(key, "from") {
					add(value)
				}
			}
		}
	}
	return refs
}

// instruction returns the config value of one instruction. withLines adds
// start_line and end_line (an ONBUILD trigger shares its parent's).
func (b *builder) instruction(n *parser.Node, heredocs []parser.Heredoc, withLines bool) map[string]any {
	cmd := lower(n.Value)
	m := map[string]any{
		"cmd":      cmd,
		"original": strings.TrimSpace(n.Original),
		"value":    b.values(n, cmd),
		"flags":    stringList(n.Flags),
		"json":     n.Attributes["json"],
		"heredocs": heredocList(heredocs),
	}
	if withLines {
		m["start_line"] = int64(n.StartLine)
		m["end_line"] = int64(n.EndLine)
	}
	switch cmd {
	case "env", "label":
		m["pairs"] = b.keyValuePairs(n)
	case "arg":
		m["pairs"] = b.argPairs(n)
	case "onbuild":
		if withLines && n.Next != nil && len(n.Next.Children) > 0 {
			m["trigger"] = b.instruction(n.Next.Children[0], heredocs, false)
		}
	}
	return m
}

// values returns an instruction's arguments as buildkit's parser split them,
// except that ENV and LABEL give one "key=value" string per pair (the parser
// keeps them as key, value, separator triples) and an ONBUILD gives its
// trigger's command word followed by the trigger's values.
func (b *builder) values(n *parser.Node, cmd string) []any {
	switch {
	case !isKnownInstruction(cmd):
		return []any{}
	case cmd == "env" || cmd == "label":
		args := nodeArgs(n)
		out := make([]any, 0, len(args)/3)
		for i := 0; i+1 < len(args); i += 3 {
			out = append(out, args[i]+"="+args[i+1])
		}
		return out
	case cmd == "onbuild":
		if n.Next == nil || len(n.Next.Children) == 0 {
			return []any{}
		}
		sub := n.Next.Children[0]
		return append([]any{sub.Value}, b.values(sub, lower(sub.Value))...)
	}
	return stringList(nodeArgs(n))
}

// keyValuePairs returns the pairs of an ENV or LABEL with quotes and escapes
// removed as buildkit does; variable references are left as written.
func (b *builder) keyValuePairs(n *parser.Node) []any {
	args := nodeArgs(n)
	pairs := make([]any, 0, len(args)/3)
	for i := 0; i+1 < len(args); i += 3 {
		pairs = append(pairs, map[string]any{
			"key":   b.unquote(n, args[i]),
			"value": b.unquote(n, args[i+1]),
		})
	}
	return pairs
}

// argPairs returns the pairs of an ARG; value is nil without a default.
func (b *builder) argPairs(n *parser.Node) []any {
	args := nodeArgs(n)
	pairs := make([]any, 0, len(args))
	for _, word := range args {
		key, raw, hasValue := strings.Cut(word, "=")
		var value any
		if hasValue {
			value = b.unquote(n, raw)
		}
		pairs = append(pairs, map[string]any{"key": b.unquote(n, key), "value": value})
	}
	return pairs
}

// unquote removes quotes and escapes from word as buildkit does when it
// expands ENV, LABEL and ARG, without substituting variables. A word the
// lexer rejects is returned as written, with a warning.
func (b *builder) unquote(n *parser.Node, word string) string {
	if !strings.ContainsAny(word, `'"$\`+"`") {
		return word
	}
	out, _, err := b.words.ProcessWord(word, emptyEnv{})
	if err != nil {
		b.diags = append(b.diags, diag{line: n.StartLine, warning: true, msg: fmt.Sprintf("%s: %v; value kept as written", strings.ToUpper(lower(n.Value)), err)})
		return word
	}
	return out
}

func stringList(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// heredocList returns heredocs as {"name", "content"} objects; the content of
// a <<- heredoc has its leading tabs removed, as in a build.
func heredocList(hs []parser.Heredoc) []any {
	out := make([]any, len(hs))
	for i, h := range hs {
		content := h.Content
		if h.Chomp {
			content = parser.ChompHeredocContent(content)
		}
		out[i] = map[string]any{"name": h.Name, "content": content}
	}
	return out
}
