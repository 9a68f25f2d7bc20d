// Package yamltree turns YAML (and JSON) text into the plain JSON values
// Rampart's normalizers emit, and remembers where every key and element came
// from.
//
// Parse cuts a file into its documents and parses each one with
// go.yaml.in/yaml/v3, so a document that does not parse is reported with its
// line and the documents after it are still read. Document.Convert (or
// Convert, for any node) produces map[string]any, []any, string, bool, nil,
// int64 and float64 values only, resolving scalars with the YAML 1.2 core
// schema as yaml.v3 does, expanding aliases within a budget, honouring merge
// keys and handing custom tags to a hook. The Index it returns implements
// normalizers.LineIndex.
package yamltree
