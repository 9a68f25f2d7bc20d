package tfjson

import "github.com/rampart-iac/rampart/normalizers"

// lineIndex places the attributes of a resource's config in the JSON file.
// It walks the line tree from the object the config was read from (a plan's
// "values", a state instance's "attributes", a provider's "expressions").
// An empty path, and a path whose first element is not in that object,
// resolve to the whole resource.
type lineIndex struct {
	t     *tree
	root  int32 // the config's node, -1 when the config has none
	whole normalizers.Location
	// exprs marks a root holding configuration expressions: a path may go
	// on into an expression's "constant_value".
	exprs bool
}

var _ normalizers.LineIndex = (*lineIndex)(nil)

// Lookup returns the lines of the deepest prefix of path present in the
// file. Elements are strings (keys) and integers (indexes: any Go integer
// type, an integral float64, a json.Number or a decimal string).
func (x *lineIndex) Lookup(path []any) (normalizers.Location, bool) {
	if len(path) == 0 {
		return x.whole, true
	}
	if x.t == nil || x.root < 0 {
		return x.whole, false
	}
	cur, matched := x.root, 0
	for _, p := range path {
		next, ok := x.t.child(cur, p)
		if !ok && x.exprs {
			// {"constant_value": {...}}: step into the value.
			if cv, found := x.t.child(cur, "constant_value"); found {
				next, ok = x.t.child(cv, p)
			}
		}
		if !ok {
			break
		}
		cur = next
		matched++
	}
	if matched == 0 {
		return x.whole, false
	}
	return x.location(cur), true
}

func (x *lineIndex) location(i int32) normalizers.Location {
	n := &x.t.nodes[i]
	return normalizers.Location{Path: x.whole.Path, StartLine: int(n.start), EndLine: int(n.end)}
}

// funcIndex is a LineIndex computed by a function, for synthesized
// resources such as the plan's "terraform" resource.
type funcIndex struct {
	whole   normalizers.Location
	resolve func(path []any) (normalizers.Location, bool)
}

var _ normalizers.LineIndex = (*funcIndex)(nil)

// Lookup resolves path with the function; the empty path and paths the
// function does not know resolve to the whole resource.
func (x *funcIndex) Lookup(path []any) (normalizers.Location, bool) {
	if len(path) == 0 {
		return x.whole, true
	}
	if loc, ok := x.resolve(path); ok {
		return loc, true
	}
	return x.whole, false
}
