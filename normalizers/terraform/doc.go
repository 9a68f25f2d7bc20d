// Package terraform normalizes Terraform configurations (.tf and .tf.json files) into one "terraform" document per root module, evaluated statically the way Terraform would evaluate them.
//
// The exact shape is specified in docs/documents.md, section "terraform".
//
// NormalizeTree receives every configuration file of one scanned path.
// Files are grouped by directory; a root module is a directory no other
// scanned directory calls as a local module. Each root is evaluated with
// the modules it calls: local ones, and those terraform init already
// downloaded (.terraform/modules/modules.json); remote sources are never
// fetched. Nothing is read above the scanned path, symbolic links
// included, and nothing is run.
//
// Input variables take their values from declared defaults, TF_VAR_
// environment variables, terraform.tfvars, *.auto.tfvars, --var-file and
// --var, in Terraform's order, converted to their declared types
// (optional() attributes included). Local values, module inputs and
// outputs are evaluated lazily, so that evaluation follows dependencies
// rather than source order, and cycles end as unknown values.
// Conditionals, for expressions, splats, templates and Terraform's
// built-in functions (package funcs) are evaluated; count and for_each
// expand resources and module calls into instances, dynamic blocks into
// nested blocks.
//
// What cannot be known statically (attributes of other resources, data
// sources, variables without a value, impure functions) is unknown: left
// out of the config and listed by attribute path. Sensitive values are
// redacted wherever they flow. Every resource records, per attribute, the
// addresses it refers to (through local values and module inputs too) and
// the lines of each attribute.
//
// Problems are diagnostics: syntax errors are errors naming file, line and
// column, and the module's other files are still evaluated; evaluation
// problems are warnings and leave the value concerned unknown. Inputs that
// would exhaust the scanner (expressions nested hundreds of levels deep,
// huge count values, module cycles) are errors, never a hang or a crash.
//
// The code is organised by job: parse.go reads files, config.go and body.go
// give the static view of a module, run.go and document.go drive a scan
// (reading files through normalizers/internal/sandbox), functions.go builds
// the function table, vars.go, lazy.go, eval.go, expand.go and modules.go
// evaluate, and body_eval.go, keywords.go, resources.go, terraform_block.go,
// convert.go, refs.go and lines.go build the resources.
package terraform
