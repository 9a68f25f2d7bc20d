package cloudformation

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// shortForms maps the YAML short-form tags of intrinsic functions to the
// key of their long form.
var shortForms = map[string]string{
	"!Ref":          "Ref",
	"!Condition":    "Condition",
	"!Sub":          "Fn::Sub",
	"!GetAtt":       "Fn::GetAtt",
	"!Join":         "Fn::Join",
	"!Select":       "Fn::Select",
	"!Split":        "Fn::Split",
	"!If":           "Fn::If",
	"!Equals":       "Fn::Equals",
	"!And":          "Fn::And",
	"!Or":           "Fn::Or",
	"!Not":          "Fn::Not",
	"!FindInMap":    "Fn::FindInMap",
	"!Base64":       "Fn::Base64",
	"!Cidr":         "Fn::Cidr",
	"!ImportValue":  "Fn::ImportValue",
	"!GetAZs":       "Fn::GetAZs",
	"!Transform":    "Fn::Transform",
	"!ToJsonString": "Fn::ToJsonString",
	"!Length":       "Fn::Length",
}

// tagFunc returns the yamltree.Options.TagFunc that turns short forms into
// long ones ("!Ref X" → {"Ref": "X"}). Other tags keep their value and are
// reported through warn.
func tagFunc(warn func(line, col int, msg string)) func(string, any, *yaml.Node) (any, error) {
	return func(tag string, v any, n *yaml.Node) (any, error) {
		if long, ok := shortForms[tag]; ok {
			if v == nil && n.Kind == yaml.ScalarNode {
				v = "" // "!GetAZs" alone, like !GetAZs ''
			}
			return map[string]any{long: v}, nil
		}
		warn(n.Line, n.Column, fmt.Sprintf("unknown YAML tag %s; the value is used as written", tag))
		return v, nil
	}
}
