package cloudformation

import (
	"strings"
)

// stack is one instance of a template: the root template of a document, or
// a nested template evaluated with the Parameters of its
// AWS::CloudFormation::Stack resource.
type stack struct {
	run *run
	tpl *template
	// prefix is prepended to logical ids to make addresses: "" for a root
	// template, "<StackLogicalId>." for a nested one (nested again:
	// "A.B.").
	prefix string
	depth  int
	// chain lists the template paths from the root to this stack, to find
	// cycles.
	chain []string
	// inactive is set when the stack resource that created this stack, or
	// one above it, is inactive: so are all its resources.
	inactive bool

	params    map[string]*paramValue
	conds     map[string]*condState
	entries   []*resEntry
	byID      map[string]*resEntry
	resources map[string]*resState
	outputs   map[string]*outState
	children  map[string]*child
	globals   map[string]*ev
	// forEachValues counts the values Fn::ForEach loops copied.
	forEachValues int
}

// newStack returns a stack of tpl with its parameters bound to inputs.
func newStack(r *run, tpl *template, prefix string, depth int, chain []string, inputs map[string]paramInput) *stack {
	r.stacks++
	r.used[tpl.path] = true
	s := &stack{
		run:       r,
		tpl:       tpl,
		prefix:    prefix,
		depth:     depth,
		chain:     append(chain[:len(chain):len(chain)], tpl.path),
		conds:     make(map[string]*condState),
		resources: make(map[string]*resState),
		outputs:   make(map[string]*outState),
		children:  make(map[string]*child),
		globals:   make(map[string]*ev),
	}
	s.bindParameters(inputs)
	s.warnTransforms()
	return s
}

// addr returns the document address of the logical id.
func (s *stack) addr(id string) string { return s.prefix + id }

// resEntry is one resource of the template, before evaluation.
type resEntry struct {
	id  string
	raw any
	pos pos
}

// resourceEntries lists the resources of the template in source order,
// with Fn::ForEach loops expanded.
func (s *stack) resourceEntries() []*resEntry {
	if s.byID != nil {
		return s.entries
	}
	s.byID = make(map[string]*resEntry)
	res := s.tpl.resources
	for _, id := range s.tpl.order {
		p := res.at(id)
		if strings.HasPrefix(id, "Fn::ForEach::") {
			for _, e := range s.expandForEach(id, res.m[id], p) {
				s.addEntry(e)
			}
			continue
		}
		s.addEntry(&resEntry{id: id, raw: res.m[id], pos: p})
	}
	return s.entries
}

// addEntry adds a resource entry; a repeated logical id is reported.
func (s *stack) addEntry(e *resEntry) {
	if _, dup := s.byID[e.id]; dup {
		s.warnf(e.pos, "resource %s is declared twice; the first one is used", e.id)
		return
	}
	s.byID[e.id] = e
	s.entries = append(s.entries, e)
}

// hasResource reports whether the template declares the logical id.
func (s *stack) hasResource(id string) bool {
	s.resourceEntries()
	_, ok := s.byID[id]
	return ok
}

// resourceType returns the Type of a declared resource, "" when unknown.
func (s *stack) resourceType(id string) string {
	s.resourceEntries()
	if e, ok := s.byID[id]; ok {
		if m, ok := e.raw.(map[string]any); ok {
			t, _ := m["Type"].(string)
			return t
		}
	}
	return ""
}

// lenient reports whether references to names the template does not
// declare are expected: a transform (SAM, a macro) adds resources.
func (s *stack) lenient() bool { return len(s.tpl.transforms) > 0 }
