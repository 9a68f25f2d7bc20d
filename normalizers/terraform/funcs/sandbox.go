package funcs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// sandbox resolves and reads the paths given to file functions, refusing
// any that lead outside the scanned directory.
type sandbox struct {
	// baseDir is the absolute, cleaned directory relative paths start from.
	baseDir string
	// root is the absolute scanned directory with its symlinks resolved.
	root string
	// maxSize is the largest file, in bytes, that read returns.
	maxSize int64
	// closed is set when no directory was given: nothing may be read.
	closed bool
}

// errOutside is wrapped by every error about a path outside the sandbox.
var errOutside = errors.New("outside the scanned directory")

// newSandbox builds the sandbox described by opts.
func newSandbox(opts Options) *sandbox {
	s := &sandbox{maxSize: opts.MaxFileSize}
	if s.maxSize <= 0 {
		s.maxSize = DefaultMaxFileSize
	}
	base, root := opts.BaseDir, opts.Root
	switch {
	case base == "" && root == "":
		s.closed = true
		return s
	case root == "":
		root = base
	case base == "":
		base = root
	}
	s.baseDir, s.root = absClean(base), absClean(root)
	if real, err := filepath.EvalSymlinks(s.root); err == nil {
		s.root = real
	}
	return s
}

// absClean returns p as a cleaned absolute path, or cleaned as it is if the
// working directory is unknown.
func absClean(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// outsideError reports that the path shown as display is outside the sandbox.
func outsideError(display string) error {
	return fmt.Errorf("file %s is %w", display, errOutside)
}

// notExistError is Terraform's message for a missing file.
func notExistError(display string) error {
	return fmt.Errorf("no file exists at %s; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource", display)
}

// absPath turns a path argument into a cleaned absolute path: a leading "~"
// names the home directory, and a relative path starts at the base directory.
func (s *sandbox) absPath(p string) (string, error) {
	if strings.HasPrefix(p, "~") {
		expanded, err := expandHome(p)
		if err != nil {
			return "", err
		}
		p = expanded
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(s.baseDir, p)
	}
	return filepath.Clean(p), nil
}

// errUserHome reports a path starting with "~user", which names another
// user's home directory.
var errUserHome = errors.New("cannot expand user-specific home dir")

// expandHome replaces a leading "~" with the current user's home directory.
func expandHome(p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") && !strings.HasPrefix(p, "~"+string(filepath.Separator)) {
		return "", errUserHome
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot expand home dir: %w", err)
	}
	return filepath.Join(home, p[1:]), nil
}

// within reports whether the absolute path p is dir or below it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	if err != nil {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// resolveReal resolves the symlinks in the absolute path p. Components that
// do not exist are kept as they are, after the longest prefix that does.
func resolveReal(p string) (string, error) {
	real, err := filepath.EvalSymlinks(p)
	if err == nil {
		return real, nil
	}
	if !isNotExist(err) {
		return "", err
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p, nil
	}
	realParent, err := resolveReal(parent)
	if err != nil {
		return "", err
	}
	return filepath.Join(realParent, filepath.Base(p)), nil
}

// isNotExist reports whether err means that a path, or one of its parent
// directories, does not exist.
func isNotExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || strings.Contains(err.Error(), "not a directory")
}

// resolve turns a path argument into its real location, relative to the
// sandbox root. display is how the path is named in error messages.
func (s *sandbox) resolve(p, display string) (string, error) {
	if s.closed {
		return "", fmt.Errorf("file %s cannot be read: no scanned directory was given", display)
	}
	abs, err := s.absPath(p)
	if err != nil {
		return "", fmt.Errorf("invalid path %s: %w", display, err)
	}
	real, err := resolveReal(abs)
	if err != nil {
		return "", fmt.Errorf("failed to resolve %s: %w", display, err)
	}
	if !within(s.root, real) {
		return "", outsideError(display)
	}
	rel, err := filepath.Rel(s.root, real)
	if err != nil {
		return "", outsideError(display)
	}
	return rel, nil
}

// openRoot opens the sandbox root; every access goes through it, so that a
// symlink swapped in after resolve still cannot lead outside.
func (s *sandbox) openRoot() (*os.Root, error) {
	r, err := os.OpenRoot(s.root)
	if err != nil {
		return nil, fmt.Errorf("cannot open the scanned directory: %w", err)
	}
	return r, nil
}

// wrapRootErr turns an error from os.Root into one of this package's errors.
func wrapRootErr(err error, display string) error {
	switch {
	case isNotExist(err):
		return notExistError(display)
	case strings.Contains(err.Error(), "escapes"):
		return outsideError(display)
	default:
		return fmt.Errorf("failed to read %s: %w", display, err)
	}
}

// read returns the content of the regular file at path p.
func (s *sandbox) read(p, display string) ([]byte, error) {
	rel, err := s.resolve(p, display)
	if err != nil {
		return nil, err
	}
	r, err := s.openRoot()
	if err != nil {
		return nil, err
	}
	defer r.Close()

	fi, err := r.Stat(rel)
	if err != nil {
		return nil, wrapRootErr(err, display)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file, but %s", display, fileKind(fi.Mode()))
	}
	if fi.Size() > s.maxSize {
		return nil, fmt.Errorf("file %s is %d bytes, larger than the %d bytes this scanner reads", display, fi.Size(), s.maxSize)
	}
	f, err := r.Open(rel)
	if err != nil {
		return nil, wrapRootErr(err, display)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, s.maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("failed to read %s: %w", display, err)
	}
	if int64(len(data)) > s.maxSize {
		return nil, fmt.Errorf("file %s is larger than the %d bytes this scanner reads", display, s.maxSize)
	}
	return data, nil
}

// exists reports whether a regular file exists at path p.
func (s *sandbox) exists(p, display string) (bool, error) {
	rel, err := s.resolve(p, display)
	if err != nil {
		return false, err
	}
	r, err := s.openRoot()
	if err != nil {
		return false, err
	}
	defer r.Close()

	fi, err := r.Stat(rel)
	if err != nil {
		if isNotExist(err) {
			return false, nil
		}
		if strings.Contains(err.Error(), "escapes") {
			return false, outsideError(display)
		}
		return false, fmt.Errorf("failed to stat %s: %w", display, err)
	}
	if fi.Mode().IsRegular() {
		return true, nil
	}
	return false, fmt.Errorf("%s is not a regular file, but %s", display, fileKind(fi.Mode()))
}

// fileKind names the kind of a file that is not a regular file.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return fmt.Sprintf("of mode %q", m.Type().String())
	}
}
