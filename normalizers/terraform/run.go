package terraform

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/sandbox"
)

// run is one call of Normalize or NormalizeTree: the files handed over,
// the modules parsed from them (each once), and the diagnostics.
type run struct {
	ctx  context.Context
	opts Options
	fs   *sandbox.FS
	// scanned maps the directories of the handed-over files to them.
	scanned map[string][]normalizers.File
	modules map[string]*moduleConfig
	// varFiles caches parsed variable files by path (nil: unreadable).
	varFiles map[string]*varFile
	// manifests caches .terraform/modules/modules.json by root module.
	manifests map[string]map[string]string
	funcs     map[string]map[string]function.Function
	memo      map[string]memoResult
	memoBytes int
	diags     diagnostics
	// budget counts down the resources and module instances a document
	// may still produce.
	budget int
}

func newRun(ctx context.Context, opts Options, fs *sandbox.FS, files []normalizers.File) *run {
	r := &run{
		ctx:       ctx,
		opts:      opts,
		fs:        fs,
		scanned:   map[string][]normalizers.File{},
		modules:   map[string]*moduleConfig{},
		varFiles:  map[string]*varFile{},
		manifests: map[string]map[string]string{},
		funcs:     map[string]map[string]function.Function{},
		memo:      map[string]memoResult{},
	}
	for _, f := range files {
		if !isConfigFile(f.Path) {
			continue
		}
		dir := path.Dir(f.Path)
		r.scanned[dir] = append(r.scanned[dir], f)
	}
	return r
}

// addDiag records a diagnostic.
func (r *run) addDiag(d normalizers.Diagnostic) { r.diags.add(d) }

// addHCLDiags records HCL diagnostics; warn makes errors warnings.
func (r *run) addHCLDiags(diags hcl.Diagnostics, warn bool) {
	for _, d := range diags {
		r.diags.add(fromHCL(d, warn, nil))
	}
}

// normalize evaluates every root module into a document.
func (r *run) normalize() ([]*normalizers.Document, []normalizers.Diagnostic) {
	dirs := make([]string, 0, len(r.scanned))
	for d := range r.scanned {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var docs []*normalizers.Document
	for _, root := range r.roots(dirs) {
		if err := r.ctx.Err(); err != nil {
			r.addDiag(newDiag(root, 0, 0, false, fmt.Sprintf("not evaluated: %v", err)))
			continue
		}
		docs = append(docs, r.document(root))
	}
	where := "."
	if len(dirs) > 0 {
		where = dirs[0]
	}
	return docs, r.diags.sorted(where)
}

// module returns the parsed configuration of the module in dir (a display
// path), parsing it on first use: from the handed-over files when dir was
// scanned, else from the disk below the scanned path. It returns nil when
// dir holds no configuration file.
func (r *run) module(dir string) *moduleConfig {
	if m, ok := r.modules[dir]; ok {
		return m
	}
	r.modules[dir] = nil
	var files []*file
	if scanned, ok := r.scanned[dir]; ok {
		for _, f := range scanned {
			files = append(files, r.parse(f.Path, f.Content))
		}
	} else if r.fs.CanRead() {
		names, err := r.fs.List(dir, isConfigFile)
		if err != nil {
			return nil
		}
		for _, n := range names {
			p := path.Join(dir, n)
			src, err := r.fs.ReadFile(p)
			if err != nil {
				r.addDiag(newDiag(p, 0, 0, false, fmt.Sprintf("cannot read: %v", err)))
				continue
			}
			files = append(files, r.parse(p, src))
		}
	}
	if len(files) == 0 {
		return nil
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].path < files[j].path })
	m := newModuleConfig(dir, files, func(d *hcl.Diagnostic, warn bool) { r.addHCLDiags(hcl.Diagnostics{d}, warn) })
	r.modules[dir] = m
	return m
}

// parse parses one file and records its syntax errors.
func (r *run) parse(p string, src []byte) *file {
	f, diags := parseFile(p, src)
	r.addHCLDiags(diags, false)
	return f
}

// readLimited reads a file named on the command line, at most sandbox.MaxReadSize
// bytes.
func readLimited(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, sandbox.MaxReadSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > sandbox.MaxReadSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", p, sandbox.MaxReadSize)
	}
	return b, nil
}
