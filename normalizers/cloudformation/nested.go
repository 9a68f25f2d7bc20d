package cloudformation

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/rampart-iac/rampart/normalizers/internal/sandbox"
)

// stackType is the type of a nested stack resource.
const stackType = "AWS::CloudFormation::Stack"

// child is the nested stack of an AWS::CloudFormation::Stack resource.
type child struct {
	address string
	url     any    // TemplateURL as evaluated: a string, or nil when unknown
	path    string // display path of a local template
	// resolved is set when the template was read and evaluated.
	resolved bool
	reason   string
	stack    *stack
}

// child returns the nested stack of the resource id, reading its template
// the first time when TemplateURL is a local path.
func (s *stack) child(id string, p pos) *child {
	if c, ok := s.children[id]; ok {
		return c
	}
	c := &child{address: s.addr(id)}
	st := s.resource(id, p)
	if st == nil {
		c.reason = "circular reference"
		return c
	}
	s.children[id] = c
	props, _ := st.props.v.(map[string]any)
	switch u := props["TemplateURL"].(type) {
	case string:
		c.url = u
	case nil:
		if _, ok := props["TemplateURL"]; !ok && !isUnknown(st.props.v) {
			s.warnf(st.entry.pos, "nested stack %s has no TemplateURL", id)
			c.reason = "no TemplateURL"
			return c
		}
		c.reason = "TemplateURL is not known statically"
		return c
	default:
		c.reason = "TemplateURL is not known statically"
		return c
	}
	url := c.url.(string)
	switch {
	case url == "":
		c.reason = "TemplateURL is empty"
		return c
	case strings.Contains(url, "://") || strings.HasPrefix(url, "s3:"):
		c.reason = "remote templates are not fetched"
		return c
	case path.IsAbs(url):
		c.reason = "absolute TemplateURL paths are not read"
		return c
	}
	c.path = path.Clean(path.Join(path.Dir(s.tpl.path), url))
	if s.run.quiet {
		c.reason = "not read while probing"
		return c
	}
	s.load(c, st)
	return c
}

// load reads and instantiates the local template of a nested stack.
func (s *stack) load(c *child, st *resState) {
	at := st.entry.pos.key("Properties").key("TemplateURL")
	switch {
	case slices.Contains(s.chain, c.path):
		s.errorf(at, "nested stack %s: template %s includes itself (%s)", c.address, c.path, strings.Join(append(s.chain, c.path), " → "))
		c.reason = "cycle of nested stacks"
		return
	case s.depth+1 > maxDepth:
		s.errorf(at, "nested stack %s: stacks nested deeper than %d levels", c.address, maxDepth)
		c.reason = fmt.Sprintf("nested deeper than %d levels", maxDepth)
		return
	case s.run.stacks >= maxStacks:
		if !s.run.overBudget {
			s.run.overBudget = true
			s.errorf(at, "nested stack %s: more than %d stacks to evaluate in one document; this one and the next are not read", c.address, maxStacks)
		}
		c.reason = fmt.Sprintf("more than %d stacks", maxStacks)
		return
	}
	tpl, err := s.run.template(c.path)
	switch {
	case errors.Is(err, errNoTree):
		c.reason = err.Error()
		return
	case errors.Is(err, sandbox.ErrOutside):
		s.warnf(at, "nested stack %s: %s is outside the scanned path; not read", c.address, c.path)
		c.reason = err.Error()
		return
	case err != nil:
		s.warnf(at, "nested stack %s: cannot read %s: %v", c.address, c.path, unwrapPathError(err))
		c.reason = "cannot read the template"
		return
	}
	s.run.report(tpl)
	if !tpl.ok {
		c.reason = "the template does not parse"
		return
	}
	inputs := s.stackParameters(c, st, tpl)
	c.stack = newStack(s.run, tpl, c.address+".", s.depth+1, s.chain, inputs)
	c.stack.inactive = s.inactive || !st.active
	c.resolved = true
	for _, name := range sortedKeys(c.stack.params) {
		pv := c.stack.params[name]
		if _, given := inputs[name]; !given && isUnknown(pv.v) && !strings.HasPrefix(pv.typ, "AWS::SSM::") {
			if _, hasDefault := pv.decl["Default"]; !hasDefault {
				s.warnf(st.entry.pos, "nested stack %s does not set parameter %s, which has no default", c.address, name)
			}
		}
	}
}

// stackParameters returns the Parameters of a stack resource as inputs of
// its template, with the resources each value was computed from.
func (s *stack) stackParameters(c *child, st *resState, tpl *template) map[string]paramInput {
	props, _ := st.props.v.(map[string]any)
	pn := st.props.n.member("Parameters")
	inputs := map[string]paramInput{}
	switch params := props["Parameters"].(type) {
	case nil:
	case map[string]any:
		for k, v := range params {
			kn := pn.memberIn(k, len(params))
			inputs[k] = paramInput{v: v, refs: kn.allRefs()}
			if _, declared := tpl.parameters.m[k]; !declared {
				s.warnf(posAt(kn), "nested stack %s sets parameter %s, which %s does not declare", c.address, k, c.path)
			}
		}
	case unknownValue:
	default:
		s.warnf(posAt(pn), "nested stack %s: Parameters is %s, not a mapping", c.address, describe(params))
	}
	return inputs
}

// posAt returns a position at a node's location.
func posAt(n *node) pos { return pos{loc: n.loc} }

// stackOutput resolves Fn::GetAtt [Stack, Outputs.Name] of a nested stack:
// the output's value when the child template was read, unknown otherwise.
// It references the stack resource and whatever the output references.
func (s *stack) stackOutput(id, name string, p pos) ev {
	refs := []string{s.addr(id)}
	c := s.child(id, p)
	if !c.resolved {
		return ev{unknown, leaf(p, refs)}
	}
	o := c.stack.output(name, p)
	if o == nil {
		s.warnf(p, "nested stack %s (%s) has no output %s; its value is unknown", c.address, c.path, name)
		return ev{unknown, leaf(p, refs)}
	}
	return ev{o.value.v, leaf(p, append(refs, o.value.n.allRefs()...))}
}

// unwrapPathError drops the operation and path of an *fs.PathError, which
// the message already names.
func unwrapPathError(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}
