package normalizers

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// DefaultMaxFileSize is the largest file discovery reads; larger files are
// skipped with a reason.
const DefaultMaxFileSize = 16 << 20

// Skip reasons.
const (
	ReasonUnknownFormat = "no known format"
	ReasonExcluded      = "excluded"
	ReasonTooLarge      = "larger than the size limit"
	ReasonBinary        = "binary file"
	ReasonHelmTemplate  = "Helm chart template (rendered charts are not scanned yet)"
)

// skippedDirs are never descended into.
var skippedDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "node_modules": true, ".terraform": true}

// DiscoverOptions tune Discover.
type DiscoverOptions struct {
	// Excludes are glob patterns matched against the slash path of every file
	// and directory (relative to the scanned path) and against each of its
	// path segments. "**" matches any number of directories.
	Excludes []string
	// MaxFileSize limits the size of files read; 0 means DefaultMaxFileSize.
	MaxFileSize int64
}

// Candidate is a file discovery matched to a normalizer.
type Candidate struct {
	File       File
	Normalizer Normalizer
	// Root is the scanned path (as given) the file was found under.
	Root string
}

// Skipped is a file discovery did not hand to a normalizer, and why.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Discovery is what Discover found under the scanned paths.
type Discovery struct {
	Candidates []Candidate
	Skipped    []Skipped
	// Errors are files or paths that could not be read.
	Errors []Diagnostic
}

// Discover walks the paths once, reads every file that is not excluded and
// picks a normalizer for it. Paths are reported slash-separated, relative to
// the working directory when they are below it.
func Discover(paths []string, reg *Registry, opts DiscoverOptions) (*Discovery, error) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	for _, p := range opts.Excludes {
		if _, err := path.Match(strings.ReplaceAll(p, "**", "*"), ""); err != nil {
			return nil, fmt.Errorf("bad exclude pattern %q: %w", p, err)
		}
	}
	d := &Discovery{}
	seen := map[string]bool{}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("scan path: %w", err)
		}
		if !info.IsDir() {
			d.visit(DisplayPath(root), root, root, "", reg, opts, seen)
			continue
		}
		charts := map[string]bool{}
		err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if err != nil {
				d.Errors = append(d.Errors, Diagnostic{Severity: SeverityError, Path: DisplayPath(p), Message: fmt.Sprintf("cannot read: %v", errors.Unwrap(err))})
				if e != nil && e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if e.IsDir() {
				if p != root && (skippedDirs[e.Name()] || excluded(rel, opts.Excludes)) {
					return fs.SkipDir
				}
				if _, err := os.Stat(filepath.Join(p, "Chart.yaml")); err == nil {
					charts[filepath.ToSlash(p)] = true
				}
				return nil
			}
			if !e.Type().IsRegular() {
				return nil
			}
			disp := DisplayPath(p)
			if rel != "." && excluded(rel, opts.Excludes) {
				d.Skipped = append(d.Skipped, Skipped{Path: disp, Reason: ReasonExcluded})
				return nil
			}
			d.visit(disp, p, root, helmChartOf(filepath.ToSlash(p), charts), reg, opts, seen)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", root, err)
		}
	}
	sort.Slice(d.Candidates, func(i, j int) bool { return d.Candidates[i].File.Path < d.Candidates[j].File.Path })
	sort.Slice(d.Skipped, func(i, j int) bool { return d.Skipped[i].Path < d.Skipped[j].Path })
	return d, nil
}

// helmChartOf returns the chart directory when p is inside a chart's
// templates/ or charts/ folder.
func helmChartOf(p string, charts map[string]bool) string {
	for dir := path.Dir(p); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		base := path.Base(dir)
		if base == "templates" || base == "charts" {
			if charts[path.Dir(dir)] {
				return path.Dir(dir)
			}
		}
		if path.Dir(dir) == dir {
			break
		}
	}
	return ""
}

func (d *Discovery) visit(disp, p, root, chart string, reg *Registry, opts DiscoverOptions, seen map[string]bool) {
	if seen[disp] {
		return
	}
	seen[disp] = true
	info, err := os.Stat(p)
	if err != nil {
		d.Errors = append(d.Errors, Diagnostic{Severity: SeverityError, Path: disp, Message: fmt.Sprintf("cannot read: %v", err)})
		return
	}
	if info.Size() > opts.MaxFileSize {
		d.Skipped = append(d.Skipped, Skipped{Path: disp, Reason: fmt.Sprintf("%s (%d bytes > %d)", ReasonTooLarge, info.Size(), opts.MaxFileSize)})
		return
	}
	content, err := os.ReadFile(p)
	if err != nil {
		d.Errors = append(d.Errors, Diagnostic{Severity: SeverityError, Path: disp, Message: fmt.Sprintf("cannot read: %v", err)})
		return
	}
	if chart != "" && isHelmSource(disp) {
		d.Skipped = append(d.Skipped, Skipped{Path: disp, Reason: ReasonHelmTemplate})
		return
	}
	if looksBinary(content) {
		d.Skipped = append(d.Skipped, Skipped{Path: disp, Reason: ReasonBinary})
		return
	}
	n := reg.Detect(disp, content)
	if n == nil {
		d.Skipped = append(d.Skipped, Skipped{Path: disp, Reason: ReasonUnknownFormat})
		return
	}
	d.Candidates = append(d.Candidates, Candidate{File: File{Path: disp, Content: content}, Normalizer: n, Root: root})
}

func isHelmSource(p string) bool {
	switch path.Ext(p) {
	case ".yaml", ".yml", ".tpl", ".json", ".txt":
		return true
	}
	return false
}

// looksBinary reports a NUL byte in the first 8 KiB.
func looksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	return bytes.IndexByte(b, 0) >= 0
}

// MatchPath reports whether a slash path matches a glob the way --exclude
// does: as a whole path ("**" spans directories, a directory pattern covers
// everything below it) or, for a pattern without "/", any path segment.
func MatchPath(pattern, p string) bool { return excluded(p, []string{pattern}) }

// excluded matches rel against every pattern, as a whole path and per segment.
func excluded(rel string, patterns []string) bool {
	for _, pat := range patterns {
		pat = strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(pat), "./"), "/")
		if matchGlob(pat, rel) {
			return true
		}
		if !strings.Contains(pat, "/") {
			for _, seg := range strings.Split(rel, "/") {
				if ok, _ := path.Match(pat, seg); ok {
					return true
				}
			}
		}
	}
	return false
}

// matchGlob matches slash paths with path.Match semantics plus "**", which
// spans any number of segments (including none).
func matchGlob(pat, name string) bool {
	ps, ns := strings.Split(pat, "/"), strings.Split(name, "/")
	var match func(i, j int) bool
	match = func(i, j int) bool {
		for i < len(ps) {
			if ps[i] == "**" {
				for k := j; k <= len(ns); k++ {
					if match(i+1, k) {
						return true
					}
				}
				return false
			}
			if j >= len(ns) {
				return false
			}
			if ok, _ := path.Match(ps[i], ns[j]); !ok {
				return false
			}
			i, j = i+1, j+1
		}
		return j == len(ns)
	}
	// A pattern naming a directory also excludes everything below it.
	return match(0, 0) || (len(ns) > len(ps) && matchPrefix(ps, ns))
}

func matchPrefix(ps, ns []string) bool {
	for i := 1; i < len(ns); i++ {
		if matchGlob(strings.Join(ps, "/"), strings.Join(ns[:i], "/")) {
			return true
		}
	}
	return false
}

// DisplayPath makes p slash-separated and relative to the working directory
// when it lies below it: the path discovery names a file or scanned path by.
func DisplayPath(p string) string {
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}
