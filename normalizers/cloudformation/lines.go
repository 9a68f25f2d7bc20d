package cloudformation

import (
	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/pathelem"
	"github.com/rampart-iac/rampart/normalizers/internal/yamltree"
)

// pos is a place in a template's source: the index of the value there (nil
// when the value has no node of its own, e.g. after a key was substituted)
// and its location.
type pos struct {
	ix  *yamltree.Index
	loc normalizers.Location
}

// posOf returns the position of the value ix is rooted at.
func posOf(ix *yamltree.Index) pos {
	loc, _ := ix.Lookup(nil)
	return pos{ix: ix, loc: loc}
}

// key returns the position of the member k of the mapping at p, or p's
// location when there is none.
func (p pos) key(k string) pos {
	if p.ix != nil {
		if sub := p.ix.Sub(k); sub != nil {
			return posOf(sub)
		}
	}
	return pos{loc: p.loc}
}

// maxIndexedKeys bounds the mappings whose members get positions of their
// own. Finding a member in the yamltree index scans its mapping, so doing
// it for every member of a huge mapping would take quadratic time; the
// members of a larger mapping (only generated or hostile files have them:
// CloudFormation allows 500 resources) are placed at the mapping.
const maxIndexedKeys = 1024

// keyIn is key for a member of a mapping of size members.
func (p pos) keyIn(k string, size int) pos {
	if size > maxIndexedKeys {
		return pos{loc: p.loc}
	}
	return p.key(k)
}

// elem returns the position of element i of the list at p.
func (p pos) elem(i int) pos {
	if p.ix != nil {
		if sub := p.ix.Sub(i); sub != nil {
			return posOf(sub)
		}
	}
	return pos{loc: p.loc}
}

// args returns the position of the arguments of the function name called at
// p: the member name of the long form, p itself for a YAML short form
// ("!If [...]"), whose tag the line index does not see.
func (p pos) args(name string) pos {
	if p.ix != nil {
		if sub := p.ix.Sub(name); sub != nil {
			return posOf(sub)
		}
	}
	return p
}

// line returns the first line of p.
func (p pos) line() int { return p.loc.StartLine }

// nodeKind tells how a node places the children of its value.
type nodeKind uint8

const (
	// leafNode has no children: deeper paths stop at its location.
	leafNode nodeKind = iota
	// verbatimNode holds a value copied unchanged from the source: deeper
	// paths are looked up in its yamltree index.
	verbatimNode
	// mapNode and listNode hold one node per member or element of a value
	// the evaluation built.
	mapNode
	listNode
)

// node mirrors an evaluated value: it places the value and its children in
// the source and carries the addresses of the resources the value was
// computed from. It implements normalizers.LineIndex.
type node struct {
	kind  nodeKind
	loc   normalizers.Location
	ix    *yamltree.Index // verbatimNode
	keys  map[string]*node
	elems []*node
	refs  []string
	// moved is set on the node of a function's result: its value may be a
	// source value, but not the one at its own position.
	moved bool
}

var _ normalizers.LineIndex = (*node)(nil)

// verbatim returns the node of a value taken unchanged from p.
func verbatim(p pos) *node {
	if p.ix == nil {
		return &node{kind: leafNode, loc: p.loc}
	}
	return &node{kind: verbatimNode, loc: p.loc, ix: p.ix}
}

// leaf returns a node without children at p, computed from refs.
func leaf(p pos, refs []string) *node {
	return &node{kind: leafNode, loc: p.loc, refs: refs}
}

// movedTo returns a copy of n placed at loc: the value of a function call
// (Fn::If, Fn::Select, ...) is placed at the call, its children where they
// came from.
func (n *node) movedTo(loc normalizers.Location) *node {
	c := *n
	c.loc, c.moved = loc, true
	return &c
}

// isVerbatim reports whether the node's value is the source value at its
// own position, so the enclosing value needs no copy.
func (n *node) isVerbatim() bool { return n.kind == verbatimNode && !n.moved }

// member returns the node of member k of n's mapping value.
func (n *node) member(k string) *node {
	switch n.kind {
	case mapNode:
		if c := n.keys[k]; c != nil {
			return c
		}
	case verbatimNode:
		if sub := n.ix.Sub(k); sub != nil {
			return verbatim(posOf(sub))
		}
	}
	return &node{kind: leafNode, loc: n.loc}
}

// memberIn is member for a member of a mapping of size members (see
// maxIndexedKeys).
func (n *node) memberIn(k string, size int) *node {
	if n.kind == verbatimNode && size > maxIndexedKeys {
		return &node{kind: leafNode, loc: n.loc}
	}
	return n.member(k)
}

// element returns the node of element i of n's list value.
func (n *node) element(i int) *node {
	switch n.kind {
	case listNode:
		if i >= 0 && i < len(n.elems) {
			return n.elems[i]
		}
	case verbatimNode:
		if sub := n.ix.Sub(i); sub != nil {
			return verbatim(posOf(sub))
		}
	}
	return &node{kind: leafNode, loc: n.loc}
}

// allRefs returns the references of n and of every node below it.
func (n *node) allRefs() []string {
	var out []string
	var walk func(*node)
	walk = func(n *node) {
		out = append(out, n.refs...)
		for _, c := range n.keys {
			walk(c)
		}
		for _, c := range n.elems {
			walk(c)
		}
	}
	walk(n)
	return out
}

// Lookup places an attribute path: the deepest node the path reaches, and
// below a verbatim node the yamltree index of the source. The root itself is
// placed at the whole resource.
func (n *node) Lookup(path []any) (normalizers.Location, bool) {
	if n == nil {
		return normalizers.Location{}, false
	}
	cur := n
	for i, p := range path {
		var next *node
		switch cur.kind {
		case verbatimNode:
			if loc, ok := cur.ix.Lookup(path[i:]); ok {
				return loc, true
			}
		case mapNode:
			if k, ok := pathelem.Key(p); ok {
				next = cur.keys[k]
			}
		case listNode:
			if j, ok := pathelem.Index(p); ok && j >= 0 && j < len(cur.elems) {
				next = cur.elems[j]
			}
		}
		if next == nil {
			return cur.loc, i > 0
		}
		cur = next
	}
	return cur.loc, true
}
