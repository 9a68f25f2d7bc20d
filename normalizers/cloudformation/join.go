package cloudformation

import (
	"reflect"
	"slices"

	"github.com/rampart-iac/rampart/normalizers"
)

// join combines the two possible values of an Fn::If whose condition is
// unknown into what is known either way: equal values are kept; two
// mappings are joined member by member, a member only one side has being
// unknown; two lists of the same length are joined element by element;
// anything else is unknown. References of both sides are kept.
func join(a, b ev, loc normalizers.Location) ev {
	_, aGone := a.v.(noValue)
	_, bGone := b.v.(noValue)
	switch {
	case aGone && bGone:
		return ev{noValue{}, &node{kind: leafNode, loc: loc}}
	case !aGone && !bGone && reflect.DeepEqual(a.v, b.v):
		n := a.n.movedTo(loc)
		n.refs = append(slices.Clone(n.refs), b.n.allRefs()...)
		return ev{a.v, n}
	}
	switch av := a.v.(type) {
	case map[string]any:
		if bv, ok := b.v.(map[string]any); ok {
			return joinMaps(av, bv, a.n, b.n, loc)
		}
	case []any:
		if bv, ok := b.v.([]any); ok && len(av) == len(bv) {
			out := make([]any, len(av))
			kids := make([]*node, len(av))
			for i := range av {
				an := a.n.element(i)
				j := join(ev{av[i], an}, ev{bv[i], b.n.element(i)}, an.loc)
				if _, gone := j.v.(noValue); gone {
					j.v = unknown
				}
				out[i], kids[i] = j.v, j.n
			}
			return ev{out, &node{kind: listNode, loc: loc, elems: kids}}
		}
	}
	u, _ := unknownOf(a.v, b.v)
	return ev{u, &node{kind: leafNode, loc: loc, refs: append(a.n.allRefs(), b.n.allRefs()...)}}
}

// joinMaps is join for two mappings.
func joinMaps(am, bm map[string]any, an, bn *node, loc normalizers.Location) ev {
	out := make(map[string]any, max(len(am), len(bm)))
	kids := make(map[string]*node, len(out))
	for k, av := range am {
		kn := an.memberIn(k, len(am))
		if bv, ok := bm[k]; ok {
			j := join(ev{av, kn}, ev{bv, bn.memberIn(k, len(bm))}, kn.loc)
			out[k], kids[k] = j.v, j.n
			continue
		}
		u, _ := unknownOf(av)
		out[k], kids[k] = u, &node{kind: leafNode, loc: kn.loc, refs: kn.allRefs()}
	}
	for k, bv := range bm {
		if _, ok := am[k]; ok {
			continue
		}
		kn := bn.memberIn(k, len(bm))
		u, _ := unknownOf(bv)
		out[k], kids[k] = u, &node{kind: leafNode, loc: kn.loc, refs: kn.allRefs()}
	}
	return ev{out, &node{kind: mapNode, loc: loc, keys: kids}}
}
