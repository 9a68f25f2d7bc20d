package changes

import (
	"container/heap"
	"errors"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// errNoMergeBase reports that two commits share no history (as far as the
// clone has it).
var errNoMergeBase = errors.New("no common ancestor")

// commits loads commits; *git.Repository satisfies it.
type commits interface {
	CommitObject(plumbing.Hash) (*object.Commit, error)
}

// Paint flags of the merge-base walk.
const (
	fromA = 1 << iota
	fromB
	stale
	found
)

// mergeBase returns the best common ancestor of a and b, as git merge-base
// does: it walks both histories newest first, painting commits with the side
// they are reachable from; a commit reachable from both is a merge base and
// its ancestors stop being candidates. Commits in shallow have their parents
// cut off, as in a shallow clone, so the walk never asks for a missing
// parent. When there are several best common ancestors (criss-cross merges)
// the most recently committed one is returned, ties broken by hash, so the
// answer is deterministic.
func mergeBase(repo commits, a, b *object.Commit, shallow map[plumbing.Hash]bool) (*object.Commit, error) {
	if a.Hash == b.Hash {
		return a, nil
	}
	flags := map[plumbing.Hash]uint8{a.Hash: fromA, b.Hash: fromB}
	q := &commitQueue{}
	heap.Push(q, a)
	heap.Push(q, b)
	var results []*object.Commit
	for q.hasLive(flags) {
		c := heap.Pop(q).(*object.Commit)
		f := flags[c.Hash] & (fromA | fromB | stale)
		if f&(fromA|fromB) == fromA|fromB && f&stale == 0 {
			if flags[c.Hash]&found == 0 {
				flags[c.Hash] |= found
				results = append(results, c)
			}
			f |= stale
		}
		if shallow[c.Hash] {
			continue
		}
		for _, ph := range c.ParentHashes {
			if flags[ph]&f == f {
				continue
			}
			p, err := repo.CommitObject(ph)
			if err != nil {
				return nil, fmt.Errorf("load parent %s of %s: %w", ph, c.Hash, err)
			}
			flags[ph] |= f
			heap.Push(q, p)
		}
	}
	var best *object.Commit
	for _, c := range results {
		if flags[c.Hash]&stale != 0 {
			// Reachable from another result: not a best common ancestor.
			continue
		}
		if best == nil || c.Committer.When.After(best.Committer.When) ||
			(c.Committer.When.Equal(best.Committer.When) && c.Hash.String() < best.Hash.String()) {
			best = c
		}
	}
	if best == nil {
		return nil, errNoMergeBase
	}
	return best, nil
}

// commitQueue is a max-heap of commits by committer time.
type commitQueue []*object.Commit

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	ti, tj := q[i].Committer.When, q[j].Committer.When
	if !ti.Equal(tj) {
		return ti.After(tj)
	}
	return q[i].Hash.String() < q[j].Hash.String()
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(*object.Commit)) }
func (q *commitQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}

// hasLive reports whether some queued commit is not stale, that is whether
// the walk can still find a merge base.
func (q commitQueue) hasLive(flags map[plumbing.Hash]uint8) bool {
	for _, c := range q {
		if flags[c.Hash]&stale == 0 {
			return true
		}
	}
	return false
}
