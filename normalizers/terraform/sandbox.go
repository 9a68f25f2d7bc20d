package terraform

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// maxReadSize caps the files the normalizer reads from disk itself (module
// files not handed over by discovery, variable files, modules.json).
const maxReadSize = 16 << 20

// errOutside is returned for paths that leave the scanned path.
var errOutside = errors.New("outside the scanned path")

// sandbox maps the slash-separated display paths of a scan (the paths
// discovery reports, such as "infra/main.tf") to disk paths below the
// scanned path, and refuses every path above it, symbolic links included.
type sandbox struct {
	root     string // the scanned path as given; "" when nothing may be read
	rootDisp string // its display path
	enabled  bool
	isFile   bool   // the scanned path is a single file: nothing else is read
	realRoot string // root with symbolic links resolved, computed lazily
}

// newSandbox returns a sandbox for the scanned path root, shown as
// rootDisp. A disabled sandbox reads nothing.
func newSandbox(root, rootDisp string, enabled bool) *sandbox {
	s := &sandbox{root: root, rootDisp: rootDisp, enabled: enabled && root != ""}
	if s.enabled {
		if info, err := os.Stat(root); err != nil || !info.IsDir() {
			s.isFile = true
		}
	}
	return s
}

// canRead reports whether the sandbox reads files other than the ones
// handed over.
func (s *sandbox) canRead() bool { return s.enabled && !s.isFile }

// rel returns p relative to the scanned path, or false when p is not below
// it.
func (s *sandbox) rel(p string) (string, bool) {
	if !s.enabled {
		return "", false
	}
	p = path.Clean(p)
	root := s.rootDisp
	switch {
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

// within reports whether the display path p lies below the scanned path.
func (s *sandbox) within(p string) bool {
	_, ok := s.rel(p)
	return ok
}

// diskPath returns the disk path of the display path p after checking
// that it, with symbolic links resolved, stays below the scanned path.
func (s *sandbox) diskPath(p string) (string, error) {
	if !s.canRead() {
		return "", errOutside
	}
	rel, ok := s.rel(p)
	if !ok {
		return "", errOutside
	}
	disk := filepath.Join(s.root, filepath.FromSlash(rel))
	if s.realRoot == "" {
		real, err := filepath.EvalSymlinks(s.root)
		if err != nil {
			return "", fmt.Errorf("resolve %s: %w", s.root, err)
		}
		if real, err = filepath.Abs(real); err != nil {
			return "", fmt.Errorf("resolve %s: %w", s.root, err)
		}
		s.realRoot = real
	}
	real, err := filepath.EvalSymlinks(disk)
	if err != nil {
		return "", err
	}
	if real, err = filepath.Abs(real); err != nil {
		return "", err
	}
	if r, err := filepath.Rel(s.realRoot, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", errOutside
	}
	return disk, nil
}

// readFile reads the display path p, at most maxReadSize bytes.
func (s *sandbox) readFile(p string) ([]byte, error) {
	disk, err := s.diskPath(p)
	if err != nil {
		return nil, err
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

// list returns the names of the regular files of directory p for which
// keep returns true, sorted.
func (s *sandbox) list(p string, keep func(string) bool) ([]string, error) {
	disk, err := s.diskPath(p)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(disk)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() || !keep(e.Name()) {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names, nil
}

// displayPath makes p slash-separated and relative to the working
// directory when it lies below it, as discovery names files.
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
