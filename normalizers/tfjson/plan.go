package tfjson

import (
	"maps"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/normalizers"
)

// planConfig is what the plan's "configuration" tells about resources.
type planConfig struct {
	// refs maps a resource's configuration address (module-prefixed,
	// without instance keys) to its references.
	refs map[string]map[string][]string
	// sensitiveVars names the root module's sensitive variables.
	sensitiveVars map[string]bool
	// providerConfig is the configuration's provider_config.
	providerConfig val
}

// readPlan reads the top-level object of a plan.
func (b *builder) readPlan(top val) bool {
	fv := b.get(top, "format_version")
	version, ok := fv.v.(string)
	if !ok {
		msg := "no format_version: not the output of terraform show -json for a plan"
		if fv.exists() {
			msg = "format_version is " + describe(fv.v) + ", not a string"
		}
		b.diagnose(normalizers.SeverityError, b.line(fv), 0, msg)
		return false
	}
	if major, _, _ := strings.Cut(version, "."); major != "1" && major != "0" {
		b.diagnose(normalizers.SeverityError, b.line(fv), 0,
			"unsupported plan format_version "+strconv.Quote(version)+": Rampart reads format versions 0.x and 1.x")
		return false
	}
	b.doc.Extra["terraform_version"] = b.get(top, "terraform_version").str()
	if errored, _ := b.get(top, "errored").v.(bool); errored {
		b.warn(b.get(top, "errored"), "the plan is marked errored: Terraform stopped planning early, so its planned values may be incomplete")
	}

	cfg := b.readConfiguration(b.get(top, "configuration"))
	b.doc.Extra["variables"] = b.planVariables(b.get(top, "variables"), cfg)

	unknown, sensitive := b.changes(b.get(top, "resource_changes"))
	seen := map[string]bool{}
	if pv := b.get(top, "planned_values"); pv.exists() {
		if _, ok := pv.obj(); !ok {
			b.warn(pv, "planned_values is %s, not an object; no resources read from it", describe(pv.v))
		} else {
			b.module(b.get(pv, "root_module"), "planned_values.root_module", func(r val, modAddr string) {
				b.planResource(r, modAddr, cfg, unknown, sensitive, seen, false)
			})
		}
	}
	// Data sources Terraform could read while planning are only in the
	// prior state.
	if ps := b.get(b.get(top, "prior_state"), "values"); ps.exists() {
		b.module(b.get(ps, "root_module"), "prior_state.values.root_module", func(r val, modAddr string) {
			if mode, _ := b.get(r, "mode").v.(string); mode == "data" {
				b.planResource(r, modAddr, cfg, nil, nil, seen, true)
			}
		})
	}
	b.providers(cfg.providerConfig)
	return true
}

// module calls each for every resource entry of a values-representation
// module and its child modules, with the module's address.
func (b *builder) module(mod val, where string, each func(r val, modAddr string)) {
	b.walkModule(mod, where, "", each, 0)
}

func (b *builder) walkModule(mod val, where, modAddr string, each func(r val, modAddr string), depth int) {
	if !mod.exists() {
		return
	}
	if _, ok := mod.obj(); !ok {
		b.warn(mod, "%s is %s, not a module object; skipped", where, describe(mod.v))
		return
	}
	if a, ok := b.get(mod, "address").v.(string); ok && depth > 0 {
		modAddr = a
	}
	resources := b.get(mod, "resources")
	if list, ok := resources.list(); ok {
		for i := range list {
			if b.done(resources) {
				return
			}
			each(b.at(resources, i), modAddr)
		}
	} else if resources.exists() && resources.v != nil {
		b.warn(resources, "%s.resources is %s, not an array; skipped", where, describe(resources.v))
	}
	children := b.get(mod, "child_modules")
	if list, ok := children.list(); ok {
		for i := range list {
			b.walkModule(b.at(children, i), where+".child_modules", modAddr, each, depth+1)
		}
	} else if children.exists() && children.v != nil {
		b.warn(children, "%s.child_modules is %s, not an array; skipped", where, describe(children.v))
	}
}

// changes indexes the after_unknown and after_sensitive masks of the
// resource changes by instance address. Changes to deposed objects are
// left out: planned values describe current objects.
func (b *builder) changes(rc val) (unknown, sensitive map[string]any) {
	unknown, sensitive = map[string]any{}, map[string]any{}
	list, ok := rc.list()
	if !ok {
		if rc.exists() && rc.v != nil {
			b.warn(rc, "resource_changes is %s, not an array; unknown values cannot be told from absent ones", describe(rc.v))
		}
		return unknown, sensitive
	}
	for i := range list {
		c := b.at(rc, i)
		m, ok := c.obj()
		if !ok {
			b.warn(c, "resource_changes entry %d is %s, not an object; skipped", i, describe(c.v))
			continue
		}
		addr, _ := m["address"].(string)
		if addr == "" {
			b.warn(c, "resource_changes entry %d has no address; skipped", i)
			continue
		}
		if d, _ := m["deposed"].(string); d != "" {
			continue
		}
		change, _ := m["change"].(map[string]any)
		if u, ok := change["after_unknown"]; ok {
			unknown[addr] = u
		}
		if s, ok := change["after_sensitive"]; ok {
			sensitive[addr] = s
		}
	}
	return unknown, sensitive
}

// planResource adds the resource of a values-representation entry.
func (b *builder) planResource(r val, modAddr string, cfg *planConfig, unknown, sensitive map[string]any, seen map[string]bool, prior bool) {
	m, ok := r.obj()
	if !ok {
		b.warn(r, "resource entry is %s, not an object; skipped", describe(r.v))
		return
	}
	typ, _ := m["type"].(string)
	name, _ := m["name"].(string)
	mode, _ := m["mode"].(string)
	if mode == "" {
		mode = "managed"
	}
	if typ == "" {
		b.warn(r, "resource entry has no type; skipped")
		return
	}
	if mode != "managed" && mode != "data" {
		b.warn(r, "resource entry %s has mode %q, not managed or data; skipped", typ, mode)
		return
	}
	addr, _ := m["address"].(string)
	if addr == "" {
		if name == "" {
			b.warn(r, "resource entry %s has neither address nor name; skipped", typ)
			return
		}
		addr, _ = resourceAddr(modAddr, mode, typ, name, m["index"])
	}
	if seen[addr] {
		if !prior {
			b.warn(r, "resource %s appears more than once in planned_values", addr)
		} else {
			return
		}
	}
	seen[addr] = true

	values := b.get(r, "values")
	config, ok := values.v.(map[string]any)
	if !ok {
		if values.exists() && values.v != nil {
			b.warn(values, "values of %s is %s, not an object; config left empty", addr, describe(values.v))
		}
		config = map[string]any{}
		values = missing
	}
	unknownPaths := removeUnknown(config, unknown[addr], "", nil)
	redactMask(config, m["sensitive_values"])
	redactMask(config, sensitive[addr])

	provider := providerLocalName(str(m["provider_name"]))
	if provider == "" {
		provider = typeProvider(typ)
	}
	loc := b.location(r)
	res := &normalizers.Resource{
		Address:  addr,
		Type:     typ,
		Provider: provider,
		Config:   config,
		Unknown:  unknownPaths,
		Location: loc,
		Lines:    b.index(values, loc),
	}
	if refs := cfg.refs[stripKeys(addr)]; len(refs) > 0 {
		res.References = maps.Clone(refs)
	}
	b.add(res)
}

// planVariables returns the values of the plan's root module variables,
// sensitive ones redacted.
func (b *builder) planVariables(vars val, cfg *planConfig) map[string]any {
	out := map[string]any{}
	if _, ok := vars.obj(); !ok {
		if vars.exists() && vars.v != nil {
			b.warn(vars, "variables is %s, not an object; ignored", describe(vars.v))
		}
		return out
	}
	for _, mb := range b.members(vars) {
		entry, ok := mb.obj()
		if !ok {
			b.warn(mb.val, "variable %q is %s, not an object; ignored", mb.key, describe(mb.v))
			continue
		}
		v := entry["value"]
		if cfg.sensitiveVars[mb.key] && v != nil {
			v = Redacted
		}
		out[mb.key] = v
	}
	return out
}

// readConfiguration reads the references of every resource of the plan's
// configuration and the sensitivity of the root module's variables.
func (b *builder) readConfiguration(c val) *planConfig {
	cfg := &planConfig{
		refs:           map[string]map[string][]string{},
		sensitiveVars:  map[string]bool{},
		providerConfig: missing,
	}
	if !c.exists() || c.v == nil {
		return cfg
	}
	if _, ok := c.obj(); !ok {
		b.warn(c, "configuration is %s, not an object; references and providers are not read", describe(c.v))
		return cfg
	}
	root := b.get(c, "root_module")
	for _, mb := range b.members(b.get(root, "variables")) {
		if s, _ := b.get(mb.val, "sensitive").v.(bool); s {
			cfg.sensitiveVars[mb.key] = true
		}
	}
	b.configModule(root, "", cfg, 0)
	cfg.providerConfig = b.get(c, "provider_config")
	return cfg
}

// configModule reads the references of the resources of a configuration
// module and, recursively, of the modules it calls. prefix is the module's
// address prefix ("module.a.module.b.").
func (b *builder) configModule(mod val, prefix string, cfg *planConfig, depth int) {
	if _, ok := mod.obj(); !ok || depth > maxDepth {
		return
	}
	resources := b.get(mod, "resources")
	list, _ := resources.list()
	for i := range list {
		r := b.at(resources, i)
		m, ok := r.obj()
		if !ok {
			continue
		}
		typ, _ := m["type"].(string)
		name, _ := m["name"].(string)
		if typ == "" || name == "" {
			continue
		}
		mode, _ := m["mode"].(string)
		addr, _ := resourceAddr("", mode, typ, name, nil)
		refs := map[string][]string{}
		if exprs, ok := m["expressions"].(map[string]any); ok {
			blockRefs(exprs, "", prefix, refs)
		}
		for key, meta := range map[string]string{"count_expression": "count", "for_each_expression": "for_each"} {
			if e, ok := m[key].(map[string]any); ok {
				if l, ok := e["references"].([]any); ok {
					addTargets(refs, meta, l, prefix)
				}
			}
		}
		if deps, ok := m["depends_on"].([]any); ok {
			addTargets(refs, "depends_on", deps, prefix)
		}
		if len(refs) > 0 {
			cfg.refs[prefix+addr] = refs
		}
	}
	for _, call := range b.members(b.get(mod, "module_calls")) {
		b.configModule(b.get(call.val, "module"), prefix+"module."+call.key+".", cfg, depth+1)
	}
}

// isExpression reports whether m is an expression representation
// ({"constant_value": ...} and/or {"references": [...]}) rather than a
// block's expressions.
func isExpression(m map[string]any) bool {
	for k := range m {
		if k != "constant_value" && k != "references" {
			return false
		}
	}
	return true
}

// blockRefs collects the references of a block expressions representation
// into out, by dotted attribute path below prefix. Nested blocks are
// arrays of block representations (list and set nesting) or objects
// (single nesting, and map nesting keyed by label).
func blockRefs(block map[string]any, path, modPrefix string, out map[string][]string) {
	for k, v := range block {
		p := joinPath(path, k)
		switch v := v.(type) {
		case map[string]any:
			if isExpression(v) {
				if l, ok := v["references"].([]any); ok {
					addTargets(out, p, l, modPrefix)
				}
			} else {
				blockRefs(v, p, modPrefix, out)
			}
		case []any:
			for i, e := range v {
				if nested, ok := e.(map[string]any); ok {
					blockRefs(nested, joinPath(p, strconv.Itoa(i)), modPrefix, out)
				}
			}
		}
	}
}

// blockConstants evaluates a block expressions representation as far as
// constants go: the constant value of each attribute, nested blocks as
// lists of objects. The dotted paths of attributes that are not constant
// are appended to unknown.
func blockConstants(block map[string]any, path string, unknown *[]string) map[string]any {
	out := make(map[string]any, len(block))
	for _, k := range sortedKeys(block) {
		p := joinPath(path, k)
		switch v := block[k].(type) {
		case map[string]any:
			if isExpression(v) {
				if cv, ok := v["constant_value"]; ok {
					out[k] = cv
				} else if p != "" {
					*unknown = append(*unknown, p)
				}
			} else {
				out[k] = blockConstants(v, p, unknown)
			}
		case []any:
			list := make([]any, len(v))
			for i, e := range v {
				if nested, ok := e.(map[string]any); ok {
					list[i] = blockConstants(nested, joinPath(p, strconv.Itoa(i)), unknown)
				}
			}
			out[k] = list
		}
	}
	return out
}

// providerEntry is one entry of the configuration's provider_config.
type providerEntry struct {
	member
	name, alias, module, fullName, version string
}

// providers adds a provider resource per provider_config entry and a
// terraform resource per module whose providers carry version
// constraints.
func (b *builder) providers(pcs val) {
	if pcs.exists() && pcs.v != nil {
		if _, ok := pcs.obj(); !ok {
			b.warn(pcs, "provider_config is %s, not an object; skipped", describe(pcs.v))
			return
		}
	}
	var entries []providerEntry
	for _, mb := range b.members(pcs) {
		m, ok := mb.obj()
		if !ok {
			b.warn(mb.val, "provider_config entry %q is %s, not an object; skipped", mb.key, describe(mb.v))
			continue
		}
		e := providerEntry{
			member:   mb,
			name:     str(m["name"]),
			alias:    str(m["alias"]),
			module:   str(m["module_address"]),
			fullName: str(m["full_name"]),
			version:  str(m["version_constraint"]),
		}
		if e.name == "" {
			// The key is "name", "name.alias" or "module.m:name.alias".
			key := mb.key
			if i := strings.LastIndexByte(key, ':'); i >= 0 {
				key = key[i+1:]
			}
			e.name, _, _ = strings.Cut(key, ".")
		}
		if e.name == "" {
			b.warn(mb.val, "provider_config entry %q has no name; skipped", mb.key)
			continue
		}
		entries = append(entries, e)
		b.providerResource(e)
	}
	b.terraformResources(entries)
}

func (b *builder) providerResource(e providerEntry) {
	prefix := ""
	if e.module != "" {
		prefix = e.module + "."
	}
	addr := prefix + "provider." + e.name
	if e.alias != "" {
		addr += "." + e.alias
	}
	exprs := b.get(e.val, "expressions")
	var unknown []string
	config := map[string]any{}
	refs := map[string][]string{}
	if m, ok := exprs.obj(); ok {
		config = blockConstants(m, "", &unknown)
		blockRefs(m, "", prefix, refs)
	} else {
		exprs = missing
	}
	if e.alias != "" {
		config["alias"] = e.alias
	}
	loc := b.location(e.val)
	res := &normalizers.Resource{
		Address:  addr,
		Type:     "provider",
		Provider: e.name,
		Config:   config,
		Unknown:  unknown,
		Location: loc,
		Lines:    &lineIndex{t: b.t, root: exprs.n, whole: loc, exprs: true},
	}
	if len(refs) > 0 {
		res.References = refs
	}
	b.add(res)
}

// terraformResources adds, for every module whose provider_config entries
// carry a version constraint, a "terraform" resource holding the module's
// required_providers.
func (b *builder) terraformResources(entries []providerEntry) {
	var modules []string
	byModule := map[string][]providerEntry{}
	for _, e := range entries {
		if _, ok := byModule[e.module]; !ok {
			modules = append(modules, e.module)
		}
		byModule[e.module] = append(byModule[e.module], e)
	}
	for _, mod := range modules {
		group := byModule[mod]
		required := map[string]any{}
		// nodes of each provider's entry, for the line index
		where := map[string]providerEntry{}
		constrained := false
		for _, e := range group {
			p, _ := required[e.name].(map[string]any)
			if p == nil {
				p = map[string]any{}
				required[e.name] = p
				where[e.name] = e
			}
			if _, ok := p["source"]; !ok && e.fullName != "" {
				p["source"] = providerSource(e.fullName)
			}
			if _, ok := p["version"]; !ok && e.version != "" {
				p["version"] = e.version
				where[e.name] = e
				constrained = true
			}
		}
		if !constrained {
			continue
		}
		addr := "terraform"
		if mod != "" {
			addr = mod + ".terraform"
		}
		loc := b.location(group[0].val)
		for _, e := range group[1:] {
			l := b.location(e.val)
			loc.StartLine = min(loc.StartLine, l.StartLine)
			loc.EndLine = max(loc.EndLine, l.EndLine)
		}
		b.add(&normalizers.Resource{
			Address:  addr,
			Type:     "terraform",
			Provider: "terraform",
			Config:   map[string]any{"required_providers": required},
			Location: loc,
			Lines:    &funcIndex{whole: loc, resolve: b.requiredProviderLines(where)},
		})
	}
}

// requiredProviderLines resolves required_providers.<name>[.source|.version]
// to the provider_config entry the value came from.
func (b *builder) requiredProviderLines(where map[string]providerEntry) func([]any) (normalizers.Location, bool) {
	return func(path []any) (normalizers.Location, bool) {
		if len(path) < 2 || path[0] != "required_providers" {
			return normalizers.Location{}, false
		}
		name, _ := path[1].(string)
		e, ok := where[name]
		if !ok {
			return normalizers.Location{}, false
		}
		if len(path) > 2 {
			field := map[any]string{"version": "version_constraint", "source": "full_name"}[path[2]]
			if f := b.get(e.val, field); field != "" && f.exists() {
				return b.location(f), true
			}
		}
		return b.location(e.val), true
	}
}

// str returns v when it is a string, else "".
func str(v any) string {
	s, _ := v.(string)
	return s
}
