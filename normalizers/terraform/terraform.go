package terraform

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/sandbox"
)

// Name is the format name and the Kind of the documents the normalizer emits.
const Name = "terraform"

// Defaults of Options.
const (
	DefaultMaxInstances   = 10_000
	DefaultMaxModuleDepth = 32
)

// Options tune how Terraform configurations are evaluated.
type Options struct {
	// Vars are "name=value" assignments, as given to --var. They apply to
	// every root module and win over every other source.
	Vars []string
	// VarFiles are variable definition files (HCL or, with a .json suffix,
	// JSON), as given to --var-file, read in order after the module's own
	// terraform.tfvars and *.auto.tfvars files.
	VarFiles []string
	// Env is the environment ("NAME=value") searched for TF_VAR_<name>
	// variables. The default is none; the CLI passes os.Environ().
	Env []string
	// MaxInstances caps the instances one count or for_each may expand to
	// (default 10,000).
	MaxInstances int
	// MaxModuleDepth caps the nesting of module calls (default 32).
	MaxModuleDepth int
}

// Normalizer reads Terraform configurations (.tf and .tf.json files). It
// keeps no state between calls and is safe for concurrent use.
type Normalizer struct {
	opts Options
}

var _ normalizers.TreeNormalizer = (*Normalizer)(nil)

// New returns a Terraform normalizer. Zero fields of opts take their
// defaults.
func New(opts Options) *Normalizer {
	if opts.MaxInstances <= 0 {
		opts.MaxInstances = DefaultMaxInstances
	}
	if opts.MaxModuleDepth <= 0 {
		opts.MaxModuleDepth = DefaultMaxModuleDepth
	}
	return &Normalizer{opts: opts}
}

// Name returns "terraform".
func (*Normalizer) Name() string { return Name }

// Detect accepts files named *.tf or *.tf.json. It looks at the name only.
func (*Normalizer) Detect(p string, _ []byte) bool {
	return isConfigFile(p)
}

// isConfigFile reports whether the base name of p is a Terraform
// configuration file name.
func isConfigFile(p string) bool {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	for _, ext := range []string{".tf", ".tf.json"} {
		if len(base) > len(ext) && strings.HasSuffix(base, ext) {
			return true
		}
	}
	return false
}

// Normalize reads one file as a module on its own, located at the file's
// directory. It reads nothing else: local modules it calls are reported as
// not resolved, variable files are not read and file functions are
// unavailable. Scans use NormalizeTree.
func (n *Normalizer) Normalize(ctx context.Context, f normalizers.File) ([]*normalizers.Document, []normalizers.Diagnostic) {
	return n.guard(path.Dir(f.Path), func() ([]*normalizers.Document, []normalizers.Diagnostic) {
		r := newRun(ctx, n.opts, sandbox.New(""), []normalizers.File{f})
		return r.normalize()
	})
}

// NormalizeTree evaluates every root module among files (all from the
// scanned path root) with the local modules they call, and returns one
// document per root module. It may read other files below root (modules
// not among files, .terraform/modules, variable files, file() arguments)
// and never anything above it.
func (n *Normalizer) NormalizeTree(ctx context.Context, root string, files []normalizers.File) ([]*normalizers.Document, []normalizers.Diagnostic) {
	where := root
	if len(files) > 0 {
		where = path.Dir(files[0].Path)
	}
	return n.guard(where, func() ([]*normalizers.Document, []normalizers.Diagnostic) {
		r := newRun(ctx, n.opts, sandbox.New(root), files)
		return r.normalize()
	})
}

// recoverPanics is cleared by the fuzz target, which wants to see panics.
var recoverPanics = true

// guard runs fn and turns a panic into an error diagnostic, the last line
// of defence: panics are bugs and the fuzz target looks for them.
func (n *Normalizer) guard(where string, fn func() ([]*normalizers.Document, []normalizers.Diagnostic)) (docs []*normalizers.Document, diags []normalizers.Diagnostic) {
	if !recoverPanics {
		return fn()
	}
	defer func() {
		if r := recover(); r != nil {
			docs = nil
			diags = append(diags, normalizers.Diagnostic{
				Severity: normalizers.SeverityError,
				Path:     where,
				Message:  fmt.Sprintf("internal error in the terraform normalizer: %v (please report this input)", r),
			})
		}
	}()
	return fn()
}
