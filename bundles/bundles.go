// Package bundles loads versioned Rego policy bundles: the built-in library
// embedded in the binary, policy directories and bundle tarballs.
package bundles

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/loader"

	"github.com/rampart-iac/rampart/policies"
)

// BuiltinName is the name of the built-in bundle in reports.
const BuiltinName = "builtin"

// Bundle is a set of parsed Rego modules with a name and revision.
type Bundle struct {
	// Name identifies the bundle in reports: "builtin" or the path it was loaded from.
	Name string
	// Revision is the manifest revision plus a digest of the module sources,
	// so two builds of the same revision with different rules are told apart.
	Revision string
	// Modules are the policy modules, parsed with their METADATA annotations.
	// Test modules (*_test.rego) are excluded.
	Modules []*Module
	// Tests are the *_test.rego modules of the bundle.
	Tests []*Module
}

// Module is one Rego source file of a bundle.
type Module struct {
	// Path of the file inside the bundle (for the built-in bundle:
	// "policies/<...>.rego"; for a directory: the path on disk).
	Path   string
	Raw    []byte
	Parsed *ast.Module
}

// IsTestFile reports whether a Rego file name is a unit-test file.
func IsTestFile(name string) bool { return strings.HasSuffix(name, "_test.rego") }

// Builtin loads the embedded built-in policy library.
func Builtin() (*Bundle, error) {
	b, err := FromFS(policies.FS, BuiltinName, "policies")
	if err != nil {
		return nil, fmt.Errorf("load built-in policies: %w", err)
	}
	return b, nil
}

// FromFS reads a bundle from a file system: every .rego file and the
// .manifest. prefix is prepended to module paths so that errors and
// locations name a path the user can find (policies/lib/aws/s3.rego).
func FromFS(fsys fs.FS, name, prefix string) (*Bundle, error) {
	b := &Bundle{Name: name}
	h := sha256.New()
	var errs []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".rego" {
			return nil
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		shown := p
		if prefix != "" {
			shown = path.Join(prefix, p)
		}
		parsed, err := ast.ParseModuleWithOpts(shown, string(raw), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			errs = append(errs, err.Error())
			return nil
		}
		m := &Module{Path: shown, Raw: raw, Parsed: parsed}
		if IsTestFile(p) {
			b.Tests = append(b.Tests, m)
			return nil
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(raw)
		b.Modules = append(b.Modules, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read policy bundle %s: %w", name, err)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("read policy bundle %s: %s", name, strings.Join(errs, "\n"))
	}
	b.Revision = hex.EncodeToString(h.Sum(nil))[:12]
	if raw, err := fs.ReadFile(fsys, ".manifest"); err == nil {
		var m bundle.Manifest
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("read policy bundle %s: .manifest: %w", name, err)
		}
		if m.Revision != "" {
			b.Revision = m.Revision + "+" + b.Revision
		}
	}
	return b, nil
}

// Load reads a bundle from a directory or a .tar.gz bundle file.
func Load(p string) (*Bundle, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("load policy bundle: %w", err)
	}
	if info.IsDir() {
		return loadDir(p)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("load policy bundle: %w", err)
	}
	defer f.Close()
	return read(bundle.NewCustomReader(bundle.NewTarballLoaderWithBaseURL(f, p)), p, p)
}

// loadDir reads every .rego file below dir, so that errors name paths as the
// user wrote them (dir/x.rego:3), and the revision from dir/.manifest if any.
// Other files (fixtures, data) are ignored.
func loadDir(dir string) (*Bundle, error) {
	onlyRego := func(_ string, info fs.FileInfo, _ int) bool {
		return !info.IsDir() && filepath.Ext(info.Name()) != ".rego"
	}
	res, err := loader.NewFileLoader().
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		Filtered([]string{dir}, onlyRego)
	if err != nil {
		return nil, fmt.Errorf("read policy directory %s: %w", dir, err)
	}
	b := &Bundle{Name: dir}
	names := make([]string, 0, len(res.Modules))
	for name := range res.Modules {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		rf := res.Modules[name]
		m := &Module{Path: filepath.ToSlash(rf.Name), Raw: rf.Raw, Parsed: rf.Parsed}
		if IsTestFile(rf.Name) {
			b.Tests = append(b.Tests, m)
			continue
		}
		h.Write([]byte(m.Path))
		h.Write([]byte{0})
		h.Write(rf.Raw)
		b.Modules = append(b.Modules, m)
	}
	b.Revision = hex.EncodeToString(h.Sum(nil))[:12]
	if raw, err := os.ReadFile(filepath.Join(dir, ".manifest")); err == nil {
		var m bundle.Manifest
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("read %s: %w", filepath.Join(dir, ".manifest"), err)
		}
		if m.Revision != "" {
			b.Revision = m.Revision + "+" + b.Revision
		}
	}
	return b, nil
}

func read(r *bundle.Reader, name, prefix string) (*Bundle, error) {
	raw, err := r.WithProcessAnnotations(true).
		WithRegoVersion(ast.RegoV1).
		WithSkipBundleVerification(true).
		Read()
	if err != nil {
		return nil, fmt.Errorf("read policy bundle %s: %w", name, err)
	}
	b := &Bundle{Name: name}
	h := sha256.New()
	files := append([]bundle.ModuleFile(nil), raw.Modules...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	for _, mf := range files {
		p := mf.Path
		if prefix != "" {
			p = path.Join(prefix, strings.TrimPrefix(p, "/"))
		}
		m := &Module{Path: p, Raw: mf.Raw, Parsed: mf.Parsed}
		if IsTestFile(mf.Path) {
			b.Tests = append(b.Tests, m)
			continue
		}
		h.Write([]byte(mf.Path))
		h.Write([]byte{0})
		h.Write(mf.Raw)
		b.Modules = append(b.Modules, m)
	}
	digest := hex.EncodeToString(h.Sum(nil))[:12]
	b.Revision = digest
	if rev := raw.Manifest.Revision; rev != "" {
		b.Revision = rev + "+" + digest
	}
	return b, nil
}
