package terraform

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// callMeta are the arguments of a module call that are not input
// variables of the module.
var callMeta = map[string]bool{
	"source": true, "version": true, "count": true, "for_each": true,
	"providers": true, "depends_on": true,
}

// callState is a module call of an instance: its source resolved, its
// count or for_each expanded into child instances whose variables and
// outputs are evaluated on demand.
type callState struct {
	d        *decl
	state    int
	it       items
	attrs    map[string]*hcl.Attribute
	source   string
	resolved bool
	reason   string
	dir      string
	exp      expansion
	insts    []*callInstance
}

// callInstance is one instance of a module call.
type callInstance struct {
	addr  string
	inst  expInst
	child *instance // nil when the module is not resolved
}

// call returns the module call name of the instance, prepared on first
// use: source resolved, instances expanded, child instances created. It
// returns nil while the call is being prepared (its count or for_each
// depends on its own outputs).
func (m *instance) call(name string) *callState {
	cs, ok := m.calls[name]
	if !ok {
		cs = &callState{d: m.cfg.calls[name]}
		m.calls[name] = cs
	}
	switch cs.state {
	case active:
		m.warnAt(cs.d.block.DefRange, "Cycle in module call",
			fmt.Sprintf("The count or for_each of module.%s depends on its own outputs; they are unknown here.", name))
		return nil
	case done:
		return cs
	}
	cs.state = active
	m.doc.depth++
	m.prepareCall(cs)
	m.doc.depth--
	cs.state = done
	return cs
}

// prepareCall resolves the module's source, expands count and for_each and
// creates the child instance of every instance of the call.
func (m *instance) prepareCall(cs *callState) {
	d := cs.d
	cs.it = m.itemsOf(d)
	cs.attrs = map[string]*hcl.Attribute{}
	for _, a := range cs.it.attrs {
		cs.attrs[a.Name] = a
	}
	if len(cs.it.blocks) > 0 {
		m.warnAt(cs.it.blocks[0].DefRange, "Unexpected block", "A module call takes arguments only; its blocks are ignored.")
	}
	key := d.name
	if m.key != "" {
		key = m.key + "." + d.name
	}
	m.resolve(cs, cs.attrs["source"], key)
	m.doc.modules = append(m.doc.modules, map[string]any{
		"address":  m.prefix + "module." + d.name,
		"source":   cs.source,
		"resolved": cs.resolved,
		"reason":   cs.reason,
		"dir":      cs.dir,
	})
	cs.exp = m.expand(cs.it.attrs, nil)
	var childCfg *moduleConfig
	if cs.resolved {
		childCfg = m.r.module(cs.dir)
	}
	for i, inst := range cs.exp.insts {
		if !m.take() {
			break
		}
		ci := &callInstance{addr: m.prefix + "module." + d.name + inst.suffix, inst: inst}
		if childCfg != nil {
			ci.child = m.instantiate(cs, childCfg, ci.addr, key, inst.sc, i == 0)
		}
		cs.insts = append(cs.insts, ci)
	}
}

// instantiate creates the child instance of module cfg for one instance
// of a call; its variables take the call's arguments, evaluated in scope
// sc when first used. report enables the warnings about the arguments
// (once per call, not per instance).
func (m *instance) instantiate(cs *callState, cfg *moduleConfig, addr, key string, sc *scope, report bool) *instance {
	stack := append(append([]string(nil), m.stack...), cs.dir)
	child := newInstance(m.r, m.doc, cfg, addr+".", key, stack, nil)
	child.caller, child.callScope = m, sc
	for _, a := range cs.it.attrs {
		if callMeta[a.Name] {
			continue
		}
		if v, ok := child.vars[a.Name]; ok {
			v.arg = a
		} else if report {
			m.warnAt(a.NameRange, "Unsupported argument",
				fmt.Sprintf("The module in %s has no variable named %q; the argument is ignored.", cs.dir, a.Name))
		}
	}
	if report {
		for _, name := range cfg.varOrder {
			if v := child.vars[name]; v.arg == nil && !v.decl.hasDefault {
				m.warnAt(cs.d.block.DefRange, "Missing required argument",
					fmt.Sprintf("The module call does not set the variable %q, which has no default; it is unknown.", name))
			}
		}
	}
	return child
}

// moduleValue is the value of module.<name> as far as an expression reads
// it: the outputs in want ("" for all) of each instance, as an object, a
// tuple of them (count) or an object of them by key (for_each). It is
// unknown when the module is not resolved or its instances are not known.
func (m *instance) moduleValue(name string, want map[string]bool) cty.Value {
	cs := m.call(name)
	if cs == nil || !cs.resolved || cs.exp.unexpanded || len(cs.insts) != len(cs.exp.insts) {
		return cty.DynamicVal
	}
	objs := make([]cty.Value, 0, len(cs.insts))
	for _, ci := range cs.insts {
		if ci.child == nil {
			return cty.DynamicVal
		}
		out := map[string]cty.Value{}
		for _, oname := range ci.child.cfg.outputOrder {
			if want[""] || want[oname] {
				out[oname] = ci.child.output(oname)
			}
		}
		objs = append(objs, cty.ObjectVal(out))
	}
	switch cs.exp.meta {
	case "count":
		if len(objs) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(objs)
	case "for_each":
		keyed := make(map[string]cty.Value, len(objs))
		for i, ci := range cs.insts {
			keyed[ci.inst.key] = objs[i]
		}
		return cty.ObjectVal(keyed)
	}
	if len(objs) == 0 {
		return cty.DynamicVal
	}
	return objs[0]
}

// emitCall adds the module call's resources: per instance, the call with
// its arguments, followed by the resources of the module.
func (m *instance) emitCall(d *decl) {
	cs := m.call(d.name)
	if cs == nil {
		return
	}
	loc := span(d.block)
	for _, ci := range cs.insts {
		b := m.newBuilder(loc)
		config := map[string]any{"source": cs.source, "resolved": cs.resolved}
		if !cs.resolved {
			config["reason"] = cs.reason
		}
		b.meta(cs.exp, ci.inst, config)
		args := map[string]any{}
		argNode := b.lines.child("arguments", loc)
		var metaItems items
		for _, a := range cs.it.attrs {
			if callMeta[a.Name] {
				if a.Name != "count" && a.Name != "for_each" {
					metaItems.attrs = append(metaItems.attrs, a)
				}
				continue
			}
			var val cty.Value
			var refs []string
			if ci.child != nil && ci.child.vars[a.Name] != nil {
				val, refs = ci.child.argument(a.Name)
			} else {
				val, refs = m.eval(a.Expr, ci.inst.sc)
			}
			addExpr(argNode.child(a.Name, location(a.Range)), a.Expr, 0)
			b.set(args, a.Name, attrPath{"arguments", a.Name}, val, refs)
		}
		config["arguments"] = args
		b.body(metaItems, ci.inst.sc, nil, config, b.lines, "module", map[string]bool{"source": true})
		if a := cs.attrs["source"]; a != nil {
			b.lines.child("source", location(a.Range))
		}
		m.add(b.resource(ci.addr, "module", providerTerraform, loc, config))
		if ci.child != nil {
			ci.child.run()
			m.resources = append(m.resources, ci.child.resources...)
		}
	}
}

// isLocalSource reports whether a module source is a local path.
func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") ||
		strings.HasPrefix(s, ".\\") || strings.HasPrefix(s, "..\\") || s == "." || s == ".."
}

// resolve finds the directory of a module call: a local path below the
// scanned path, or the directory terraform init downloaded the module to
// (.terraform/modules/modules.json of the root module). Anything else is
// not resolved, with the reason.
func (m *instance) resolve(cs *callState, src *hcl.Attribute, key string) {
	d := cs.d
	name := m.prefix + "module." + d.name
	fail := func(reason string, warn bool) {
		cs.resolved, cs.reason = false, reason
		rng := d.block.DefRange
		if src != nil {
			rng = src.Expr.Range()
		}
		m.r.addDiag(newDiag(rng.Filename, rng.Start.Line, rng.Start.Column, warn, fmt.Sprintf("%s: %s", name, reason)))
	}
	if src == nil {
		fail("the module call has no source", true)
		return
	}
	v, diags := src.Expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		fail("the module source is not a literal string", true)
		return
	}
	cs.source = v.AsString()
	var dir string
	if isLocalSource(cs.source) {
		dir = cleanJoin(m.cfg.dir, cs.source)
		if _, scanned := m.r.scanned[dir]; !scanned && !m.r.fs.Within(dir) {
			fail(fmt.Sprintf("local source %q is outside the scanned path", cs.source), true)
			return
		}
		if m.r.module(dir) == nil {
			if _, scanned := m.r.scanned[dir]; !scanned && !m.r.fs.CanRead() {
				fail(fmt.Sprintf("local source %q is not read: only the given files are normalized", cs.source), true)
			} else {
				fail(fmt.Sprintf("local source %q has no Terraform configuration files", cs.source), true)
			}
			return
		}
	} else {
		dir = m.r.manifest(m.doc.rootDir)[key]
		if dir == "" || m.r.module(dir) == nil {
			fail(fmt.Sprintf("remote source %q is not fetched (run terraform init to have its modules.json entry %q evaluated)", cs.source, key), true)
			return
		}
	}
	for i, seen := range m.stack {
		if seen == dir {
			chain := append(append([]string(nil), m.stack[i:]...), dir)
			fail("module cycle: "+strings.Join(chain, " -> "), false)
			return
		}
	}
	if len(m.stack) > m.r.opts.MaxModuleDepth {
		fail(fmt.Sprintf("modules nested more than %d levels deep", m.r.opts.MaxModuleDepth), false)
		return
	}
	cs.resolved, cs.dir = true, dir
}

// manifest returns the module directories terraform init recorded for the
// root module in rootDir, by module key ("vpc", "vpc.subnets").
func (r *run) manifest(rootDir string) map[string]string {
	if mf, ok := r.manifests[rootDir]; ok {
		return mf
	}
	mf := map[string]string{}
	r.manifests[rootDir] = mf
	p := path.Join(rootDir, ".terraform/modules/modules.json")
	src, err := r.fs.ReadFile(p)
	if err != nil {
		return mf
	}
	var doc struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(src, &doc); err != nil {
		r.addDiag(newDiag(p, 0, 0, true, fmt.Sprintf("cannot read the module manifest: %v", err)))
		return mf
	}
	for _, mod := range doc.Modules {
		dir := strings.ReplaceAll(mod.Dir, "\\", "/")
		if mod.Key == "" || dir == "" || path.IsAbs(dir) {
			continue
		}
		mf[mod.Key] = path.Join(rootDir, dir)
	}
	return mf
}

// cleanJoin joins a local module source to the directory of the calling
// module.
func cleanJoin(dir, source string) string {
	return path.Join(dir, strings.ReplaceAll(source, "\\", "/"))
}

// relPath returns the slash path to reach dir from base, both display
// paths relative to the same directory.
func relPath(base, dir string) string {
	if base == dir {
		return "."
	}
	bs, ds := splitPath(base), splitPath(dir)
	i := 0
	for i < len(bs) && i < len(ds) && bs[i] == ds[i] {
		i++
	}
	var parts []string
	for range bs[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, ds[i:]...)
	if len(parts) == 0 {
		return "."
	}
	return strings.Join(parts, "/")
}

func splitPath(p string) []string {
	if p == "." || p == "" {
		return nil
	}
	return strings.Split(p, "/")
}
