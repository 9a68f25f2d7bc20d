// Package cloudformation normalizes AWS CloudFormation and SAM templates
// (.yaml, .yml, .json and .template files) into one "cloudformation"
// document per root template, with one resource per logical resource.
//
// The exact shape is specified in docs/documents.md, section
// "cloudformation". In short: a resource's address is its logical id
// (prefixed "<Stack>." inside a nested stack), its type the CloudFormation
// type, its provider the type's lower-cased first part ("aws"), and its
// config the Properties with intrinsic functions evaluated statically:
// parameters (defaults, Options.Parameters), pseudo parameters, conditions,
// mappings and every intrinsic function are resolved where the value can be
// known; what cannot (Fn::GetAtt, Ref of a resource, Fn::ImportValue,
// Fn::GetAZs, dynamic references, most pseudo parameters) is left out of
// config and listed in the resource's unknown paths. Ref, Fn::GetAtt and
// Fn::Sub variables naming resources become references. NoEcho parameter
// values are replaced by "(sensitive)".
//
// The resource attributes besides Properties, the parameters, conditions,
// mappings, outputs, transforms, inactive resources (Condition false),
// nested stacks and dynamic references are document extras. SAM templates
// keep their AWS::Serverless::* resources, with the Globals section merged
// into their Properties; the SAM transform itself is not run. Nested stacks
// whose TemplateURL is a local path are read (below the scanned path only)
// when the normalizer is given a directory through NormalizeTree, and their
// resources join the parent's document.
//
// Files are read with yamltree (go.yaml.in/yaml/v3), JSON included, so
// every resource knows its lines and Resource.Lines places any attribute
// path, through intrinsic functions and SAM Globals to the line the value
// came from. Nothing is fetched or executed.
package cloudformation
