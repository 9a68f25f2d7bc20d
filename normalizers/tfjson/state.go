package tfjson

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/normalizers"
)

// readState reads the top-level object of a state file.
func (b *builder) readState(top val) bool {
	v := b.get(top, "version")
	switch n := v.v.(type) {
	case int64:
		if n != 4 {
			b.diagnose(normalizers.SeverityError, b.line(v), 0, fmt.Sprintf(
				"unsupported state version %d: Rampart reads version 4 (Terraform 0.12 and later); any terraform command of a current release upgrades the file", n))
			return false
		}
	default:
		msg := "no version: not a Terraform state file"
		if v.exists() {
			msg = fmt.Sprintf("unsupported state version %s: Rampart reads version 4 (Terraform 0.12 and later)", describe(v.v))
		}
		b.diagnose(normalizers.SeverityError, b.line(v), 0, msg)
		return false
	}
	b.doc.Extra["terraform_version"] = b.get(top, "terraform_version").str()
	var serial any
	switch s := b.get(top, "serial").v.(type) {
	case int64, float64:
		serial = s
	}
	b.doc.Extra["serial"] = serial
	b.doc.Extra["lineage"] = b.get(top, "lineage").str()

	resources := b.get(top, "resources")
	list, ok := resources.list()
	if !ok {
		if resources.exists() && resources.v != nil {
			b.warn(resources, "resources is %s, not an array; no resources read", describe(resources.v))
		}
		return true
	}
	for i := range list {
		if b.done(resources) {
			break
		}
		b.stateResource(b.at(resources, i), i)
	}
	return true
}

// stateResource adds a resource per instance of a state resource entry.
func (b *builder) stateResource(r val, i int) {
	m, ok := r.obj()
	if !ok {
		b.warn(r, "resources entry %d is %s, not an object; skipped", i, describe(r.v))
		return
	}
	mode, typ, name := str(m["mode"]), str(m["type"]), str(m["name"])
	if typ == "" || name == "" {
		b.warn(r, "resources entry %d has no type or name; skipped", i)
		return
	}
	if mode != "managed" && mode != "data" {
		b.warn(r, "resource %s.%s has mode %q, not managed or data; skipped", typ, name, mode)
		return
	}
	module := str(m["module"])
	provider := stateProviderName(str(m["provider"]))
	if provider == "" {
		provider = typeProvider(typ)
	}
	instances := b.get(r, "instances")
	list, ok := instances.list()
	if !ok {
		if instances.exists() && instances.v != nil {
			b.warn(instances, "instances of %s.%s is %s, not an array; skipped", typ, name, describe(instances.v))
		}
		return
	}
	for j := range list {
		inst := b.at(instances, j)
		im, ok := inst.obj()
		if !ok {
			b.warn(inst, "instance %d of %s.%s is %s, not an object; skipped", j, typ, name, describe(inst.v))
			continue
		}
		if d := str(im["deposed"]); d != "" {
			// A deposed object is on its way out; the current object of
			// the same instance stands for the resource.
			continue
		}
		addr, ok := resourceAddr(module, mode, typ, name, im["index_key"])
		if !ok {
			b.warn(inst, "instance %d of %s.%s has index_key %s, not a number or a string; skipped", j, typ, name, describe(im["index_key"]))
			continue
		}
		attrs := b.get(inst, "attributes")
		config, ok := attrs.v.(map[string]any)
		if !ok {
			if attrs.exists() && attrs.v != nil {
				b.warn(attrs, "attributes of %s is %s, not an object; config left empty", addr, describe(attrs.v))
			}
			attrs, config = b.flatAttributes(inst)
		}
		b.redactState(config, b.get(inst, "sensitive_attributes"), addr)
		loc := b.location(inst)
		res := &normalizers.Resource{
			Address:  addr,
			Type:     typ,
			Provider: provider,
			Config:   config,
			Location: loc,
			Lines:    b.index(attrs, loc),
		}
		if deps := dependencies(im); len(deps) > 0 {
			res.References = map[string][]string{"depends_on": deps}
		}
		b.add(res)
	}
}

// flatAttributes reads the legacy attributes_flat map of an instance (a
// state upgraded from Terraform 0.11), whose values are all strings.
func (b *builder) flatAttributes(inst val) (val, map[string]any) {
	flat := b.get(inst, "attributes_flat")
	m, ok := flat.obj()
	if !ok {
		return missing, map[string]any{}
	}
	return flat, m
}

// dependencies returns the addresses an instance depends on ("dependencies",
// or "depends_on" in states written by Terraform 0.12), without instance
// keys, sorted and deduplicated.
func dependencies(inst map[string]any) []string {
	var deps []string
	for _, key := range []string{"dependencies", "depends_on"} {
		list, _ := inst[key].([]any)
		for _, d := range list {
			if s, ok := d.(string); ok && s != "" {
				deps = append(deps, stripKeys(s))
			}
		}
	}
	slices.Sort(deps)
	return slices.Compact(deps)
}

// stepKind tells what a step of a sensitive attribute path selects.
type stepKind uint8

const (
	stepKey   stepKind = iota // an object attribute or a map key
	stepIndex                 // a list element
	stepAll                   // something that cannot be placed (a set element): the whole value
)

type step struct {
	kind stepKind
	key  string
	idx  int
}

// redactState replaces the sensitive attributes of an instance by Redacted.
// sensitive_attributes is read in the forms Terraform writes and a few
// others: a list of paths, each a list of {"type": "get_attr", "value":
// name} and {"type": "index", "value": {"value": key, "type": ...}} steps;
// a flat list of such steps (each get_attr starting a new path); paths of
// bare names and indexes; dotted strings; or an object shaped like the
// attributes with true at the sensitive parts (like a plan's
// sensitive_values). A step that cannot be placed, such as the element of
// a set, redacts the whole value holding it. When the field cannot be read
// at all every attribute is redacted, with a warning.
func (b *builder) redactState(config map[string]any, sa val, addr string) {
	switch v := sa.v.(type) {
	case nil:
		return
	case map[string]any:
		redactMask(config, v)
		return
	case []any:
		paths, ok := sensitivePaths(v)
		if ok {
			for _, p := range paths {
				if p[0].kind == stepAll {
					// Not even the attribute is known.
					redactAll(config)
					continue
				}
				redactPath(config, p)
			}
			return
		}
	}
	b.warn(sa, "sensitive_attributes of %s cannot be read; every attribute is redacted", addr)
	redactAll(config)
}

// redactAll redacts every attribute that is not null.
func redactAll(config map[string]any) {
	for k, v := range config {
		if v != nil {
			config[k] = Redacted
		}
	}
}

// sensitivePaths reads a sensitive_attributes list; ok is false when an
// entry has no known form.
func sensitivePaths(list []any) (paths [][]step, ok bool) {
	var flat []step // the path being built from a flat list of steps
	flush := func() {
		if len(flat) > 0 {
			paths = append(paths, flat)
			flat = nil
		}
	}
	for _, e := range list {
		switch e := e.(type) {
		case []any:
			flush()
			p := make([]step, 0, len(e))
			for _, s := range e {
				st, ok := parseStep(s)
				if !ok {
					return nil, false
				}
				p = append(p, st)
			}
			if len(p) > 0 {
				paths = append(paths, p)
			}
		case map[string]any:
			st, ok := parseStep(e)
			if !ok {
				return nil, false
			}
			if st.kind == stepKey && e["type"] == "get_attr" {
				flush()
			}
			flat = append(flat, st)
		case string:
			flush()
			paths = append(paths, dottedPath(e))
		default:
			return nil, false
		}
	}
	flush()
	return paths, true
}

// parseStep reads one step of a sensitive attribute path.
func parseStep(s any) (step, bool) {
	switch s := s.(type) {
	case string:
		return step{kind: stepKey, key: s}, true
	case int64, float64:
		return indexStep(s), true
	case map[string]any:
		value := s["value"]
		switch s["type"] {
		case "get_attr":
			name, ok := value.(string)
			return step{kind: stepKey, key: name}, ok
		case "index":
			// cty's JSON form of a dynamic value: {"value": ..., "type": ...}.
			if typed, ok := value.(map[string]any); ok {
				if _, hasType := typed["type"]; hasType {
					value = typed["value"]
				}
			}
			switch k := value.(type) {
			case string:
				return step{kind: stepKey, key: k}, true
			case int64, float64:
				return indexStep(k), true
			}
			return step{kind: stepAll}, true
		}
		return step{kind: stepAll}, true
	}
	return step{}, false
}

// indexStep is the step for a numeric index; a number that is not a valid
// index selects the whole value.
func indexStep(n any) step {
	switch n := n.(type) {
	case int64:
		if n >= 0 && n <= math.MaxInt32 {
			return step{kind: stepIndex, idx: int(n)}
		}
	case float64:
		if n >= 0 && n <= math.MaxInt32 && n == math.Trunc(n) {
			return step{kind: stepIndex, idx: int(n)}
		}
	}
	return step{kind: stepAll}
}

// dottedPath reads "a.0.b" as a path.
func dottedPath(s string) []step {
	parts := strings.Split(s, ".")
	p := make([]step, 0, len(parts))
	for _, part := range parts {
		if n, err := strconv.Atoi(part); err == nil && n >= 0 {
			p = append(p, step{kind: stepIndex, idx: n, key: part})
		} else {
			p = append(p, step{kind: stepKey, key: part})
		}
	}
	return p
}

// redactPath replaces the value at path inside v by Redacted and returns
// the result; a path that does not exist changes nothing.
func redactPath(v any, path []step) any {
	if len(path) == 0 {
		if v == nil {
			return nil
		}
		return Redacted
	}
	s, rest := path[0], path[1:]
	switch s.kind {
	case stepAll:
		return redactPath(v, nil)
	case stepKey:
		if m, ok := v.(map[string]any); ok {
			if cur, present := m[s.key]; present {
				m[s.key] = redactPath(cur, rest)
			}
		}
	case stepIndex:
		switch c := v.(type) {
		case []any:
			if s.idx < len(c) {
				c[s.idx] = redactPath(c[s.idx], rest)
			}
		case map[string]any:
			key := s.key
			if key == "" {
				key = strconv.Itoa(s.idx)
			}
			if cur, present := c[key]; present {
				c[key] = redactPath(cur, rest)
			}
		}
	}
	return v
}
