package cloudformation

import (
	"strings"

	"github.com/rampart-iac/rampart/normalizers"
)

// documents returns the documents of the files: one per root template. A
// template is a root when no other template of the set uses it as a local
// nested stack. Templates not reached from a root (nested deeper than the
// limit, nesting each other in a cycle, used by a TemplateURL that only
// resolves to them with the defaults) then become roots too, the ones no
// other unreached template uses first, so every file is scanned.
func (r *run) documents(files []normalizers.File) []*normalizers.Document {
	tpls := make([]*template, 0, len(files))
	for _, f := range files {
		t, _ := r.template(f.Path)
		tpls = append(tpls, t)
	}
	edges := r.probe(tpls)
	nested := map[string]bool{}
	for _, children := range edges {
		for _, c := range children {
			nested[c] = true
		}
	}
	var docs []*normalizers.Document
	for _, t := range tpls {
		if !nested[t.path] {
			docs = append(docs, r.document(t))
		}
	}
	for r.ctx.Err() == nil {
		var unused []*template
		usedByUnused := map[string]bool{}
		for _, t := range tpls {
			if !r.used[t.path] {
				unused = append(unused, t)
				for _, c := range edges[t.path] {
					usedByUnused[c] = true
				}
			}
		}
		if len(unused) == 0 {
			break
		}
		next := unused[0]
		for _, t := range unused {
			if !usedByUnused[t.path] {
				next = t
				break
			}
		}
		docs = append(docs, r.document(next))
	}
	return docs
}

// probe returns, for each template of the set, the other templates of the
// set it uses as local nested stacks, evaluating TemplateURLs with the
// root parameters and without reading anything.
func (r *run) probe(tpls []*template) map[string][]string {
	edges := map[string][]string{}
	if len(tpls) < 2 {
		return edges
	}
	r.quiet = true
	defer func() {
		r.quiet = false
		r.stacks = 0
		r.used = make(map[string]bool)
	}()
	for _, t := range tpls {
		if !t.ok {
			continue
		}
		s := newStack(r, t, "", 0, nil, r.rootInputs())
		for _, e := range s.resourceEntries() {
			if s.resourceType(e.id) != stackType {
				continue
			}
			c := s.child(e.id, e.pos)
			if _, ok := r.files[c.path]; ok && c.path != t.path {
				edges[t.path] = append(edges[t.path], c.path)
			}
		}
	}
	return edges
}

// rootInputs returns Options.Parameters as inputs of a root template
// (pseudo parameters left out).
func (r *run) rootInputs() map[string]paramInput {
	inputs := make(map[string]paramInput, len(r.opts.Parameters))
	for k, v := range r.opts.Parameters {
		if !strings.HasPrefix(k, "AWS::") {
			inputs[k] = paramInput{v: v}
		}
	}
	return inputs
}
