package funcs

import (
	ctyyaml "github.com/zclconf/go-cty-yaml"
)

// YAMLDecodeFunc is yamldecode(src): the value a single YAML document
// describes, with mappings as objects and sequences as tuples. It is the
// implementation Terraform itself uses.
var YAMLDecodeFunc = ctyyaml.YAMLDecodeFunc

// YAMLEncodeFunc is yamlencode(value): the YAML document for a value, in
// the layout Terraform produces.
var YAMLEncodeFunc = ctyyaml.YAMLEncodeFunc
