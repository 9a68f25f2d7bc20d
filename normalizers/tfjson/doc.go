// Package tfjson normalizes Terraform's JSON artifacts: the plan that `terraform show -json <planfile>` prints ("terraform-plan") and state files of format version 4 ("terraform-state"), into one document per file with the same resource view as the HCL normalizer, so one rule covers configuration, plan and state.
//
// The exact shape is specified in docs/documents.md, section
// "terraform-plan and terraform-state".
//
// Plan: every resource instance of planned_values (the root module and its
// child modules, managed and data) becomes a resource with Terraform's
// address, its type, the provider's local name ("aws" for
// registry.terraform.io/hashicorp/aws) and its planned values as config.
// Data sources Terraform read while planning, which only the prior state
// holds, are added too. Values that stay unknown until apply (the resource
// change's after_unknown) are taken out of config and listed as dotted
// paths in Unknown ("arn", "rule.0.id"). References come from the plan's
// configuration expressions, mapped to resource addresses without instance
// keys. Each provider_config entry becomes a "provider" resource holding
// its constant arguments, and each module whose providers carry version
// constraints a "terraform" resource holding required_providers. The
// document extras are terraform_version and the root module's variable
// values.
//
// State: every current object of every resource instance becomes a
// resource whose config is the instance's attributes and whose references
// are its dependencies, under "depends_on". The document extras are
// terraform_version, serial and lineage.
//
// Sensitive values (a plan's sensitive_values and after_sensitive, a
// state's sensitive_attributes, sensitive root variables) are replaced by
// "(sensitive)". Numbers are int64 when the JSON wrote an integer that fits,
// float64 otherwise.
//
// Files are decoded by a small JSON parser that records the line of every
// value, so each resource spans the lines of its object in the file and
// Resource.Lines places any attribute. A file that is not valid JSON, or
// whose format version is not supported, yields no document and an error
// diagnostic with the position; an entry of the wrong shape is skipped
// with a warning and the others are kept. Nothing is ever executed or
// downloaded.
package tfjson
