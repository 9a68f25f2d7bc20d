package yamltree

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Default limits of Options.
const (
	// DefaultMaxNodes bounds the values one document may produce, counting
	// every copy an alias makes. Real manifests stay far below it; an alias
	// bomb reaches it quickly.
	DefaultMaxNodes = 4_000_000
	// DefaultMaxDepth bounds the nesting of values.
	DefaultMaxDepth = 10_000
)

// Options controls the conversion of YAML nodes to plain values. The zero
// value is ready to use.
type Options struct {
	// MaxNodes bounds the number of values produced from one document,
	// counting each value an alias expansion copies; 0 means
	// DefaultMaxNodes. Going over it fails with ErrTooManyNodes.
	MaxNodes int
	// MaxDepth bounds the nesting depth of the values produced; 0 means
	// DefaultMaxDepth. Going over it fails with ErrTooDeep.
	MaxDepth int
	// YAML11Bools resolves the YAML 1.1 booleans y/n, yes/no, on/off (in
	// lower, title and upper case) of untagged plain scalars to true and
	// false, as yaml.v2 and Kubernetes' sigs.k8s.io/yaml do. By default only
	// the YAML 1.2 core schema applies and they stay strings.
	YAML11Bools bool
	// TagFunc, when set, is called for every node carrying a tag that is not
	// a core one (e.g. "!Ref", "!GetAtt", "!!set"), with the value converted
	// as if the node were untagged. Its result replaces the value; an error
	// fails the conversion. Without it tagged nodes keep their untagged
	// value. Tags are in short form ("!Ref", "!!set"). The line index keeps
	// following the node's own structure.
	TagFunc func(tag string, value any, node *yaml.Node) (any, error)
	// DuplicateKey, when set, is called for a key repeated in one mapping,
	// with the nodes of the first and the repeated key. The last value wins
	// either way.
	DuplicateKey func(key string, first, dup *yaml.Node)
}

// Convert turns a node into plain JSON values: map[string]any, []any, string,
// bool, nil, int64 and float64. Aliases are expanded, merge keys ("<<")
// honoured and mapping keys that are not strings turned into their string
// form ("1", "true", "null"). A DocumentNode converts to its content.
func Convert(n *yaml.Node, opts Options) (any, error) {
	c := newConverter(opts)
	v, _, err := c.value(n, 0)
	return v, err
}

// Convert turns the document into plain JSON values like the package-level
// Convert and builds the line index of every key and element it holds. It
// returns the document's error when it did not parse.
func (d *Document) Convert(opts Options) (any, *Index, error) {
	if d.Err != nil {
		return nil, nil, d.Err
	}
	if d.Root == nil {
		return nil, nil, nil
	}
	c := newConverter(opts)
	c.ix = &indexer{src: d.stream.src, t: &tree{}}
	v, root, err := c.value(d.Root, 0)
	if err != nil {
		return nil, nil, err
	}
	c.ix.flush(d.chunkEnd + 1)
	c.ix.finish(root, d.StartLine)
	return v, &Index{t: c.ix.t, root: root}, nil
}

type converter struct {
	opts     Options
	maxNodes int
	maxDepth int
	nodes    int
	// active holds the anchored collections being converted, to detect an
	// alias that refers to one of its ancestors.
	active map[*yaml.Node]struct{}
	ix     *indexer
	// quiet > 0 while converting nodes that get no index entries: alias
	// targets, keys and merged mappings.
	quiet int
	// expanding is the outermost alias being expanded.
	expanding *yaml.Node
	// indent is the indentation of the block collection holding the node
	// being converted (-1 at the top level), for block scalars.
	indent int
}

func newConverter(opts Options) *converter {
	c := &converter{opts: opts, maxNodes: opts.MaxNodes, maxDepth: opts.MaxDepth, indent: -1}
	if c.maxNodes <= 0 {
		c.maxNodes = DefaultMaxNodes
	}
	if c.maxDepth <= 0 {
		c.maxDepth = DefaultMaxDepth
	}
	return c
}

// indexing returns the indexer when the node being converted gets entries.
func (c *converter) indexing() *indexer {
	if c.quiet > 0 {
		return nil
	}
	return c.ix
}

func (c *converter) errorf(n *yaml.Node, sentinel error, format string, args ...any) *Error {
	return &Error{Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...), Err: sentinel}
}

// value converts n and returns its value and its index entry (-1 when none).
func (c *converter) value(n *yaml.Node, depth int) (any, int32, error) {
	if n == nil {
		return nil, -1, nil
	}
	if depth > c.maxDepth {
		return nil, -1, c.errorf(c.at(n), ErrTooDeep, "values nested deeper than %d levels", c.maxDepth)
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil, -1, nil
		}
		return c.value(n.Content[0], depth+1)
	}
	c.nodes++
	if c.nodes > c.maxNodes {
		return nil, -1, c.errorf(c.at(n), ErrTooManyNodes, "document expands to more than %d values (alias bomb?)", c.maxNodes)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		e := c.leaf(n)
		v, err := c.scalar(n)
		return v, e, err
	case yaml.AliasNode:
		e := c.leaf(n)
		v, err := c.alias(n, depth)
		return v, e, err
	case yaml.MappingNode:
		return c.mapping(n, depth)
	case yaml.SequenceNode:
		return c.sequence(n, depth)
	}
	return nil, -1, c.errorf(n, ErrValue, "unknown node kind %d", n.Kind)
}

// leaf adds the index entry of a scalar or alias. The end of a quoted or
// block scalar is found in the source; others end before what follows them.
func (c *converter) leaf(n *yaml.Node) int32 {
	ix := c.indexing()
	if ix == nil {
		return -1
	}
	ix.flush(n.Line)
	e := ix.add(entry{start: int32(n.Line)})
	end := 0
	switch {
	case n.Kind != yaml.ScalarNode:
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		end = ix.src.blockScalarEnd(&ix.cur, n.Line, n.Column, c.indent)
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		end = ix.src.quotedEnd(&ix.cur, n.Line, n.Column)
	}
	if end > 0 {
		ix.t.entries[e].end = int32(max(end, n.Line))
	} else {
		ix.pending = append(ix.pending, e)
	}
	return e
}

func (c *converter) alias(n *yaml.Node, depth int) (any, error) {
	target := n.Alias
	if target == nil {
		return nil, c.errorf(n, ErrValue, "alias *%s has no anchor", n.Value)
	}
	if _, busy := c.active[target]; busy {
		return nil, c.errorf(n, ErrAliasCycle, "alias *%s refers to a node that contains it", n.Value)
	}
	if c.expanding == nil {
		c.expanding = n
		defer func() { c.expanding = nil }()
	}
	c.quiet++
	v, _, err := c.value(target, depth+1)
	c.quiet--
	return v, err
}

// at returns the node to report a limit at: the outermost alias being
// expanded, if any, else n.
func (c *converter) at(n *yaml.Node) *yaml.Node {
	if c.expanding != nil {
		return c.expanding
	}
	return n
}

// enter marks an anchored collection as being converted.
func (c *converter) enter(n *yaml.Node) {
	if c.active == nil {
		c.active = make(map[*yaml.Node]struct{})
	}
	c.active[n] = struct{}{}
}

func (c *converter) leave(n *yaml.Node) { delete(c.active, n) }

// quietly converts n without index entries.
func (c *converter) quietly(n *yaml.Node, depth int) (any, error) {
	c.quiet++
	v, _, err := c.value(n, depth)
	c.quiet--
	return v, err
}

// merge is the value of one "<<" key: the mappings to merge, in precedence
// order, and the index entry spanning the key and its value.
type merge struct {
	maps []map[string]any
	span int32
}

func (c *converter) mapping(n *yaml.Node, depth int) (any, int32, error) {
	ix := c.indexing()
	self, base := int32(-1), 0
	if ix != nil {
		ix.flush(n.Line)
		self = ix.add(entry{start: int32(n.Line), kind: kindMap})
		base = len(ix.scratch)
	}
	if n.Anchor != "" {
		c.enter(n)
		defer c.leave(n)
	}
	m := make(map[string]any, len(n.Content)/2)
	var merges []merge
	last := int32(-1)
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if ix != nil {
			ix.flush(kn.Line)
		}
		if isMergeKey(kn) {
			span := int32(-1)
			if ix != nil {
				span = ix.add(entry{start: int32(kn.Line)})
				ix.pending = append(ix.pending, span)
				last = span
			}
			v, err := c.quietly(vn, depth+1)
			if err != nil {
				return nil, -1, err
			}
			maps, err := c.mergeMaps(v, vn)
			if err != nil {
				return nil, -1, err
			}
			merges = append(merges, merge{maps: maps, span: span})
			continue
		}
		kv, err := c.quietly(kn, depth+1)
		if err != nil {
			return nil, -1, err
		}
		key := keyString(kv)
		c.indent = kn.Column - 1
		v, e, err := c.value(vn, depth+1)
		if err != nil {
			return nil, -1, err
		}
		_, dup := m[key]
		m[key] = v
		if dup && c.opts.DuplicateKey != nil {
			c.opts.DuplicateKey(key, firstKey(n, i, key), kn)
		}
		if ix == nil || e < 0 {
			continue
		}
		ent := &ix.t.entries[e]
		ent.key = key
		ent.start = min(ent.start, int32(kn.Line))
		last = e
		if dup {
			ix.replaceKid(base, key, e)
		} else {
			ix.scratch = append(ix.scratch, e)
		}
	}
	for _, mg := range merges {
		for _, src := range mg.maps {
			for k, v := range src {
				if _, ok := m[k]; ok {
					continue
				}
				m[k] = v
				if ix != nil {
					ix.scratch = append(ix.scratch, ix.add(entry{key: k, ref: mg.span + 1}))
				}
			}
		}
	}
	if ix != nil {
		ix.close(self, base, last, n)
	}
	if tag := shortTag(n.Tag); n.Style&yaml.TaggedStyle != 0 && !isCoreTag(tag) {
		v, err := c.tagged(tag, m, n)
		return v, self, err
	}
	return m, self, nil
}

func (c *converter) sequence(n *yaml.Node, depth int) (any, int32, error) {
	ix := c.indexing()
	self, base := int32(-1), 0
	if ix != nil {
		ix.flush(n.Line)
		self = ix.add(entry{start: int32(n.Line), kind: kindSeq})
		base = len(ix.scratch)
	}
	if n.Anchor != "" {
		c.enter(n)
		defer c.leave(n)
	}
	s := make([]any, 0, len(n.Content))
	last := int32(-1)
	for _, item := range n.Content {
		c.indent = n.Column - 1
		v, e, err := c.value(item, depth+1)
		if err != nil {
			return nil, -1, err
		}
		s = append(s, v)
		if ix != nil && e >= 0 {
			ix.scratch = append(ix.scratch, e)
			last = e
		}
	}
	if ix != nil {
		ix.close(self, base, last, n)
	}
	if tag := shortTag(n.Tag); n.Style&yaml.TaggedStyle != 0 && !isCoreTag(tag) {
		v, err := c.tagged(tag, s, n)
		return v, self, err
	}
	return s, self, nil
}

// isMergeKey reports whether a mapping key is the merge key "<<" (plain, or
// tagged !!merge).
func isMergeKey(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode || n.Value != "<<" {
		return false
	}
	switch shortTag(n.Tag) {
	case tagMerge:
		return true
	case "", "!":
		return n.Style == 0
	}
	return false
}

// mergeMaps checks the value of a merge key: a mapping or a sequence of
// mappings, earlier ones taking precedence.
func (c *converter) mergeMaps(v any, n *yaml.Node) ([]map[string]any, error) {
	switch v := v.(type) {
	case map[string]any:
		return []map[string]any{v}, nil
	case []any:
		maps := make([]map[string]any, 0, len(v))
		for _, item := range v {
			m, ok := item.(map[string]any)
			if !ok {
				return nil, c.errorf(n, ErrValue, "merge key << needs a mapping or a sequence of mappings, got a sequence holding %s", typeName(item))
			}
			maps = append(maps, m)
		}
		return maps, nil
	}
	return nil, c.errorf(n, ErrValue, "merge key << needs a mapping or a sequence of mappings, got %s", typeName(v))
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64, float64:
		return "a number"
	case []any:
		return "a sequence"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}

// firstKey returns the first key node of mapping n before position i whose
// value is key, for DuplicateKey.
func firstKey(n *yaml.Node, i int, key string) *yaml.Node {
	for j := 0; j < i; j += 2 {
		if k := n.Content[j]; k.Kind == yaml.ScalarNode && k.Value == key {
			return k
		}
	}
	return nil
}
