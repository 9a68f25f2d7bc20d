package terraform

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// notResources are the traversal roots that never name a resource.
var notResources = map[string]bool{
	"var": true, "local": true, "module": true, "data": true, "path": true,
	"terraform": true, "count": true, "each": true, "self": true,
	"resource": true, "ephemeral": true,
}

// references returns the addresses of the resources, data sources and
// module calls the traversals of an expression point at, without
// instance keys and prefixed with the instance's module path. References
// through local values and each/dynamic iterators (to their for_each) are
// followed; they never leave the module: an input variable refers to
// nothing (the module call's argument carries the caller's references).
func (m *instance) references(traversals []hcl.Traversal, sc *scope) []string {
	if len(traversals) == 0 {
		return nil
	}
	set := map[string]bool{}
	for _, tr := range traversals {
		m.traversalRefs(tr, sc, set)
	}
	return sortedSet(set)
}

func (m *instance) traversalRefs(tr hcl.Traversal, sc *scope, into map[string]bool) {
	root := tr.RootName()
	if s, ok := sc.lookup(root); ok {
		for _, ref := range s.refs {
			into[ref] = true
		}
		return
	}
	switch root {
	case "var":
		// References stay inside the module: what the caller passed is
		// linked on the module call's arguments.
	case "local":
		if name := attrAt(tr, 1); m.locals[name] != nil {
			for _, ref := range m.localRefs(name) {
				into[ref] = true
			}
		}
	case "module":
		if name := attrAt(tr, 1); name != "" {
			into[m.prefix+"module."+name] = true
		}
	case "data":
		if typ, name := attrAt(tr, 1), attrAt(tr, 2); typ != "" && name != "" {
			into[m.prefix+"data."+typ+"."+name] = true
		}
	default:
		if notResources[root] {
			return
		}
		if len(tr) < 2 {
			return
		}
		if name, ok := tr[1].(hcl.TraverseAttr); ok {
			into[m.prefix+root+"."+name.Name] = true
		}
	}
}

// localRefs returns the references of a local value's expression,
// following other locals. A cycle contributes nothing more.
func (m *instance) localRefs(name string) []string {
	l := m.locals[name]
	switch l.refState {
	case done:
		return l.refs
	case active:
		return nil
	}
	if m.doc.depth >= maxEvalDepth {
		return nil
	}
	l.refState = active
	m.doc.depth++
	l.refs = m.references(l.decl.attr.Expr.Variables(), nil)
	m.doc.depth--
	l.refState = done
	return l.refs
}

func sortedSet(set map[string]bool) []string {
	if len(set) == 0 {
		return nil
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
