package cloudformation

import (
	"strconv"
)

// collector turns an evaluated value into plain JSON values and gathers,
// by attribute path, what the markers and nodes say: unknown paths,
// references and dynamic references.
type collector struct {
	unknown []string
	refs    map[string][]string
	dyn     []dynEntry
}

// dynEntry is a dynamic reference found at an attribute path.
type dynEntry struct {
	path, ref string
}

// finalize returns the plain mapping of an evaluated Properties value.
func (c *collector) finalize(e ev) map[string]any {
	v, _, _ := c.strip(e.v, e.n, "")
	if m, ok := v.(map[string]any); ok {
		return m
	}
	return map[string]any{}
}

// strip returns v without markers: an unknown value is dropped (keep is
// false: a mapping leaves the member out, a list holds null) and its path
// recorded, a secret becomes "(sensitive)". changed reports whether the
// result differs from v; v itself is never modified.
func (c *collector) strip(v any, n *node, path string) (out any, keep, changed bool) {
	if n != nil && len(n.refs) > 0 {
		if c.refs == nil {
			c.refs = make(map[string][]string)
		}
		c.refs[path] = append(c.refs[path], n.refs...)
	}
	switch t := v.(type) {
	case unknownValue:
		c.unknown = append(c.unknown, path)
		for _, ref := range t.dyn {
			c.dyn = append(c.dyn, dynEntry{path: path, ref: ref})
		}
		return nil, false, true
	case noValue:
		return nil, false, true
	case secret:
		return redacted, true, true
	case map[string]any:
		if n != nil && n.kind == verbatimNode {
			return v, true, false
		}
		var copied map[string]any
		for _, k := range sortedKeys(t) {
			var kn *node
			if n != nil && n.kind == mapNode {
				kn = n.keys[k]
			}
			x, keep, ch := c.strip(t[k], kn, joinPath(path, k))
			if !ch {
				continue
			}
			if copied == nil {
				copied = make(map[string]any, len(t))
				for k2, v2 := range t {
					copied[k2] = v2
				}
			}
			if keep {
				copied[k] = x
			} else {
				delete(copied, k)
			}
		}
		if copied == nil {
			return v, true, false
		}
		return copied, true, true
	case []any:
		if n != nil && n.kind == verbatimNode {
			return v, true, false
		}
		var copied []any
		for i, e := range t {
			var en *node
			if n != nil && n.kind == listNode && i < len(n.elems) {
				en = n.elems[i]
			}
			x, keep, ch := c.strip(e, en, joinPath(path, strconv.Itoa(i)))
			if !ch {
				continue
			}
			if copied == nil {
				copied = append([]any(nil), t...)
			}
			if !keep {
				x = nil
			}
			copied[i] = x
		}
		if copied == nil {
			return v, true, false
		}
		return copied, true, true
	}
	return v, true, false
}

// joinPath appends an element to a dotted attribute path.
func joinPath(path, elem string) string {
	if path == "" {
		return elem
	}
	return path + "." + elem
}

// plainValue returns an evaluated value without markers (see strip) and
// whether it is fully known. A wholly unknown value is nil.
func plainValue(v any) (any, bool) {
	var c collector
	out, keep, _ := c.strip(v, nil, "")
	if !keep {
		return nil, false
	}
	return out, len(c.unknown) == 0
}
