package cloudformation

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// maxReadSize caps the nested templates the normalizer reads from disk.
const maxReadSize = 16 << 20

// errOutside is returned for paths that leave the scanned path.
var errOutside = errors.New("outside the scanned path")

// errNoTree is returned when the scan was not given a directory, so no file
// other than the ones handed over may be read.
var errNoTree = errors.New("nested templates are read only when a directory is scanned")

// sandbox maps the display paths of a scan (slash-separated, as discovery
// reports them) to files below the scanned path and refuses every path
// above it, symbolic links included.
type sandbox struct {
	root     string // the scanned directory as given; "" when nothing may be read
	rootDisp string // its display path
	realRoot string // root with symbolic links resolved, computed lazily
}

// newSandbox returns a sandbox for the scanned path root. A root that is
// not a directory reads nothing.
func newSandbox(root string) *sandbox {
	if root == "" {
		return &sandbox{}
	}
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		return &sandbox{}
	}
	return &sandbox{root: root, rootDisp: displayPath(root)}
}

// rel returns the display path p relative to the scanned path, or false
// when p is not below it.
func (s *sandbox) rel(p string) (string, bool) {
	p = path.Clean(p)
	root := s.rootDisp
	switch {
	case s.root == "":
		return "", false
	case p == root:
		return ".", true
	case root == ".":
		if path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
			return "", false
		}
		return p, true
	case strings.HasPrefix(p, strings.TrimSuffix(root, "/")+"/"):
		return strings.TrimPrefix(p, strings.TrimSuffix(root, "/")+"/"), true
	}
	return "", false
}

// readFile reads the display path p after checking that it, with symbolic
// links resolved, is a regular file below the scanned path.
func (s *sandbox) readFile(p string) ([]byte, error) {
	if s.root == "" {
		return nil, errNoTree
	}
	rel, ok := s.rel(p)
	if !ok {
		return nil, errOutside
	}
	disk := filepath.Join(s.root, filepath.FromSlash(rel))
	if s.realRoot == "" {
		real, err := filepath.EvalSymlinks(s.root)
		if err == nil {
			real, err = filepath.Abs(real)
		}
		if err != nil {
			return nil, fmt.Errorf("resolve the scanned path: %w", err)
		}
		s.realRoot = real
	}
	real, err := filepath.EvalSymlinks(disk)
	if err != nil {
		return nil, err
	}
	if real, err = filepath.Abs(real); err != nil {
		return nil, err
	}
	if r, err := filepath.Rel(s.realRoot, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return nil, errOutside
	}
	f, err := os.Open(disk)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	if info.Size() > maxReadSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", p, maxReadSize)
	}
	return io.ReadAll(io.LimitReader(f, maxReadSize+1))
}

// displayPath makes p slash-separated and relative to the working directory
// when it lies below it, as discovery names files.
func displayPath(p string) string {
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}
