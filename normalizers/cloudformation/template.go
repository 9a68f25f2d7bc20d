package cloudformation

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/yamltree"
)

// maxNodes bounds the values one template may expand to (alias bombs); 0
// means yamltree.DefaultMaxNodes. Tests lower it.
var maxNodes = 0

// samTransform is the transform that marks a SAM template.
const samTransform = "AWS::Serverless-2016-10-31"

// section is a top-level mapping of a template and its position.
type section struct {
	m   map[string]any
	pos pos
}

// at returns the position of the member name.
func (sec section) at(name string) pos { return sec.pos.keyIn(name, len(sec.m)) }

// template is one parsed template file, before evaluation. It is read-only
// once parsed, so one file instantiated by several nested stacks is shared.
type template struct {
	path  string
	ok    bool // the file parsed into a mapping
	diags []normalizers.Diagnostic
	root  map[string]any
	pos   pos

	transforms []any
	sam        bool
	resources  section
	order      []string // logical ids of Resources in source order
	parameters section
	conditions section
	mappings   section
	outputs    section
	globals    section
}

// parseTemplate parses a template file. Problems are recorded in diags; a
// file that does not parse has ok false.
func parseTemplate(f normalizers.File) *template {
	t := &template{path: f.Path}
	format := "YAML"
	if strings.EqualFold(path.Ext(f.Path), ".json") {
		format = "JSON"
	}
	stream := yamltree.Parse(f.Content)
	if len(stream.Documents) == 0 {
		t.diagnose(normalizers.SeverityError, 1, 0, "empty template")
		return t
	}
	d := stream.Documents[0]
	for _, extra := range stream.Documents[1:] {
		t.diagnose(normalizers.SeverityWarning, extra.StartLine, 0, "a template is one YAML document; this document is ignored")
	}
	if d.Err != nil {
		t.fail(d.Err, d.StartLine, "malformed "+format)
		return t
	}
	yaml11Bools(d.Root)
	opts := yamltree.Options{
		MaxNodes: maxNodes,
		TagFunc: tagFunc(func(line, col int, msg string) {
			t.diagnose(normalizers.SeverityWarning, line, col, msg)
		}),
		DuplicateKey: func(key string, first, dup *yaml.Node) {
			msg := fmt.Sprintf("duplicate key %q; the last value is used", key)
			if first != nil {
				msg = fmt.Sprintf("duplicate key %q (first at line %d); the last value is used", key, first.Line)
			}
			t.diagnose(normalizers.SeverityWarning, dup.Line, dup.Column, msg)
		},
	}
	v, ix, err := d.Convert(opts)
	if err != nil {
		t.fail(err, d.StartLine, "cannot read template")
		return t
	}
	root, ok := v.(map[string]any)
	t.pos = posOf(ix.WithPath(f.Path))
	if !ok {
		t.diagnose(normalizers.SeverityError, d.StartLine, 0, fmt.Sprintf("a template is a mapping, not %s", describe(v)))
		return t
	}
	t.ok, t.root = true, root
	t.readTransforms()
	t.resources = t.section("Resources", true)
	t.parameters = t.section("Parameters", false)
	t.conditions = t.section("Conditions", false)
	t.mappings = t.section("Mappings", false)
	t.outputs = t.section("Outputs", false)
	t.globals = t.section("Globals", false)
	t.order = make([]string, 0, len(t.resources.m))
	line := make(map[string]int, len(t.resources.m))
	for id := range t.resources.m {
		t.order = append(t.order, id)
		line[id] = t.resources.at(id).line()
	}
	sort.Slice(t.order, func(i, j int) bool {
		a, b := t.order[i], t.order[j]
		if line[a] != line[b] {
			return line[a] < line[b]
		}
		return a < b
	})
	return t
}

// section returns the top-level mapping name; a value of another type is
// reported and ignored.
func (t *template) section(name string, required bool) section {
	p := t.pos.key(name)
	v, present := t.root[name]
	switch m, ok := v.(map[string]any); {
	case ok:
		return section{m: m, pos: p}
	case !present && required:
		t.diagnose(normalizers.SeverityWarning, t.pos.line(), 0, "template has no Resources section")
	case present && v != nil:
		t.diagnose(normalizers.SeverityWarning, p.line(), 0, fmt.Sprintf("%s is %s, not a mapping; ignored", name, describe(v)))
	}
	return section{m: map[string]any{}, pos: p}
}

// readTransforms reads the Transform section: a name or a list of names.
func (t *template) readTransforms() {
	switch v := t.root["Transform"].(type) {
	case nil:
	case []any:
		t.transforms = v
	default:
		t.transforms = []any{v}
	}
	for _, tr := range t.transforms {
		if transformName(tr) == samTransform {
			t.sam = true
		}
	}
}

// fail reports an error of the parser or the converter.
func (t *template) fail(err error, line int, what string) {
	line, col, msg := yamltree.Position(err, line)
	t.diagnose(normalizers.SeverityError, line, col, fmt.Sprintf("%s: %s", what, msg))
}

// diagnose records a problem of the file.
func (t *template) diagnose(sev normalizers.Severity, line, col int, msg string) {
	t.diags = append(t.diags, normalizers.Diagnostic{Severity: sev, Path: t.path, Line: line, Column: col, Message: msg})
}

// yaml11Bools marks the plain scalar values yes/no and on/off (lower, title
// and upper case) as booleans, as CloudFormation's YAML 1.1 reader does
// (unlike yamltree's YAML11Bools, y and n stay strings, and mapping keys
// are left alone).
func yaml11Bools(n *yaml.Node) {
	if n == nil {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Style != 0 || (n.Tag != "" && n.Tag != "!!str") {
			return
		}
		switch n.Value {
		case "yes", "Yes", "YES", "on", "On", "ON":
			n.Tag, n.Value = "!!bool", "true"
		case "no", "No", "NO", "off", "Off", "OFF":
			n.Tag, n.Value = "!!bool", "false"
		}
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			yaml11Bools(n.Content[i])
		}
	default:
		for _, c := range n.Content {
			yaml11Bools(c)
		}
	}
}
