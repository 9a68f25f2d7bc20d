// Package all assembles the registry of every normalizer Rampart ships.
package all

import (
	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/cloudformation"
	"github.com/rampart-iac/rampart/normalizers/dockerfile"
	"github.com/rampart-iac/rampart/normalizers/kubernetes"
	"github.com/rampart-iac/rampart/normalizers/terraform"
	"github.com/rampart-iac/rampart/normalizers/tfjson"
)

// Options configure the normalizers that take input beyond the files.
type Options struct {
	// Terraform carries --var, --var-file and the TF_VAR_ environment.
	Terraform terraform.Options
	// CloudFormation carries --cfn-params.
	CloudFormation cloudformation.Options
}

// Registry returns a registry of every built-in normalizer with default
// options (no variables from the command line or the environment).
func Registry() *normalizers.Registry { return New(Options{}) }

// New returns a registry of every built-in normalizer, most specific first.
func New(opts Options) *normalizers.Registry {
	return normalizers.NewRegistry(
		dockerfile.New(),
		terraform.New(opts.Terraform),
		// Plans and states before Kubernetes: a plan of kubernetes_manifest
		// resources carries apiVersion and kind keys.
		tfjson.NewPlan(),
		tfjson.NewState(),
		// CloudFormation before Kubernetes: its sniff is specific
		// (AWSTemplateFormatVersion, or Resources with AWS:: types).
		cloudformation.New(opts.CloudFormation),
		kubernetes.New(),
	)
}
