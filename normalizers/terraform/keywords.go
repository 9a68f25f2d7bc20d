package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// keywords are the arguments whose values are references or keywords
// written bare (depends_on = [aws_s3_bucket.b], provider = aws.west,
// when = destroy), kept as text instead of evaluated. The key is the
// enclosing block type and the argument name.
var keywords = map[[2]string]bool{
	{"resource", "depends_on"}:                      true,
	{"resource", "provider"}:                        true,
	{"output", "depends_on"}:                        true,
	{"module", "depends_on"}:                        true,
	{"lifecycle", "ignore_changes"}:                 true,
	{"lifecycle", "replace_triggered_by"}:           true,
	{"provisioner", "when"}:                         true,
	{"provisioner", "on_failure"}:                   true,
	{"required_providers", "configuration_aliases"}: true,
}

// keywordValue returns the text of a keyword argument: a reference or a
// keyword (aws.west, destroy), or a list of them (depends_on). It fails
// for anything else, which is then evaluated.
func keywordValue(expr hcl.Expression) (any, bool) {
	if s, ok := keywordOrString(expr); ok {
		return s, true
	}
	elems, diags := hcl.ExprList(expr)
	if diags.HasErrors() {
		return nil, false
	}
	list := make([]any, 0, len(elems))
	for _, e := range elems {
		s, ok := keywordOrString(e)
		if !ok {
			if tr, diags := hcl.RelTraversalForExpr(e); !diags.HasErrors() {
				s, ok = traversalString(tr), true
			}
		}
		if !ok {
			return nil, false
		}
		list = append(list, s)
	}
	return list, true
}

// referring are the keyword arguments whose values name resources.
var referring = map[string]bool{"depends_on": true, "replace_triggered_by": true}

// keywordRefs returns the addresses a keyword argument's value (a string
// or a list of them, as keywordValue returns) names: depends_on =
// [aws_s3_bucket.b] refers to aws_s3_bucket.b.
func (b *builder) keywordRefs(v any, sc *scope) []string {
	var texts []string
	switch v := v.(type) {
	case string:
		texts = []string{v}
	case []any:
		for _, el := range v {
			if s, ok := el.(string); ok {
				texts = append(texts, s)
			}
		}
	}
	var trs []hcl.Traversal
	for _, s := range texts {
		if tr, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.InitialPos); !diags.HasErrors() {
			trs = append(trs, tr)
		}
	}
	return b.m.references(trs, sc)
}

// providersMap reads the providers argument of a module call, a map of
// provider configurations written bare: { aws = aws.west, "aws.b" = aws }.
func providersMap(expr hcl.Expression) (map[string]any, bool) {
	pairs, diags := hcl.ExprMap(expr)
	if diags.HasErrors() {
		return nil, false
	}
	out := make(map[string]any, len(pairs))
	for _, p := range pairs {
		key, ok := keywordOrString(unwrapKey(p.Key))
		if !ok {
			return nil, false
		}
		val, ok := keywordOrString(p.Value)
		if !ok {
			return nil, false
		}
		out[key] = val
	}
	return out, true
}

// unwrapKey returns the expression of an object constructor key.
func unwrapKey(expr hcl.Expression) hcl.Expression {
	if k, ok := expr.(*hclsyntax.ObjectConsKeyExpr); ok {
		return k.Wrapped
	}
	return expr
}

// keywordOrString returns a bare keyword (an HCL traversal such as
// aws.west or destroy) or a literal string, as text.
func keywordOrString(expr hcl.Expression) (string, bool) {
	if tr, diags := hcl.AbsTraversalForExpr(expr); !diags.HasErrors() {
		return traversalString(tr), true
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// traversalString formats a traversal as Terraform writes it:
// aws_s3_bucket.b, module.m, aws.west, x[0].
func traversalString(tr hcl.Traversal) string {
	var b strings.Builder
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString(".")
			b.WriteString(s.Name)
		case hcl.TraverseIndex:
			b.WriteString(instanceKey(s.Key))
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}
