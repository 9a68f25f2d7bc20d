// Package changes works out which files and lines of a git working tree
// changed since a revision, so that a scan can report only the findings in
// code a change touched (rampart scan --changed-since REF).
//
// The repository is read with go-git; git itself is never run.
//
// # What is compared
//
// Since compares the tree of a base commit with the working tree as it is on
// disk: committed, staged and unstaged edits all count, and so do untracked
// files unless git ignores them (.gitignore files, .git/info/exclude and the
// user's core.excludesFile). CI jobs scan checked-out trees and developers
// scan before committing, so the working tree is what was scanned.
//
// The base commit is the merge base of the revision and HEAD, as in
// "git diff REV...": for a feature branch compared with origin/main, commits
// that landed on main after the branch was cut do not count as changes of
// the branch. When the revision is an ancestor of HEAD (HEAD~1, a tag, the
// commit a branch started from) the merge base is the revision itself.
//
// # Lines
//
// For a file present in both, the changed lines are the lines of the new
// version that a line diff (Myers' algorithm) does not match with the old
// version: added and modified lines. Lines are compared without their line
// terminator, so a switch between LF and CRLF changes nothing. A removed line
// leaves no line in the new version; LinesChanged still reports a range as
// touched when lines were removed from its inside, because deleting a line
// such as "encrypted = true" from a resource is a change to that resource.
// A file absent at the base commit, a binary file and a symbolic link that
// changed count as changed on every line. Renames are not detected: the new
// path is an added file, the old one a deleted file.
//
// # Paths
//
// Paths passed to and returned by a Set are slash-separated. A Set returned
// by Since uses paths relative to the repository root, like git. The scanner
// reports paths relative to its working directory, which may be a
// subdirectory of the repository: Rel returns a Set whose paths are relative
// to a given directory instead. Absolute paths are accepted by every Set.
package changes

import (
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Errors Since wraps, for callers to tell them apart with errors.Is.
var (
	// ErrNotRepository: the directory is not inside a git working tree.
	ErrNotRepository = errors.New("not a git repository")
	// ErrUnknownRevision: the revision names no commit.
	ErrUnknownRevision = errors.New("unknown revision")
	// ErrShallowClone: the history needed is missing from a shallow clone.
	ErrShallowClone = errors.New("shallow clone")
)

// shallowHint tells users of a shallow clone how to get the history.
const shallowHint = "fetch more history: `git fetch --deepen=<n>` (or `git fetch --unshallow`); in GitHub Actions, check out with fetch-depth: 0"

// Set is the files and lines changed since a commit. A Set is read-only and
// safe for concurrent use.
type Set struct {
	// root is the repository's top directory, absolute, as go-git found it;
	// realRoot is the same with symbolic links resolved, and logicalRoot
	// the same as reached from the directory given to Since, through any
	// symbolic links on that way ("" when it is none of the others).
	root, realRoot, logicalRoot string
	// dir and realDir are the directory relative paths are relative to;
	// empty means the repository root.
	dir, realDir string

	rev    string
	commit plumbing.Hash
	// files are the changed files present in the working tree, by path
	// relative to root.
	files map[string]*fileChange
	// deleted are files of the base commit gone from the working tree.
	deleted []string
}

// fileChange is how one file changed.
type fileChange struct {
	// whole means every line changed; n is then the number of lines.
	whole bool
	n     int
	// lines are the added or modified lines, ascending.
	lines []int
	// dels are positions p where lines were removed between lines p and
	// p+1 of the new version, ascending.
	dels []int
}

// Since returns what changed between revision rev and the working tree of
// the git repository containing repoDir (repoDir or a parent directory has
// the .git). rev may be anything git rev-parse resolves to a commit and
// go-git supports: a branch ("main"), a remote-tracking branch
// ("origin/main"), a tag, a full or abbreviated commit id, or those followed
// by ~N or ^N ("HEAD~1"). The comparison starts from the merge base of rev
// and HEAD (see the package documentation).
//
// Errors wrap ErrNotRepository, ErrUnknownRevision or ErrShallowClone when
// those are the cause.
func Since(repoDir, rev string) (*Set, error) {
	if strings.TrimSpace(rev) == "" {
		return nil, fmt.Errorf("%w: empty revision", ErrUnknownRevision)
	}
	repo, err := git.PlainOpenWithOptions(repoDir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		if bare, berr := git.PlainOpen(repoDir); berr == nil {
			if _, werr := bare.Worktree(); errors.Is(werr, git.ErrIsBareRepository) {
				return nil, fmt.Errorf("%s: %w: nothing to compare", repoDir, werr)
			}
		}
		if errors.Is(err, git.ErrRepositoryNotExists) {
			abs, aerr := filepath.Abs(repoDir)
			if aerr != nil {
				abs = repoDir
			}
			return nil, fmt.Errorf("%w: %s (nor any of its parent directories)", ErrNotRepository, abs)
		}
		return nil, fmt.Errorf("open git repository at %s: %w", repoDir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, fmt.Errorf("git repository at %s: %w", repoDir, err)
	}
	root := wt.Filesystem.Root()

	shallow, err := shallowCommits(repo)
	if err != nil {
		return nil, fmt.Errorf("git repository at %s: %w", root, err)
	}
	head, err := repo.Head()
	if err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			return nil, fmt.Errorf("git repository at %s: HEAD has no commit yet", root)
		}
		return nil, fmt.Errorf("git repository at %s: resolve HEAD: %w", root, err)
	}
	headCommit, err := repo.CommitObject(head.Hash())
	if err != nil {
		return nil, fmt.Errorf("git repository at %s: load HEAD commit %s: %w", root, head.Hash(), err)
	}
	revCommit, err := resolve(repo, rev, len(shallow) > 0)
	if err != nil {
		return nil, err
	}
	base, err := mergeBase(repo, revCommit, headCommit, shallow)
	if err != nil {
		switch {
		case len(shallow) > 0:
			detail := ""
			if !errors.Is(err, errNoMergeBase) {
				detail = fmt.Sprintf(" (%v)", err)
			}
			return nil, fmt.Errorf("%w: no common ancestor of %q and HEAD in the history this clone has%s; %s", ErrShallowClone, rev, detail, shallowHint)
		case errors.Is(err, errNoMergeBase):
			return nil, fmt.Errorf("revision %q and HEAD have no common ancestor", rev)
		default:
			return nil, fmt.Errorf("merge base of %q and HEAD: %w", rev, err)
		}
	}
	tree, err := base.Tree()
	if err != nil {
		return nil, fmt.Errorf("tree of commit %s: %w", base.Hash, err)
	}

	s := &Set{root: root, realRoot: realPath(root), rev: rev, commit: base.Hash}
	s.logicalRoot = logicalRoot(repoDir, s.realRoot)
	if err := s.compare(repo, tree); err != nil {
		return nil, fmt.Errorf("compare %s with the working tree: %w", base.Hash, err)
	}
	return s, nil
}

// resolve finds the commit rev names.
func resolve(repo *git.Repository, rev string, shallow bool) (*object.Commit, error) {
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err == nil {
		var c *object.Commit
		if c, err = repo.CommitObject(*h); err == nil {
			return c, nil
		}
	}
	switch {
	case shallow:
		return nil, fmt.Errorf("%w %q (%v): this is a %w, the revision may be in history it lacks; %s", ErrUnknownRevision, rev, err, ErrShallowClone, shallowHint)
	case errors.Is(err, plumbing.ErrReferenceNotFound):
		return nil, fmt.Errorf("%w %q: no branch, tag or commit of that name", ErrUnknownRevision, rev)
	case errors.Is(err, io.EOF):
		return nil, fmt.Errorf("%w %q: the history is not that long", ErrUnknownRevision, rev)
	default:
		return nil, fmt.Errorf("%w %q: %w", ErrUnknownRevision, rev, err)
	}
}

// shallowCommits returns the commits whose parents a shallow clone lacks.
func shallowCommits(repo *git.Repository) (map[plumbing.Hash]bool, error) {
	hs, err := repo.Storer.Shallow()
	if err != nil {
		return nil, fmt.Errorf("read shallow commits: %w", err)
	}
	m := make(map[plumbing.Hash]bool, len(hs))
	for _, h := range hs {
		m[h] = true
	}
	return m, nil
}

// Root returns the repository's top directory (absolute, OS separators).
func (s *Set) Root() string { return s.root }

// Commit returns the id of the commit the working tree was compared with:
// the merge base of the revision and HEAD.
func (s *Set) Commit() string { return s.commit.String() }

// Revision returns the revision given to Since.
func (s *Set) Revision() string { return s.rev }

// Rel returns a Set with the same changes whose relative paths, given and
// returned, are relative to dir instead: pass the scanner's working
// directory (or "." for the process's) to match the paths findings carry.
// A relative dir is relative to the process's working directory.
func (s *Set) Rel(dir string) *Set {
	c := *s
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = filepath.Clean(dir)
	}
	c.dir, c.realDir = abs, realPath(abs)
	return &c
}

// Files returns the changed files that exist in the working tree, sorted.
// For a Set from Rel, files outside its directory start with "../".
func (s *Set) Files() []string {
	out := make([]string, 0, len(s.files))
	for k := range s.files {
		out = append(out, s.external(k))
	}
	sort.Strings(out)
	return out
}

// Deleted returns the files of the base commit that are gone from the
// working tree, sorted, in the same form as Files. They have no lines, and
// FileChanged reports false for them: nothing in them can be scanned.
func (s *Set) Deleted() []string {
	out := make([]string, 0, len(s.deleted))
	for _, k := range s.deleted {
		out = append(out, s.external(k))
	}
	sort.Strings(out)
	return out
}

// FileChanged reports whether the file at path exists in the working tree
// and differs from the base commit (or is new).
func (s *Set) FileChanged(path string) bool {
	_, ok := s.lookup(path)
	return ok
}

// LinesChanged reports whether any of the lines start to end (1-based,
// inclusive) of the file at path changed: one of them was added or
// modified, or lines were removed between two of them. end < start is read
// as end == start.
func (s *Set) LinesChanged(path string, start, end int) bool {
	fc, ok := s.lookup(path)
	if !ok {
		return false
	}
	if end < start {
		end = start
	}
	if fc.whole {
		return true
	}
	if i, _ := slices.BinarySearch(fc.lines, start); i < len(fc.lines) && fc.lines[i] <= end {
		return true
	}
	i, _ := slices.BinarySearch(fc.dels, start)
	return i < len(fc.dels) && fc.dels[i] < end
}

// Lines returns the added or modified lines of the file at path, ascending:
// every line of a new file, none of an unchanged one.
func (s *Set) Lines(path string) []int {
	fc, ok := s.lookup(path)
	if !ok {
		return nil
	}
	if fc.whole {
		out := make([]int, fc.n)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
	return slices.Clone(fc.lines)
}

func (s *Set) lookup(p string) (*fileChange, bool) {
	k, ok := s.key(p)
	if !ok {
		return nil, false
	}
	fc, ok := s.files[k]
	return fc, ok
}

// key turns a path given to the Set into a path relative to the repository
// root.
func (s *Set) key(p string) (string, bool) {
	if p == "" {
		return "", false
	}
	native := filepath.FromSlash(p)
	if s.dir == "" && !filepath.IsAbs(native) {
		k := path.Clean(filepath.ToSlash(p))
		return k, k != "." && filepath.IsLocal(filepath.FromSlash(k))
	}
	var candidates []string
	if filepath.IsAbs(native) {
		candidates = []string{filepath.Clean(native)}
	} else {
		candidates = []string{filepath.Join(s.realDir, native), filepath.Join(s.dir, native)}
	}
	for _, c := range candidates {
		if k, ok := s.under(c); ok {
			return k, true
		}
	}
	// A path through a symbolic link the roots do not know, such as another
	// link to the checkout: resolve the links of its directory.
	c := candidates[0]
	if dir := realPath(filepath.Dir(c)); dir != filepath.Dir(c) {
		return s.under(filepath.Join(dir, filepath.Base(c)))
	}
	return "", false
}

// under returns the repository path of absolute path p, if p is inside the
// repository.
func (s *Set) under(p string) (string, bool) {
	for _, root := range []string{s.realRoot, s.root, s.logicalRoot} {
		if root == "" {
			continue
		}
		if rel, err := filepath.Rel(root, p); err == nil && rel != "." && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel), true
		}
	}
	return "", false
}

// external turns a path relative to the repository root into the Set's
// form.
func (s *Set) external(k string) string {
	if s.dir == "" {
		return k
	}
	rel, err := filepath.Rel(s.realDir, filepath.Join(s.realRoot, filepath.FromSlash(k)))
	if err != nil {
		return filepath.ToSlash(filepath.Join(s.realRoot, filepath.FromSlash(k)))
	}
	return filepath.ToSlash(rel)
}

// logicalRoot returns the ancestor of dir (or dir) that is the repository
// root realRoot once symbolic links are resolved: the root as the caller
// spells it.
func logicalRoot(dir, realRoot string) string {
	a, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if realPath(a) == realRoot {
			return a
		}
		parent := filepath.Dir(a)
		if parent == a {
			return ""
		}
		a = parent
	}
}

// realPath resolves symbolic links in an absolute path, or returns it as
// is when that fails.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// compare fills s.files and s.deleted by comparing tree with the working
// tree.
func (s *Set) compare(repo *git.Repository, tree *object.Tree) error {
	base, err := treeFiles(tree)
	if err != nil {
		return err
	}
	wt, err := workingFiles(repo, s.root)
	if err != nil {
		return err
	}
	s.files = make(map[string]*fileChange)
	for _, p := range sortedUnion(base, wt.paths) {
		if wt.skip[p] {
			continue // sparse checkout: not in the working tree by design
		}
		old, inBase := base[p]
		cur, inWT, err := readWorking(s.root, p)
		if err != nil {
			return err
		}
		switch {
		case !inWT && inBase:
			s.deleted = append(s.deleted, p)
		case !inWT:
			// Tracked in the index but neither committed nor on disk.
		case !inBase:
			s.files[p] = &fileChange{whole: true, n: countLines(cur.content)}
		default:
			fc, err := changeOf(repo, old, cur)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			if fc != nil {
				s.files[p] = fc
			}
		}
	}
	return nil
}

func sortedUnion[V1, V2 any](a map[string]V1, b map[string]V2) []string {
	out := make([]string, 0, len(a)+len(b))
	for k := range a {
		out = append(out, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
