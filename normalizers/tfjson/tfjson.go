package tfjson

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/rampart-iac/rampart/normalizers"
)

// Format names, also the Kind of the documents each normalizer emits.
const (
	PlanName  = "terraform-plan"
	StateName = "terraform-state"
)

// Plan reads the JSON plan representation `terraform show -json` prints
// for a saved plan. It is stateless and safe for concurrent use.
type Plan struct{}

// State reads Terraform state files (format version 4, Terraform 0.12 and
// later). It is stateless and safe for concurrent use.
type State struct{}

var (
	_ normalizers.Normalizer = (*Plan)(nil)
	_ normalizers.Normalizer = (*State)(nil)
)

// NewPlan returns the "terraform-plan" normalizer.
func NewPlan() *Plan { return &Plan{} }

// NewState returns the "terraform-state" normalizer.
func NewState() *State { return &State{} }

// Name returns "terraform-plan".
func (*Plan) Name() string { return PlanName }

// Name returns "terraform-state".
func (*State) Name() string { return StateName }

// Normalize reads a plan into one document. A file that is not valid JSON
// or has an unsupported format_version yields no document and an error
// diagnostic. It never panics: a panic is reported as an error diagnostic.
func (*Plan) Normalize(ctx context.Context, f normalizers.File) ([]*normalizers.Document, []normalizers.Diagnostic) {
	return normalize(ctx, f, PlanName, planSkip, (*builder).readPlan)
}

// Normalize reads a state file into one document. A file that is not valid
// JSON or whose version is not 4 yields no document and an error
// diagnostic. It never panics: a panic is reported as an error diagnostic.
func (*State) Normalize(ctx context.Context, f normalizers.File) ([]*normalizers.Document, []normalizers.Diagnostic) {
	return normalize(ctx, f, StateName, stateSkip, (*builder).readState)
}

// planSkip selects the parts of a plan the normalizer does not read: the
// before and after values of resource changes (planned_values has the
// after values), drift, output changes and checks. They are still checked
// for syntax.
func planSkip(path []string) bool {
	switch len(path) {
	case 1:
		switch path[0] {
		case "resource_drift", "output_changes", "checks", "relevant_attributes",
			"deferred_changes", "action_invocations", "deferred_action_invocations":
			return true
		}
	case 4:
		if path[0] == "resource_changes" && path[2] == "change" {
			return path[3] != "after_unknown" && path[3] != "after_sensitive"
		}
	}
	return false
}

// stateSkip selects the parts of a state file the normalizer does not
// read: root outputs and check results.
func stateSkip(path []string) bool {
	return len(path) == 1 && (path[0] == "outputs" || path[0] == "check_results")
}

// builder collects the document and diagnostics of one file.
type builder struct {
	ctx   context.Context
	file  normalizers.File
	t     *tree
	doc   *normalizers.Document
	diags []normalizers.Diagnostic
	seen  map[string]int // address -> last suffix used
	// stopped is set once the context is done; readers check it between
	// resources.
	stopped bool
}

// normalize parses the file, leaving out what skip selects, and hands its
// top-level object to read. read returns false when the file cannot be read
// at all (no document).
func normalize(ctx context.Context, f normalizers.File, kind string, skip skipFunc, read func(*builder, val) bool) (docs []*normalizers.Document, diags []normalizers.Diagnostic) {
	b := &builder{
		ctx:  ctx,
		file: f,
		doc:  &normalizers.Document{Kind: kind, Path: f.Path, Extra: map[string]any{}},
		seen: make(map[string]int),
	}
	defer func() {
		if r := recover(); r != nil {
			b.diagnose(normalizers.SeverityError, 1, 0, fmt.Sprintf("internal error reading the file (please report): %v", r))
			docs, diags = nil, b.diags
		}
	}()
	root, t, warnings, err := parseJSONSkipping(f.Content, skip)
	if err != nil {
		line, col, msg := 1, 0, err.Error()
		if se, ok := err.(*syntaxError); ok {
			line, col, msg = se.Line, se.Column, se.Msg
		}
		b.diagnose(normalizers.SeverityError, line, col, "invalid JSON: "+msg)
		return nil, b.diags
	}
	b.t = t
	for _, w := range warnings {
		b.diagnose(normalizers.SeverityWarning, w.Line, w.Column, w.Msg)
	}
	top := val{v: root, n: 0}
	if _, ok := top.obj(); !ok {
		b.diagnose(normalizers.SeverityError, b.line(top), 0,
			fmt.Sprintf("the file holds %s, not a JSON object; not a Terraform %s", describe(root), what(kind)))
		return nil, b.diags
	}
	if !read(b, top) {
		return nil, b.diags
	}
	sort.SliceStable(b.doc.Resources, func(i, j int) bool {
		return b.doc.Resources[i].Location.StartLine < b.doc.Resources[j].Location.StartLine
	})
	sort.SliceStable(b.diags, func(i, j int) bool { return b.diags[i].Line < b.diags[j].Line })
	return []*normalizers.Document{b.doc}, b.diags
}

func what(kind string) string {
	if kind == PlanName {
		return "plan"
	}
	return "state file"
}

func (b *builder) diagnose(sev normalizers.Severity, line, col int, msg string) {
	b.diags = append(b.diags, normalizers.Diagnostic{
		Severity: sev,
		Path:     b.file.Path,
		Line:     line,
		Column:   col,
		Message:  msg,
	})
}

// warn reports a warning at the first line of x.
func (b *builder) warn(x val, format string, args ...any) {
	b.diagnose(normalizers.SeverityWarning, b.line(x), 0, fmt.Sprintf(format, args...))
}

// done reports whether the context is done, with an error diagnostic the
// first time.
func (b *builder) done(at val) bool {
	if b.stopped {
		return true
	}
	if err := b.ctx.Err(); err != nil {
		b.stopped = true
		b.diagnose(normalizers.SeverityError, b.line(at), 0, fmt.Sprintf("reading stopped: %v", err))
		return true
	}
	return false
}

// add appends a resource, making its address unique in the document.
func (b *builder) add(r *normalizers.Resource) {
	r.Address = b.unique(r.Address, r.Location.StartLine)
	b.doc.Resources = append(b.doc.Resources, r)
}

// unique returns addr, or addr with "#2", "#3", ... appended when the
// document already has it (with a warning; Terraform never writes the same
// address twice).
func (b *builder) unique(addr string, line int) string {
	n, taken := b.seen[addr]
	if !taken {
		b.seen[addr] = 1
		return addr
	}
	for {
		n++
		candidate := addr + "#" + strconv.Itoa(n)
		if _, used := b.seen[candidate]; !used {
			b.seen[addr] = n
			b.seen[candidate] = 1
			b.diagnose(normalizers.SeverityWarning, line, 0,
				fmt.Sprintf("address %s appears more than once; this one is named %s", addr, candidate))
			return candidate
		}
	}
}

// val is a decoded JSON value with its node in the line tree (-1 when it
// is not in the file).
type val struct {
	v any
	n int32
}

var missing = val{n: -1}

func (x val) obj() (map[string]any, bool) {
	m, ok := x.v.(map[string]any)
	return m, ok
}

func (x val) list() ([]any, bool) {
	l, ok := x.v.([]any)
	return l, ok
}

func (x val) str() string {
	s, _ := x.v.(string)
	return s
}

// exists reports whether x is present in the file.
func (x val) exists() bool { return x.n >= 0 }

// get returns member key of object x, or missing.
func (b *builder) get(x val, key string) val {
	m, ok := x.obj()
	if !ok {
		return missing
	}
	v, ok := m[key]
	if !ok {
		return missing
	}
	n, _ := b.t.child(x.n, key)
	return val{v: v, n: n}
}

// at returns element i of array x, or missing.
func (b *builder) at(x val, i int) val {
	l, ok := x.list()
	if !ok || i < 0 || i >= len(l) {
		return missing
	}
	n, _ := b.t.child(x.n, i)
	return val{v: l[i], n: n}
}

// members returns the members of object x in source order.
func (b *builder) members(x val) []member {
	m, ok := x.obj()
	if !ok || x.n < 0 {
		return nil
	}
	kids := b.t.children(x.n)
	out := make([]member, 0, len(kids))
	for _, k := range kids {
		key := b.t.key(k)
		out = append(out, member{key: key, val: val{v: m[key], n: k}})
	}
	return out
}

// member is one key and value of an object.
type member struct {
	key string
	val
}

// line returns the first line of x (1 when it is not in the file).
func (b *builder) line(x val) int {
	if x.n < 0 {
		return 1
	}
	return int(b.t.nodes[x.n].start)
}

// location returns the lines of x in the file.
func (b *builder) location(x val) normalizers.Location {
	loc := normalizers.Location{Path: b.file.Path, StartLine: 1, EndLine: 1}
	if x.n >= 0 {
		n := &b.t.nodes[x.n]
		loc.StartLine, loc.EndLine = int(n.start), int(n.end)
	}
	return loc
}

// index returns the line index of a config read from x, for a resource
// at whole.
func (b *builder) index(x val, whole normalizers.Location) *lineIndex {
	return &lineIndex{t: b.t, root: x.n, whole: whole}
}

// describe names the type of a JSON value for a diagnostic.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return fmt.Sprintf("a string (%q)", v)
	case bool:
		return "a boolean"
	case int64, float64:
		return "a number"
	case []any:
		return "an array"
	}
	return "an object"
}
