package changes

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// baseEntry is a file of the base commit.
type baseEntry struct {
	hash plumbing.Hash
	mode filemode.FileMode
}

// treeFiles lists the files of tree (not directories, not submodules)
// without reading their contents.
func treeFiles(tree *object.Tree) (map[string]baseEntry, error) {
	files := make(map[string]baseEntry)
	w := object.NewTreeWalker(tree, true, nil)
	defer w.Close()
	for {
		name, e, err := w.Next()
		if errors.Is(err, io.EOF) {
			return files, nil
		}
		if err != nil {
			return nil, fmt.Errorf("walk tree %s: %w", tree.Hash, err)
		}
		if e.Mode == filemode.Dir || e.Mode == filemode.Submodule {
			continue
		}
		files[name] = baseEntry{hash: e.Hash, mode: e.Mode}
	}
}

// working is what the working tree holds besides the base commit's files.
type working struct {
	// paths are the files of the index and the untracked files git does
	// not ignore, relative to the root.
	paths map[string]struct{}
	// skip are index entries a sparse checkout leaves out of the working
	// tree.
	skip map[string]bool
}

// workingFiles lists the files that make up the working tree: those in the
// index (tracked, even when an ignore rule matches them) and the untracked
// files no ignore rule matches. Nested repositories (submodules) are left
// out.
func workingFiles(repo *git.Repository, root string) (*working, error) {
	idx, err := repo.Storer.Index()
	if err != nil {
		return nil, fmt.Errorf("read the index: %w", err)
	}
	w := &working{paths: make(map[string]struct{}, len(idx.Entries)), skip: make(map[string]bool)}
	for _, e := range idx.Entries {
		switch {
		case e.Mode == filemode.Submodule:
		case e.SkipWorktree:
			w.skip[e.Name] = true
		default:
			w.paths[e.Name] = struct{}{}
		}
	}

	ig := &ignorer{root: root, byDir: map[string][]gitignore.Pattern{".": excludes(repo)}}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return ig.load(rel)
		}
		if d.Name() == git.GitDirName {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if _, err := os.Lstat(filepath.Join(p, git.GitDirName)); err == nil {
				return filepath.SkipDir // a submodule or another repository
			}
			if ig.ignored(rel, true) {
				return filepath.SkipDir
			}
			return ig.load(rel)
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		if _, tracked := w.paths[rel]; tracked || ig.ignored(rel, false) {
			return nil
		}
		w.paths[rel] = struct{}{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list the working tree: %w", err)
	}
	return w, nil
}

// ignorer answers whether git ignores a path, from the ignore files that
// apply to its directory.
type ignorer struct {
	root string
	// byDir are the patterns in force in each directory, lowest priority
	// first; "." is the root.
	byDir map[string][]gitignore.Pattern
}

// load reads the .gitignore of directory dir, whose parent has been loaded.
func (ig *ignorer) load(dir string) error {
	var inherited []gitignore.Pattern
	if dir == "." {
		inherited = ig.byDir["."]
	} else {
		inherited = ig.byDir[path.Dir(dir)]
	}
	var domain []string
	if dir != "." {
		domain = strings.Split(dir, "/")
	}
	own, err := readIgnoreFile(filepath.Join(ig.root, filepath.FromSlash(dir), ".gitignore"), domain)
	if err != nil {
		return err
	}
	if len(own) == 0 {
		ig.byDir[dir] = inherited
		return nil
	}
	ig.byDir[dir] = append(inherited[:len(inherited):len(inherited)], own...)
	return nil
}

func (ig *ignorer) ignored(rel string, isDir bool) bool {
	ps := ig.byDir[path.Dir(rel)]
	return len(ps) > 0 && gitignore.NewMatcher(ps).Match(strings.Split(rel, "/"), isDir)
}

// excludes returns the ignore patterns that do not come from .gitignore
// files, lowest priority first: the user's core.excludesFile (from
// ~/.gitconfig, else /etc/gitconfig, else the default
// $XDG_CONFIG_HOME/git/ignore) and the repository's .git/info/exclude.
// Unreadable or malformed configuration is skipped, as these only refine
// which untracked files count.
func excludes(repo *git.Repository) []gitignore.Pattern {
	rootFS := osfs.New("/")
	ps, err := gitignore.LoadGlobalPatterns(rootFS)
	if err != nil || len(ps) == 0 {
		ps, err = gitignore.LoadSystemPatterns(rootFS)
	}
	if err != nil || len(ps) == 0 {
		ps = nil
		if xdg := xdgIgnoreFile(); xdg != "" {
			ps, _ = readIgnoreFile(xdg, nil)
		}
	}
	if s, ok := repo.Storer.(interface{ Filesystem() billy.Filesystem }); ok {
		if f, err := s.Filesystem().Open("info/exclude"); err == nil {
			ps = append(ps, parseIgnore(f, nil)...)
			f.Close()
		}
	}
	return ps
}

// xdgIgnoreFile is git's default core.excludesFile.
func xdgIgnoreFile() string {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "git", "ignore")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".config", "git", "ignore")
	}
	return ""
}

// readIgnoreFile parses the ignore file at name, if there is one.
func readIgnoreFile(name string, domain []string) ([]gitignore.Pattern, error) {
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	defer f.Close()
	return parseIgnore(f, domain), nil
}

// parseIgnore parses gitignore lines, skipping blank lines and comments.
func parseIgnore(r io.Reader, domain []string) []gitignore.Pattern {
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

// workingFile is a file's content in the working tree: a regular file's
// bytes or a symbolic link's target.
type workingFile struct {
	content []byte
	symlink bool
}

// readWorking reads the file at rel (relative to root). ok is false when
// there is no file there (it was removed, or is now a directory).
func readWorking(root, rel string) (f workingFile, ok bool, err error) {
	name := filepath.Join(root, filepath.FromSlash(rel))
	fi, err := os.Lstat(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return f, false, nil
		}
		return f, false, err
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(name)
		if err != nil {
			return f, false, err
		}
		return workingFile{content: []byte(filepath.ToSlash(target)), symlink: true}, true, nil
	case fi.Mode().IsRegular():
		b, err := os.ReadFile(name)
		if err != nil {
			return f, false, err
		}
		return workingFile{content: b}, true, nil
	default:
		return f, false, nil
	}
}

// changeOf compares a file of the base commit with its working-tree
// version; nil means no line changed.
func changeOf(repo *git.Repository, old baseEntry, cur workingFile) (*fileChange, error) {
	wasLink := old.mode == filemode.Symlink
	if wasLink == cur.symlink && plumbing.ComputeHash(plumbing.BlobObject, cur.content) == old.hash {
		return nil, nil
	}
	whole := &fileChange{whole: true, n: countLines(cur.content)}
	if wasLink || cur.symlink {
		return whole, nil
	}
	blob, err := repo.BlobObject(old.hash)
	if err != nil {
		return nil, fmt.Errorf("load blob %s: %w", old.hash, err)
	}
	r, err := blob.Reader()
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", old.hash, err)
	}
	defer r.Close()
	oldContent, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", old.hash, err)
	}
	if isBinary(oldContent) || isBinary(cur.content) {
		return whole, nil
	}
	lines, dels := lineDiff(oldContent, cur.content)
	if len(lines) == 0 && len(dels) == 0 {
		return nil, nil
	}
	return &fileChange{lines: lines, dels: dels}, nil
}

// isBinary applies git's heuristic: a NUL byte in the first 8000 bytes.
func isBinary(b []byte) bool {
	return bytes.IndexByte(b[:min(len(b), 8000)], 0) >= 0
}
