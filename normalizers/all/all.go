// Package all assembles the registry of every normalizer Rampart ships.
package all

import (
	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/dockerfile"
	"github.com/rampart-iac/rampart/normalizers/kubernetes"
)

// Registry returns a registry of every built-in normalizer, most specific first.
func Registry() *normalizers.Registry {
	return normalizers.NewRegistry(
		dockerfile.New(),
		kubernetes.New(),
	)
}
