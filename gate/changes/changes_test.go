package changes

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/findings"
)

// fixture is a git repository in a temporary directory, built with go-git.
type fixture struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	wt   *git.Worktree
	now  time.Time
}

// isolate keeps the user's git configuration (global excludes) out of the
// tests.
func isolate(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	isolate(t)
	dir := t.TempDir()
	repo, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}})
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, dir: dir, repo: repo, wt: wt, now: time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)}
}

func (f *fixture) path(rel string) string { return filepath.Join(f.dir, filepath.FromSlash(rel)) }

func (f *fixture) write(rel, content string) {
	f.t.Helper()
	p := f.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) remove(rel string) {
	f.t.Helper()
	if err := os.RemoveAll(f.path(rel)); err != nil {
		f.t.Fatal(err)
	}
}

// stage adds (or, for removed files, removes) paths in the index.
func (f *fixture) stage(paths ...string) {
	f.t.Helper()
	for _, p := range paths {
		var err error
		if _, serr := os.Lstat(f.path(p)); serr != nil {
			_, err = f.wt.Remove(p)
		} else {
			_, err = f.wt.Add(p)
		}
		if err != nil {
			f.t.Fatalf("stage %s: %v", p, err)
		}
	}
}

// commit stages paths and commits them, an hour after the previous commit.
func (f *fixture) commit(msg string, paths ...string) plumbing.Hash {
	f.t.Helper()
	f.stage(paths...)
	f.now = f.now.Add(time.Hour)
	sig := &object.Signature{Name: "Test", Email: "test@example.com", When: f.now}
	h, err := f.wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true})
	if err != nil {
		f.t.Fatalf("commit %q: %v", msg, err)
	}
	return h
}

func (f *fixture) ref(name string, h plumbing.Hash) {
	f.t.Helper()
	if err := f.repo.Storer.SetReference(plumbing.NewHashReference(plumbing.ReferenceName(name), h)); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) checkout(branch string) {
	f.t.Helper()
	if err := f.wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(branch)}); err != nil {
		f.t.Fatalf("checkout %s: %v", branch, err)
	}
}

// numbered returns n lines prefix1 … prefixN.
func numbered(prefix string, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%s%d\n", prefix, i)
	}
	return b.String()
}

// replaceLine replaces line n (1-based) of text.
func replaceLine(text string, n int, with string) string {
	lines := strings.SplitAfter(text, "\n")
	lines[n-1] = with + "\n"
	return strings.Join(lines, "")
}

// project is the main fixture:
//
//	C1 (main, tags v1 and v1-annotated): .gitignore a.tf b.tf c.tf sub/d.tf tracked.log
//	C2 (main, origin/main): b.tf line 3 changed — after feature branched off
//	C3 (feature): a.tf lines 3 and 7 modified and a line inserted after 8;
//	              e.tf added; c.tf deleted
//	C4 (feature, HEAD): e.tf line 2 modified
//
// and in the working tree, not committed: sub/d.tf line 2 modified and line
// 4 removed (unstaged), tracked.log modified (staged; the file is tracked
// although *.log is ignored), untracked f.tf and sub/g.tf, ignored debug.log,
// build/out.tf and sub/x.log.
type project struct {
	*fixture
	c1, c2, c3, c4 plumbing.Hash
}

func newProject(t *testing.T) *project {
	f := newFixture(t)
	p := &project{fixture: f}
	f.write(".gitignore", "*.log\nbuild/\n")
	f.write("a.tf", numbered("a", 10))
	f.write("b.tf", numbered("b", 5))
	f.write("c.tf", numbered("c", 3))
	f.write("sub/d.tf", numbered("d", 5))
	f.write("tracked.log", "x\n")
	p.c1 = f.commit("C1", ".gitignore", "a.tf", "b.tf", "c.tf", "sub/d.tf", "tracked.log")
	f.ref("refs/heads/feature", p.c1)
	if _, err := f.repo.CreateTag("v1", p.c1, nil); err != nil {
		t.Fatal(err)
	}
	tagger := &object.Signature{Name: "Test", Email: "test@example.com", When: f.now}
	if _, err := f.repo.CreateTag("v1-annotated", p.c1, &git.CreateTagOptions{Tagger: tagger, Message: "release 1"}); err != nil {
		t.Fatal(err)
	}

	f.write("b.tf", replaceLine(numbered("b", 5), 3, "B3"))
	p.c2 = f.commit("C2 on main", "b.tf")
	f.ref("refs/remotes/origin/main", p.c2)

	f.checkout("feature")
	a := numbered("a", 10)
	a = replaceLine(a, 3, "A3")
	a = replaceLine(a, 7, "A7")
	a = strings.Replace(a, "a8\n", "a8\ninserted\n", 1)
	f.write("a.tf", a)
	f.write("e.tf", numbered("e", 3))
	f.remove("c.tf")
	p.c3 = f.commit("C3", "a.tf", "e.tf", "c.tf")
	f.write("e.tf", replaceLine(numbered("e", 3), 2, "E2"))
	p.c4 = f.commit("C4", "e.tf")

	f.write("sub/d.tf", "d1\nD2\nd3\nd5\n")
	f.write("tracked.log", "y\n")
	f.stage("tracked.log")
	f.write("f.tf", numbered("f", 2))
	f.write("sub/g.tf", "g1\n")
	f.write("debug.log", "ignored\n")
	f.write("build/out.tf", "ignored\n")
	f.write("sub/x.log", "ignored\n")
	return p
}

// sinceBase is what changed since C1, the merge base of main and feature.
var sinceBase = map[string][]int{
	"a.tf":        {3, 7, 9},
	"e.tf":        {1, 2, 3},
	"f.tf":        {1, 2},
	"sub/d.tf":    {2},
	"sub/g.tf":    {1},
	"tracked.log": {1},
}

func TestSince(t *testing.T) {
	p := newProject(t)
	short := p.c1.String()[:7]
	tests := []struct {
		rev        string
		wantCommit plumbing.Hash
		want       map[string][]int
		deleted    []string
	}{
		{"main", p.c1, sinceBase, []string{"c.tf"}},
		{"refs/heads/main", p.c1, sinceBase, []string{"c.tf"}},
		{"origin/main", p.c1, sinceBase, []string{"c.tf"}},
		{"v1", p.c1, sinceBase, []string{"c.tf"}},
		{"v1-annotated", p.c1, sinceBase, []string{"c.tf"}},
		{short, p.c1, sinceBase, []string{"c.tf"}},
		{p.c1.String(), p.c1, sinceBase, []string{"c.tf"}},
		{p.c2.String()[:10], p.c1, sinceBase, []string{"c.tf"}},
		{"HEAD~2", p.c1, sinceBase, []string{"c.tf"}},
		{"feature^^", p.c1, sinceBase, []string{"c.tf"}},
		{"HEAD~1", p.c3, map[string][]int{
			"e.tf":        {2},
			"f.tf":        {1, 2},
			"sub/d.tf":    {2},
			"sub/g.tf":    {1},
			"tracked.log": {1},
		}, nil},
		{"HEAD", p.c4, map[string][]int{
			"f.tf":        {1, 2},
			"sub/d.tf":    {2},
			"sub/g.tf":    {1},
			"tracked.log": {1},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.rev, func(t *testing.T) {
			s, err := Since(p.dir, tt.rev)
			if err != nil {
				t.Fatal(err)
			}
			if s.Commit() != tt.wantCommit.String() {
				t.Errorf("Commit() = %s, want %s", s.Commit(), tt.wantCommit)
			}
			if s.Revision() != tt.rev {
				t.Errorf("Revision() = %q", s.Revision())
			}
			got := map[string][]int{}
			for _, f := range s.Files() {
				got[f] = s.Lines(f)
				if !s.FileChanged(f) {
					t.Errorf("FileChanged(%q) = false for a listed file", f)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("changed lines (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.deleted, s.Deleted(), cmp.Comparer(func(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") })); diff != "" {
				t.Errorf("Deleted (-want +got):\n%s", diff)
			}
			for _, f := range []string{"b.tf", ".gitignore", "debug.log", "build/out.tf", "sub/x.log", "c.tf"} {
				if s.FileChanged(f) {
					t.Errorf("FileChanged(%q) = true", f)
				}
			}
		})
	}
}

func TestSinceWithoutMergeBaseWouldDiffer(t *testing.T) {
	// Comparing with main's tip directly would report b.tf, which only
	// main changed; the merge base leaves it out. Check the fixture makes
	// that distinction: b.tf differs between C2 and the working tree.
	p := newProject(t)
	c2, err := p.repo.CommitObject(p.c2)
	if err != nil {
		t.Fatal(err)
	}
	f, err := c2.File("b.tf")
	if err != nil {
		t.Fatal(err)
	}
	content, err := f.Contents()
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(p.path("b.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if content == string(onDisk) {
		t.Fatal("fixture: b.tf should differ between main and the working tree")
	}
	s, err := Since(p.dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	if s.FileChanged("b.tf") {
		t.Error("b.tf, changed only on main after the branch point, counts as changed")
	}
}

func TestLinesChanged(t *testing.T) {
	p := newProject(t)
	s, err := Since(p.dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path       string
		start, end int
		want       bool
	}{
		// a.tf: lines 3 and 7 modified, 9 inserted.
		{"a.tf", 1, 2, false},
		{"a.tf", 3, 3, true},
		{"a.tf", 2, 4, true},
		{"a.tf", 4, 6, false},
		{"a.tf", 8, 8, false},
		{"a.tf", 8, 10, true},
		{"a.tf", 10, 11, false},
		{"a.tf", 1, 11, true},
		{"a.tf", 9, 0, true}, // end before start: just line 9
		{"a.tf", 12, 20, false},
		// sub/d.tf: line 2 modified, the old line 4 removed between the
		// new lines 3 and 4.
		{"sub/d.tf", 3, 4, true},
		{"sub/d.tf", 3, 3, false},
		{"sub/d.tf", 4, 4, false},
		{"sub/d.tf", 4, 5, false},
		{"sub/d.tf", 1, 1, false},
		{"sub/d.tf", 1, 2, true},
		// New files changed everywhere.
		{"e.tf", 2, 2, true},
		{"f.tf", 1, 1, true},
		// Unchanged, deleted, ignored, outside.
		{"b.tf", 1, 5, false},
		{"c.tf", 1, 3, false},
		{"debug.log", 1, 1, false},
		{"../a.tf", 1, 20, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s:%d-%d", tt.path, tt.start, tt.end), func(t *testing.T) {
			if got := s.LinesChanged(tt.path, tt.start, tt.end); got != tt.want {
				t.Errorf("LinesChanged(%q, %d, %d) = %v, want %v", tt.path, tt.start, tt.end, got, tt.want)
			}
		})
	}
}

func resource(path, address string, start, end int) findings.Finding {
	return findings.Finding{
		RuleID:   "R1",
		Resource: findings.Resource{Kind: "terraform", Address: address, Path: path, StartLine: start, EndLine: end},
		Location: findings.Location{Path: path, StartLine: max(start, 1), EndLine: max(end, 1)},
		Message:  address,
	}
}

func TestFilter(t *testing.T) {
	p := newProject(t)
	s, err := Since(p.dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	locationOnly := findings.Finding{RuleID: "R2", Location: findings.Location{Path: "e.tf", StartLine: 1, EndLine: 1}, Message: "location only"}
	fs := []findings.Finding{
		resource("a.tf", "a.untouched_top", 1, 2),
		resource("a.tf", "a.modified", 3, 5),
		resource("a.tf", "a.inserted_into", 8, 10),
		resource("a.tf", "a.untouched_bottom", 10, 11),
		resource("b.tf", "b.only_main_changed", 1, 5),
		resource("b.tf", "", 0, 0),
		resource("e.tf", "", 0, 0),
		resource("sub/d.tf", "d.line_removed_inside", 3, 4),
		resource("sub/d.tf", "d.after_removal", 4, 4),
		resource("f.tf", "f.untracked", 1, 2),
		resource("c.tf", "", 0, 0),
		resource("debug.log", "", 0, 0),
		locationOnly,
	}
	var got []string
	for _, f := range Filter(fs, s) {
		got = append(got, f.Location.Path+" "+f.Message)
	}
	want := []string{
		"a.tf a.modified",
		"a.tf a.inserted_into",
		"e.tf ",
		"sub/d.tf d.line_removed_inside",
		"f.tf f.untracked",
		"e.tf location only",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Filter (-want +got):\n%s", diff)
	}
	if got := Filter(fs, nil); len(got) != len(fs) {
		t.Errorf("Filter with a nil Set kept %d of %d", len(got), len(fs))
	}
	if got := Filter(nil, s); len(got) != 0 {
		t.Errorf("Filter(nil) = %v", got)
	}
}

func TestPaths(t *testing.T) {
	p := newProject(t)
	root, err := Since(p.dir, "main")
	if err != nil {
		t.Fatal(err)
	}
	// Started from a subdirectory, the repository is found upwards and
	// paths stay relative to its root.
	fromSub, err := Since(p.path("sub"), "main")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(root.Files(), fromSub.Files()); diff != "" {
		t.Errorf("Files from a subdirectory (-root +sub):\n%s", diff)
	}
	if fromSub.Root() != p.dir {
		t.Errorf("Root() = %q, want %q", fromSub.Root(), p.dir)
	}

	sub := root.Rel(p.path("sub"))
	wantSubFiles := []string{"../a.tf", "../e.tf", "../f.tf", "../tracked.log", "d.tf", "g.tf"}
	if diff := cmp.Diff(wantSubFiles, sub.Files()); diff != "" {
		t.Errorf("Rel(sub).Files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"../c.tf"}, sub.Deleted()); diff != "" {
		t.Errorf("Rel(sub).Deleted (-want +got):\n%s", diff)
	}

	tests := []struct {
		name string
		set  *Set
		path string
		want bool
	}{
		{"root relative", root, "a.tf", true},
		{"root dot slash", root, "./a.tf", true},
		{"root dotdot inside", root, "sub/../a.tf", true},
		{"root nested", root, "sub/d.tf", true},
		{"root escapes", root, "../a.tf", false},
		{"root empty", root, "", false},
		{"root dot", root, ".", false},
		{"root absolute", root, filepath.ToSlash(p.path("a.tf")), true},
		{"root absolute native", root, p.path("sub/d.tf"), true},
		{"root absolute outside", root, filepath.ToSlash(filepath.Join(t.TempDir(), "a.tf")), false},
		{"sub relative", sub, "d.tf", true},
		{"sub parent", sub, "../a.tf", true},
		{"sub root-relative name is not found", sub, "a.tf", false},
		{"sub absolute", sub, p.path("a.tf"), true},
		{"sub escapes repository", sub, "../../a.tf", false},
		{"rel to root", root.Rel(p.dir), "sub/d.tf", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.set.FileChanged(tt.path); got != tt.want {
				t.Errorf("FileChanged(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
	if !sub.LinesChanged("d.tf", 2, 2) || sub.LinesChanged("d.tf", 1, 1) {
		t.Error("Rel(sub).LinesChanged does not follow sub/d.tf")
	}
	if diff := cmp.Diff([]int{2}, sub.Lines("d.tf")); diff != "" {
		t.Errorf("Rel(sub).Lines (-want +got):\n%s", diff)
	}

	// The scanner's working directory relative to the process's.
	t.Chdir(p.path("sub"))
	cwd := root.Rel(".")
	if !cwd.FileChanged("d.tf") || !cwd.FileChanged("../e.tf") {
		t.Error(`Rel(".") does not resolve against the working directory`)
	}
	fromDot, err := Since(".", "HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	if !fromDot.FileChanged("e.tf") || fromDot.FileChanged("d.tf") {
		t.Error(`Since(".") should use paths relative to the repository root`)
	}
}

func TestPathsThroughSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	p := newProject(t)
	link := filepath.Join(t.TempDir(), "checkout")
	if err := os.Symlink(p.dir, link); err != nil {
		t.Fatal(err)
	}
	s, err := Since(link, "main")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"a.tf",
		filepath.Join(link, "a.tf"),
		filepath.Join(p.dir, "a.tf"),
	} {
		if !s.FileChanged(path) {
			t.Errorf("FileChanged(%q) = false", path)
		}
	}
	for _, dir := range []string{filepath.Join(link, "sub"), filepath.Join(p.dir, "sub")} {
		if r := s.Rel(dir); !r.FileChanged("d.tf") || !r.FileChanged("../a.tf") {
			t.Errorf("Rel(%q) does not find d.tf and ../a.tf", dir)
		}
	}
}

func TestIgnoreRules(t *testing.T) {
	f := newFixture(t)
	f.write(".gitignore", "*.log\n/build/\n!important.log\n# comment\n\n")
	f.write("sub/.gitignore", "local.tf\n")
	f.write("keep.tf", "k\n")
	f.commit("ignore rules", ".gitignore", "sub/.gitignore", "keep.tf")

	if err := os.MkdirAll(f.path(".git/info"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f.path(".git/info/exclude"), []byte("excluded.tf\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	home := os.Getenv("HOME")
	if err := os.WriteFile(filepath.Join(home, "global-ignore"), []byte("*.tmp\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitconfig := fmt.Sprintf("[core]\n\texcludesfile = %s\n", filepath.ToSlash(filepath.Join(home, "global-ignore")))
	if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte(gitconfig), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, name := range []string{
		"important.log",   // re-included by !important.log
		"x.log",           // *.log
		"build/a.tf",      // /build/
		"sub/build/a.tf",  // /build/ is anchored at the root
		"sub/local.tf",    // sub/.gitignore
		"local.tf",        // sub/.gitignore does not apply here
		"excluded.tf",     // .git/info/exclude
		"scratch.tmp",     // core.excludesFile
		"sub/deep/x.tmp",  // core.excludesFile, any depth
		"vendor/mod/x.tf", // inside another repository
		"new.tf",
	} {
		f.write(name, "content\n")
	}
	f.write("vendor/mod/.git/HEAD", "ref: refs/heads/main\n")

	s, err := Since(f.dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"important.log", "local.tf", "new.tf", "sub/build/a.tf"}
	if diff := cmp.Diff(want, s.Files()); diff != "" {
		t.Errorf("Files (-want +got):\n%s", diff)
	}
}

func TestXDGExcludes(t *testing.T) {
	f := newFixture(t)
	f.write("keep.tf", "k\n")
	f.commit("one", "keep.tf")
	xdg := os.Getenv("XDG_CONFIG_HOME")
	if err := os.MkdirAll(filepath.Join(xdg, "git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(xdg, "git", "ignore"), []byte("*.bak\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.write("main.tf.bak", "old\n")
	f.write("main.tf", "new\n")
	s, err := Since(f.dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"main.tf"}, s.Files()); diff != "" {
		t.Errorf("Files (-want +got):\n%s", diff)
	}
}

func TestFileKinds(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links and modes differ on Windows")
	}
	f := newFixture(t)
	f.write("crlf.tf", "a\nb\n")
	f.write("mode.sh", "echo hi\n")
	f.write("binary.bin", "\x00\x01\x02\n\x03\n")
	f.write("target1.tf", "t1\n")
	f.write("target2.tf", "t2\n")
	if err := os.Symlink("target1.tf", f.path("link.tf")); err != nil {
		t.Fatal(err)
	}
	f.write("becomes_dir", "file\n")
	f.write("empty.tf", "")
	f.commit("kinds", "crlf.tf", "mode.sh", "binary.bin", "target1.tf", "target2.tf", "link.tf", "becomes_dir", "empty.tf")

	f.write("crlf.tf", "a\r\nb\r\n")
	if err := os.Chmod(f.path("mode.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	f.write("binary.bin", "\x00\x01\x02\n\x04\n")
	f.remove("link.tf")
	if err := os.Symlink("target2.tf", f.path("link.tf")); err != nil {
		t.Fatal(err)
	}
	f.remove("becomes_dir")
	f.write("becomes_dir/inner.tf", "i1\ni2\n")
	f.write("empty.tf", "now\nfull\n")
	f.write("new_empty.tf", "")

	s, err := Since(f.dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]int{}
	for _, name := range s.Files() {
		got[name] = s.Lines(name)
	}
	want := map[string][]int{
		"binary.bin":           {1, 2},
		"link.tf":              {1},
		"becomes_dir/inner.tf": {1, 2},
		"empty.tf":             {1, 2},
		"new_empty.tf":         {},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changed lines (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"becomes_dir"}, s.Deleted()); diff != "" {
		t.Errorf("Deleted (-want +got):\n%s", diff)
	}
	if !s.FileChanged("new_empty.tf") || s.LinesChanged("new_empty.tf", 1, 1) != true {
		t.Error("a new empty file should count as changed")
	}
}

func TestErrors(t *testing.T) {
	p := newProject(t)
	notRepo := t.TempDir()
	tests := []struct {
		name    string
		dir     string
		rev     string
		is      error
		message []string
	}{
		{"not a repository", notRepo, "main", ErrNotRepository, []string{"not a git repository", notRepo}},
		{"missing directory", filepath.Join(notRepo, "missing"), "main", ErrNotRepository, []string{"not a git repository"}},
		{"unknown branch", p.dir, "no-such-branch", ErrUnknownRevision, []string{`unknown revision "no-such-branch"`, "no branch, tag or commit"}},
		{"unknown commit", p.dir, "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef", ErrUnknownRevision, []string{`"deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"`}},
		{"past the first commit", p.dir, "HEAD~10", ErrUnknownRevision, []string{`unknown revision "HEAD~10"`, "not that long"}},
		{"bad syntax", p.dir, "HEAD~~^{", ErrUnknownRevision, []string{`unknown revision "HEAD~~^{"`}},
		{"empty", p.dir, " ", ErrUnknownRevision, []string{"empty revision"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Since(tt.dir, tt.rev)
			if err == nil {
				t.Fatal("Since succeeded")
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %q is not %v", err, tt.is)
			}
			for _, m := range tt.message {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q lacks %q", err, m)
				}
			}
			if errors.Is(err, ErrShallowClone) {
				t.Errorf("error %q blames a shallow clone", err)
			}
		})
	}

	t.Run("no commit yet", func(t *testing.T) {
		f := newFixture(t)
		_, err := Since(f.dir, "main")
		if err == nil || !strings.Contains(err.Error(), "HEAD has no commit yet") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("bare repository", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := git.PlainInit(dir, true); err != nil {
			t.Fatal(err)
		}
		_, err := Since(dir, "main")
		if err == nil || !errors.Is(err, git.ErrIsBareRepository) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("unrelated histories", func(t *testing.T) {
		f := newFixture(t)
		f.write("a.tf", "a\n")
		f.commit("main", "a.tf")
		// An orphan commit: no parents, sharing nothing with main.
		sig := &object.Signature{Name: "T", Email: "t@example.com", When: f.now}
		tree, err := f.repo.TreeObject(mustCommit(t, f.repo, "HEAD").TreeHash)
		if err != nil {
			t.Fatal(err)
		}
		orphan := &object.Commit{Author: *sig, Committer: *sig, Message: "orphan", TreeHash: tree.Hash}
		obj := f.repo.Storer.NewEncodedObject()
		if err := orphan.Encode(obj); err != nil {
			t.Fatal(err)
		}
		h, err := f.repo.Storer.SetEncodedObject(obj)
		if err != nil {
			t.Fatal(err)
		}
		f.ref("refs/heads/orphan", h)
		_, err = Since(f.dir, "orphan")
		if err == nil || !strings.Contains(err.Error(), `revision "orphan" and HEAD have no common ancestor`) {
			t.Errorf("err = %v", err)
		}
	})
}

func mustCommit(t *testing.T, repo *git.Repository, rev string) *object.Commit {
	t.Helper()
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		t.Fatal(err)
	}
	c, err := repo.CommitObject(*h)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// dropObject deletes a loose object, as if a shallow clone never fetched it.
func dropObject(t *testing.T, dir string, h plumbing.Hash) {
	t.Helper()
	s := h.String()
	if err := os.Remove(filepath.Join(dir, ".git", "objects", s[:2], s[2:])); err != nil {
		t.Fatal(err)
	}
}

func TestShallowClone(t *testing.T) {
	// C1 - C2 - C3 - C4 (main, HEAD)
	//        \
	//         S (side)
	// cloned with history cut below C3 and S: C1 and C2 are missing.
	f := newFixture(t)
	var c [5]plumbing.Hash
	for i := 1; i <= 4; i++ {
		f.write("main.tf", numbered("line", i))
		c[i] = f.commit(fmt.Sprintf("C%d", i), "main.tf")
		if i == 2 {
			f.ref("refs/heads/side", c[2])
		}
	}
	f.checkout("side")
	f.write("side.tf", "s\n")
	side := f.commit("S", "side.tf")
	f.checkout("main")
	if err := f.repo.Storer.SetShallow([]plumbing.Hash{c[3], side}); err != nil {
		t.Fatal(err)
	}
	dropObject(t, f.dir, c[1])
	dropObject(t, f.dir, c[2])

	s, err := Since(f.dir, "HEAD~1")
	if err != nil {
		t.Fatalf("revision inside the shallow history: %v", err)
	}
	if diff := cmp.Diff([]int{4}, s.Lines("main.tf")); diff != "" {
		t.Errorf("Lines (-want +got):\n%s", diff)
	}

	tests := []struct {
		rev string
		is  []error
	}{
		{"HEAD~2", []error{ErrUnknownRevision, ErrShallowClone}},
		{c[1].String(), []error{ErrUnknownRevision, ErrShallowClone}},
		{"no-such-branch", []error{ErrUnknownRevision, ErrShallowClone}},
		{"side", []error{ErrShallowClone}},
	}
	for _, tt := range tests {
		t.Run(tt.rev, func(t *testing.T) {
			_, err := Since(f.dir, tt.rev)
			if err == nil {
				t.Fatal("Since succeeded")
			}
			for _, is := range tt.is {
				if !errors.Is(err, is) {
					t.Errorf("error %q is not %v", err, is)
				}
			}
			for _, m := range []string{fmt.Sprintf("%q", tt.rev), "git fetch --deepen"} {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q lacks %q", err, m)
				}
			}
		})
	}
}

func TestSinceDetachedHead(t *testing.T) {
	// CI checks out a commit, not a branch.
	p := newProject(t)
	for _, name := range []string{"f.tf", "sub/g.tf", "debug.log", "build/out.tf", "sub/x.log"} {
		p.remove(name)
	}
	if err := p.wt.Reset(&git.ResetOptions{Commit: p.c4, Mode: git.HardReset}); err != nil {
		t.Fatal(err)
	}
	if err := p.wt.Checkout(&git.CheckoutOptions{Hash: p.c4}); err != nil {
		t.Fatal(err)
	}
	head, err := p.repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	if head.Name() != plumbing.HEAD {
		t.Fatalf("HEAD is %s, want detached", head.Name())
	}
	s, err := Since(p.dir, "origin/main")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.tf", "e.tf"}
	if diff := cmp.Diff(want, s.Files()); diff != "" {
		t.Errorf("Files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"c.tf"}, s.Deleted()); diff != "" {
		t.Errorf("Deleted (-want +got):\n%s", diff)
	}
}
