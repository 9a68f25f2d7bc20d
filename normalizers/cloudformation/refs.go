package cloudformation

import (
	"strings"
)

// fnRef resolves Ref: a parameter, a pseudo parameter or a resource.
func fnRef(s *stack, args any, ap, p pos) ev {
	name, ok := args.(string)
	if !ok {
		s.warnf(p, "Ref takes a name, not %s; its value is unknown", describe(args))
		return ev{unknown, leaf(p, nil)}
	}
	return s.ref(name, p)
}

// ref resolves a name as Ref and ${Name} in Fn::Sub do.
func (s *stack) ref(name string, p pos) ev {
	if pv, ok := s.params[name]; ok {
		return ev{pv.v, leaf(p, pv.refs)}
	}
	if strings.HasPrefix(name, "AWS::") {
		return s.pseudo(name, p)
	}
	if s.hasResource(name) {
		return ev{unknown, leaf(p, []string{s.addr(name)})}
	}
	if !s.lenient() {
		s.warnf(p, "Ref to %s, which is neither a parameter nor a resource of the template; its value is unknown", name)
	}
	return ev{unknown, leaf(p, nil)}
}

// pseudo resolves a pseudo parameter. AWS::Partition and AWS::URLSuffix
// follow AWS::Region when it is given in Options.Parameters, and are the
// commercial partition's otherwise.
func (s *stack) pseudo(name string, p pos) ev {
	given := func(k string) (string, bool) {
		v, ok := s.run.opts.Parameters[k]
		if !ok {
			return "", false
		}
		str, ok := scalarString(v)
		return str, ok
	}
	switch name {
	case "AWS::NoValue":
		return ev{noValue{}, leaf(p, nil)}
	case "AWS::Partition", "AWS::URLSuffix":
		if v, ok := given(name); ok {
			return ev{v, leaf(p, nil)}
		}
		region, _ := given("AWS::Region")
		partition, suffix := "aws", "amazonaws.com"
		switch {
		case strings.HasPrefix(region, "cn-"):
			partition, suffix = "aws-cn", "amazonaws.com.cn"
		case strings.HasPrefix(region, "us-gov-"):
			partition = "aws-us-gov"
		}
		if name == "AWS::Partition" {
			return ev{partition, leaf(p, nil)}
		}
		return ev{suffix, leaf(p, nil)}
	case "AWS::NotificationARNs":
		if v, ok := s.run.opts.Parameters[name]; ok {
			return ev{splitList(v), leaf(p, nil)}
		}
		return ev{unknown, leaf(p, nil)}
	case "AWS::Region", "AWS::AccountId", "AWS::StackId", "AWS::StackName":
		if v, ok := given(name); ok {
			return ev{v, leaf(p, nil)}
		}
		return ev{unknown, leaf(p, nil)}
	}
	s.warnf(p, "unknown pseudo parameter %s; its value is unknown", name)
	return ev{unknown, leaf(p, nil)}
}

// fnGetAtt resolves Fn::GetAtt: unknown, referencing the resource, except
// for the outputs of a nested stack whose template was read.
func fnGetAtt(s *stack, args any, ap, p pos) ev {
	var res, attr string
	switch a := args.(type) {
	case string:
		var ok bool
		if res, attr, ok = strings.Cut(a, "."); !ok {
			s.warnf(p, "Fn::GetAtt takes \"Resource.Attribute\" or [Resource, Attribute], got %q; its value is unknown", a)
			return ev{unknown, leaf(p, nil)}
		}
	case []any:
		l, ok := s.argList("Fn::GetAtt", args, ap, 2, 2)
		if !ok {
			return ev{unknown, leaf(p, nil)}
		}
		if res, ok = l[0].(string); !ok {
			s.warnf(ap.elem(0), "Fn::GetAtt: the resource is %s, not a logical id; its value is unknown", describe(l[0]))
			return ev{unknown, leaf(p, nil)}
		}
		at := s.eval(l[1], ap.elem(1))
		if attr, ok = at.v.(string); !ok {
			if !isUnknown(at.v) {
				s.warnf(ap.elem(1), "Fn::GetAtt: the attribute is %s, not a name; its value is unknown", describe(at.v))
			}
			return ev{unknown, leaf(p, s.resourceRefs(res))}
		}
	default:
		s.warnf(p, "Fn::GetAtt takes \"Resource.Attribute\" or [Resource, Attribute], not %s; its value is unknown", describe(args))
		return ev{unknown, leaf(p, nil)}
	}
	return s.getAtt(res, attr, p)
}

// getAtt resolves the attribute attr of resource res, as Fn::GetAtt and
// "${Resource.Attribute}" in Fn::Sub do.
func (s *stack) getAtt(res, attr string, p pos) ev {
	if !s.hasResource(res) {
		switch {
		case s.params[res] != nil:
			s.warnf(p, "Fn::GetAtt of %s, which is a parameter, not a resource; its value is unknown", res)
		case !s.lenient():
			s.warnf(p, "Fn::GetAtt of %s, which is not a resource of the template; its value is unknown", res)
		}
		return ev{unknown, leaf(p, nil)}
	}
	if out, ok := strings.CutPrefix(attr, "Outputs."); ok && s.resourceType(res) == stackType {
		return s.stackOutput(res, out, p)
	}
	return ev{unknown, leaf(p, []string{s.addr(res)})}
}

// resourceRefs returns the address of id when it is a resource.
func (s *stack) resourceRefs(id string) []string {
	if s.hasResource(id) {
		return []string{s.addr(id)}
	}
	return nil
}
