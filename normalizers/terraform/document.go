package terraform

import (
	"sort"
	"strconv"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/normalizers"
)

// minBudget is the least number of resources and module instances one
// document may expand to; the budget is ten times MaxInstances when that
// is more.
const minBudget = 100_000

// docState is what the instances of one document share.
type docState struct {
	rootDir string
	// depth counts nested lazy evaluations (locals, module calls).
	depth      int
	modules    []map[string]any
	overBudget bool
}

// document evaluates the root module in dir with the modules it calls.
func (r *run) document(dir string) *normalizers.Document {
	r.budget = max(minBudget, 10*r.opts.MaxInstances)
	doc := &normalizers.Document{Kind: Name, Path: dir, Extra: map[string]any{"modules": []any{}, "variables": map[string]any{}}}
	cfg := r.module(dir)
	if cfg == nil {
		return doc
	}
	st := &docState{rootDir: dir}
	vars := r.rootVariables(cfg)
	root := newInstance(r, st, cfg, "", "", []string{dir}, vars)
	root.run()
	doc.Resources = uniqueAddresses(root.resources)
	variables := map[string]any{}
	names := make([]string, 0, len(vars))
	for name := range vars {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		var unknown []string
		if v, ok := plain(vars[name], attrPath{name}, &unknown); ok {
			variables[name] = v
		}
	}
	doc.Extra["variables"] = variables
	if st.modules != nil {
		sort.SliceStable(st.modules, func(i, j int) bool {
			return st.modules[i]["address"].(string) < st.modules[j]["address"].(string)
		})
		list := make([]any, len(st.modules))
		for i, e := range st.modules {
			list[i] = e
		}
		doc.Extra["modules"] = list
	}
	return doc
}

// uniqueAddresses renames repeated addresses (only invalid configurations
// repeat them, such as two provider blocks without alias) by appending
// "#2", "#3", ...
func uniqueAddresses(rs []*normalizers.Resource) []*normalizers.Resource {
	seen := make(map[string]bool, len(rs))
	for _, r := range rs {
		if !seen[r.Address] {
			seen[r.Address] = true
			continue
		}
		for n := 2; ; n++ {
			addr := r.Address + "#" + strconv.Itoa(n)
			if !seen[addr] {
				r.Address = addr
				seen[addr] = true
				break
			}
		}
	}
	return rs
}

// roots returns the root modules among the scanned directories: those no
// other scanned directory calls through a local source. Directories only
// reachable through a cycle of calls become roots too, so that every
// scanned file is evaluated at least once.
func (r *run) roots(dirs []string) []string {
	calls := map[string][]string{}
	called := map[string]bool{}
	for _, dir := range dirs {
		m := r.module(dir)
		if m == nil {
			continue
		}
		for _, d := range m.calls {
			src := literalSource(d)
			if !isLocalSource(src) {
				continue
			}
			child := cleanJoin(dir, src)
			if _, ok := r.scanned[child]; ok && child != dir {
				calls[dir] = append(calls[dir], child)
				called[child] = true
			}
		}
	}
	var roots []string
	reached := map[string]bool{}
	var visit func(string)
	visit = func(d string) {
		if reached[d] {
			return
		}
		reached[d] = true
		for _, c := range calls[d] {
			visit(c)
		}
	}
	for _, dir := range dirs {
		if !called[dir] {
			roots = append(roots, dir)
			visit(dir)
		}
	}
	for _, dir := range dirs {
		if !reached[dir] {
			roots = append(roots, dir)
			visit(dir)
		}
	}
	sort.Strings(roots)
	return roots
}

// literalSource returns the source argument of a module call when it is a
// literal string.
func literalSource(d *decl) string {
	it, _ := readBody(d.body, false, nil)
	for _, a := range it.attrs {
		if a.Name != "source" {
			continue
		}
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
			return ""
		}
		return v.AsString()
	}
	return ""
}
