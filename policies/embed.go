// Package policies holds Rampart's built-in Rego rule library. The files are
// embedded in the binary; see docs/rule-authoring.md for how rules are written.
package policies

import "embed"

// FS is the built-in library: every file under this directory (new platform
// directories are picked up without editing this file) and the bundle's
// .manifest. Unit tests (*_test.rego) are included so that
// `rampart test` can run them from the binary.
//
//go:embed * .manifest
var FS embed.FS
