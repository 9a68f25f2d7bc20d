// Package sandbox gives normalizers read access to the files of a scan
// beyond the ones discovery hands over (nested templates, module files,
// variable files), never above the scanned path.
package sandbox

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/normalizers"
)

// MaxReadSize caps the files read through a sandbox.
const MaxReadSize = 16 << 20

// ErrOutside is returned for paths that leave the scanned path.
var ErrOutside = errors.New("outside the scanned path")

// FS maps the slash-separated display paths of a scan (the paths discovery
// reports, such as "infra/main.tf") to disk paths below the scanned path,
// and refuses every path above it, symbolic links included.
type FS struct {
	root     string // the scanned path as given; "" when nothing may be read
	rootDisp string // its display path
	isDir    bool   // only a scanned directory has files to read
	realRoot string // root with symbolic links resolved, computed lazily
}

// New returns a sandbox for the scanned path root. With root "" it reads
// nothing and knows no path; with a root that is not a directory it reads
// nothing but still places paths (Rel, Within).
func New(root string) *FS {
	if root == "" {
		return &FS{}
	}
	info, err := os.Stat(root)
	return &FS{root: root, rootDisp: normalizers.DisplayPath(root), isDir: err == nil && info.IsDir()}
}

// CanRead reports whether the sandbox reads files: whether the scanned
// path is a directory.
func (s *FS) CanRead() bool { return s.isDir }

// Rel returns the display path p relative to the scanned path, or false
// when p is not below it.
func (s *FS) Rel(p string) (string, bool) {
	if s.root == "" {
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

// Within reports whether the display path p lies below the scanned path.
func (s *FS) Within(p string) bool {
	_, ok := s.Rel(p)
	return ok
}

// Root returns the scanned path as given to New.
func (s *FS) Root() string { return s.root }

// DiskPath returns the disk path of the display path p after checking
// that it, with symbolic links resolved, stays below the scanned path.
func (s *FS) DiskPath(p string) (string, error) {
	if !s.CanRead() {
		return "", ErrOutside
	}
	rel, ok := s.Rel(p)
	if !ok {
		return "", ErrOutside
	}
	disk := filepath.Join(s.root, filepath.FromSlash(rel))
	if s.realRoot == "" {
		real, err := filepath.EvalSymlinks(s.root)
		if err == nil {
			real, err = filepath.Abs(real)
		}
		if err != nil {
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
		return "", ErrOutside
	}
	return disk, nil
}

// ReadFile reads the display path p, a regular file of at most
// MaxReadSize bytes below the scanned path.
func (s *FS) ReadFile(p string) ([]byte, error) {
	disk, err := s.DiskPath(p)
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
	if info.Size() > MaxReadSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", p, MaxReadSize)
	}
	return io.ReadAll(io.LimitReader(f, MaxReadSize+1))
}

// List returns the names of the files (not directories) of the directory
// at display path p for which keep returns true, sorted.
func (s *FS) List(p string, keep func(string) bool) ([]string, error) {
	disk, err := s.DiskPath(p)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(disk)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && keep(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}
