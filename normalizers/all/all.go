// Package all assembles the registry of every normalizer Rampart ships.
package all

import (
	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/dockerfile"
	"github.com/rampart-iac/rampart/normalizers/kubernetes"
	"github.com/rampart-iac/rampart/normalizers/tfjson"
)

// Registry returns a registry of every built-in normalizer, most specific first.
func Registry() *normalizers.Registry {
	return normalizers.NewRegistry(
		dockerfile.New(),
		// Plans and states before Kubernetes: a plan of kubernetes_manifest
		// resources carries apiVersion and kind keys.
		tfjson.NewPlan(),
		tfjson.NewState(),
		kubernetes.New(),
	)
}
