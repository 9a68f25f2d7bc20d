package yamltree

import (
	"math"

	"go.yaml.in/yaml/v3"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/pathelem"
)

// Index places the keys and elements of a converted document in its source.
// It implements normalizers.LineIndex. Paths are relative to the value the
// index is rooted at. A map entry spans from the line of its key to the last
// line of its value; a sequence element spans its own lines. Keys brought in
// by a merge key ("<<") span the merge entry, and paths below an alias stop
// at the alias. An Index is immutable and safe for concurrent use.
type Index struct {
	t    *tree
	root int32
	path string
}

var _ normalizers.LineIndex = (*Index)(nil)

// tree is the compact form of the index: one entry per key or element, and
// the children of each collection stored contiguously in kids.
type tree struct {
	entries []entry
	kids    []int32
}

type entryKind uint8

const (
	kindLeaf entryKind = iota
	kindMap
	kindSeq
)

type entry struct {
	key        string // the key, for an entry of a mapping
	start, end int32  // lines; end is 0 while unknown
	kidOff     int32  // children: kids[kidOff : kidOff+nkids]
	nkids      int32
	ref        int32 // 1 + the entry whose lines this one shares, or 0
	kind       entryKind
}

// WithPath returns a copy of the index whose locations carry path.
func (x *Index) WithPath(path string) *Index {
	if x == nil {
		return nil
	}
	c := *x
	c.path = path
	return &c
}

// Lookup returns the location of the value at path, or of the deepest prefix
// of path that exists. Elements are strings (keys) and integers (indexes; any
// Go integer type, an integral float64, a json.Number or a decimal string).
// ok is false when not even the first element exists; the location is then
// the root's.
func (x *Index) Lookup(path []any) (normalizers.Location, bool) {
	if x == nil || x.t == nil {
		return normalizers.Location{}, false
	}
	cur, matched := x.root, 0
	for _, p := range path {
		next, ok := x.t.child(cur, p)
		if !ok {
			break
		}
		cur = next
		matched++
	}
	return x.location(cur), matched > 0 || len(path) == 0
}

// Sub returns the index rooted at the value at path, or nil when path does
// not exist in full.
func (x *Index) Sub(path ...any) *Index {
	if x == nil || x.t == nil {
		return nil
	}
	cur := x.root
	for _, p := range path {
		next, ok := x.t.child(cur, p)
		if !ok {
			return nil
		}
		cur = next
	}
	return &Index{t: x.t, root: cur, path: x.path}
}

// Span returns the first and last line of the index's root value.
func (x *Index) Span() (start, end int) {
	if x == nil || x.t == nil {
		return 0, 0
	}
	loc := x.location(x.root)
	return loc.StartLine, loc.EndLine
}

func (x *Index) location(i int32) normalizers.Location {
	e := &x.t.entries[i]
	if e.ref > 0 {
		e = &x.t.entries[e.ref-1]
	}
	return normalizers.Location{Path: x.path, StartLine: int(e.start), EndLine: int(e.end)}
}

// child returns the child of entry i named by path element p.
func (t *tree) child(i int32, p any) (int32, bool) {
	e := &t.entries[i]
	kids := t.kids[e.kidOff : e.kidOff+e.nkids]
	switch e.kind {
	case kindMap:
		key, ok := pathelem.Key(p)
		if !ok {
			return 0, false
		}
		for _, k := range kids {
			if t.entries[k].key == key {
				return k, true
			}
		}
	case kindSeq:
		n, ok := pathelem.Index(p)
		if ok && n >= 0 && n < len(kids) {
			return kids[n], true
		}
	}
	return 0, false
}

// indexer builds a tree while a document is converted. Nodes are visited in
// source order; the end line of a value is the last content line before
// whatever comes next (the next key or element, the bracket closing a flow
// collection, the end of the document), skipping comments, blank lines and
// lone indicators. Values waiting for that next thing are pending.
type indexer struct {
	src     *source
	cur     cursor
	t       *tree
	scratch []int32 // children of the open collections
	pending []int32
	memo    map[int]int // flow collection closing lines, see source.flowEnd
}

func (ix *indexer) add(e entry) int32 {
	ix.t.entries = append(ix.t.entries, e)
	return int32(len(ix.t.entries) - 1)
}

// flush ends the pending values before something that starts at line.
func (ix *indexer) flush(line int) {
	if len(ix.pending) == 0 {
		return
	}
	floor := int32(math.MaxInt32)
	for _, p := range ix.pending {
		floor = min(floor, ix.t.entries[p].start)
	}
	last := int32(ix.src.lastContent(line-1, int(floor)))
	for _, p := range ix.pending {
		e := &ix.t.entries[p]
		e.end = max(e.start, last)
	}
	ix.pending = ix.pending[:0]
}

// replaceKid replaces the child named key of the open mapping whose children
// start at scratch[base] (a repeated key: the last one wins).
func (ix *indexer) replaceKid(base int, key string, e int32) {
	for i := base; i < len(ix.scratch); i++ {
		if ix.t.entries[ix.scratch[i]].key == key {
			ix.scratch[i] = e
			return
		}
	}
	ix.scratch = append(ix.scratch, e)
}

// close stores the children of collection self and sets or defers its end.
// last is its last child in source order.
func (ix *indexer) close(self int32, base int, last int32, n *yaml.Node) {
	e := &ix.t.entries[self]
	e.kidOff = int32(len(ix.t.kids))
	e.nkids = int32(len(ix.scratch) - base)
	ix.t.kids = append(ix.t.kids, ix.scratch[base:]...)
	ix.scratch = ix.scratch[:base]
	if n.Style&yaml.FlowStyle != 0 {
		if ix.memo == nil {
			ix.memo = make(map[int]int)
		}
		if end, _, ok := ix.src.flowEnd(&ix.cur, n.Line, n.Column, ix.memo); ok {
			ix.flush(end)
			e = &ix.t.entries[self]
			e.end = max(e.start, int32(end))
			return
		}
	} else if last >= 0 && ix.t.entries[last].end > 0 {
		e.end = max(e.start, ix.t.entries[last].end)
		return
	}
	ix.pending = append(ix.pending, self)
}

// finish sets the root's first line and keeps every line within the text.
func (ix *indexer) finish(root int32, start int) {
	n := int32(max(ix.src.numLines(), 1))
	if root >= 0 {
		ix.t.entries[root].start = int32(start)
	}
	for i := range ix.t.entries {
		e := &ix.t.entries[i]
		e.start = min(max(e.start, 1), n)
		e.end = min(max(e.end, e.start), n)
	}
}
