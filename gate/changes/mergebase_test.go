package changes

import (
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

func TestMergeBase(t *testing.T) {
	// Commits are an hour apart in the order created.
	//
	//	root - b - x1 - x2 (merges y1)
	//	        \     X
	//	         y1 - y2 (merges x1)
	//	        \
	//	         z
	f := newFixture(t)
	commit := func(msg string, parents ...plumbing.Hash) plumbing.Hash {
		t.Helper()
		f.now = f.now.Add(time.Hour)
		sig := &object.Signature{Name: "T", Email: "t@example.com", When: f.now}
		h, err := f.wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig, Parents: parents, AllowEmptyCommits: true})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	root := commit("root")
	b := commit("b", root)
	x1 := commit("x1", b)
	y1 := commit("y1", b)
	x2 := commit("x2", x1, y1)
	y2 := commit("y2", y1, x1)
	z := commit("z", b)

	tests := []struct {
		name string
		a, b plumbing.Hash
		want plumbing.Hash
	}{
		{"same commit", x1, x1, x1},
		{"ancestor", b, x2, b},
		{"descendant", x2, b, b},
		{"root", root, z, root},
		{"diverged", x1, y1, b},
		{"diverged after merge", z, x2, b},
		{"merge contains the other", y1, x2, y1},
		// Criss-cross: x1 and y1 are both best; the newer, y1, wins.
		{"criss-cross", x2, y2, y1},
		{"criss-cross swapped", y2, x2, y1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ca, err := f.repo.CommitObject(tt.a)
			if err != nil {
				t.Fatal(err)
			}
			cb, err := f.repo.CommitObject(tt.b)
			if err != nil {
				t.Fatal(err)
			}
			got, err := mergeBase(f.repo, ca, cb, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.Hash != tt.want {
				t.Errorf("mergeBase = %s (%q), want %s", got.Hash, got.Message, tt.want)
			}
		})
	}
}
