package changes

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"\n", []string{""}},
		{"a", []string{"a"}},
		{"a\n", []string{"a"}},
		{"a\nb", []string{"a", "b"}},
		{"a\r\nb\r\n", []string{"a", "b"}},
		{"a\n\nb\n", []string{"a", "", "b"}},
		{"a\r", []string{"a"}},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range splitLines([]byte(tt.in)) {
			got = append(got, string(l))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("splitLines(%q) (-want +got):\n%s", tt.in, diff)
		}
		if n := countLines([]byte(tt.in)); n != len(tt.want) {
			t.Errorf("countLines(%q) = %d, want %d", tt.in, n, len(tt.want))
		}
	}
}

func TestLineDiff(t *testing.T) {
	tests := []struct {
		name         string
		old, new     string
		changed      []int
		deletedAfter []int
	}{
		{"identical", "a\nb\nc\n", "a\nb\nc\n", nil, nil},
		{"both empty", "", "", nil, nil},
		{"from empty", "", "a\nb\n", []int{1, 2}, nil},
		{"to empty", "a\nb\n", "", nil, []int{0}},
		{"modify middle", "a\nb\nc\n", "a\nX\nc\n", []int{2}, []int{1}},
		{"insert middle", "a\nb\n", "a\nnew\nb\n", []int{2}, nil},
		{"insert top", "a\nb\n", "new\na\nb\n", []int{1}, nil},
		{"append", "a\nb\n", "a\nb\nc\nd\n", []int{3, 4}, nil},
		{"delete middle", "a\nb\nc\n", "a\nc\n", nil, []int{1}},
		{"delete first", "a\nb\nc\n", "b\nc\n", nil, []int{0}},
		{"delete last", "a\nb\nc\n", "a\nb\n", nil, []int{2}},
		{"delete two runs", "a\nb\nc\nd\ne\n", "a\nc\ne\n", nil, []int{1, 2}},
		{"replace everything", "a\nb\n", "c\nd\ne\n", []int{1, 2, 3}, []int{0}},
		{"CRLF to LF", "a\r\nb\r\n", "a\nb\n", nil, nil},
		{"newline at end added", "a\nb", "a\nb\n", nil, nil},
		{"repeated braces", "x {\n}\n}\n", "x {\n}\ny\n}\n", []int{3}, nil},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\nB\n3\n4\n5\n6\nG\n8\n9\n", []int{2, 7, 9}, []int{1, 6}},
		{"moved block", "a\nb\nc\nd\n", "c\nd\na\nb\n", []int{1, 2}, []int{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed, dels := lineDiff([]byte(tt.old), []byte(tt.new))
			if diff := cmp.Diff(tt.changed, changed); diff != "" {
				t.Errorf("changed lines (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.deletedAfter, dels); diff != "" {
				t.Errorf("deletions (-want +got):\n%s", diff)
			}
		})
	}
}

// lcsLength is the textbook dynamic programme, to check lcs against.
func lcsLength(a, b []int) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// checkCommon checks that the kept elements of a and b are the same
// sequence and returns its length.
func checkCommon(t *testing.T, a, b []int, keptA, keptB []bool) int {
	t.Helper()
	var ca, cb []int
	for i, k := range keptA {
		if k {
			ca = append(ca, a[i])
		}
	}
	for j, k := range keptB {
		if k {
			cb = append(cb, b[j])
		}
	}
	if diff := cmp.Diff(ca, cb); diff != "" {
		t.Fatalf("kept elements differ for a=%v b=%v (-a +b):\n%s", a, b, diff)
	}
	return len(ca)
}

func randomSeq(r *rand.Rand, n, alphabet int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = r.IntN(alphabet)
	}
	return s
}

// TestLCSMinimal checks on random inputs that lcs finds a common
// subsequence, and a longest one.
func TestLCSMinimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := range 3000 {
		alphabet := 1 + r.IntN(6)
		a := randomSeq(r, r.IntN(40), alphabet)
		var b []int
		if iter%2 == 0 {
			b = randomSeq(r, r.IntN(40), alphabet)
		} else {
			// An edit of a: closer to real diffs.
			b = append([]int(nil), a...)
			for range r.IntN(6) {
				pos := r.IntN(len(b) + 1)
				switch r.IntN(3) {
				case 0:
					b = append(b[:pos], append([]int{r.IntN(alphabet + 2)}, b[pos:]...)...)
				case 1:
					if pos < len(b) {
						b = append(b[:pos], b[pos+1:]...)
					}
				default:
					if pos < len(b) {
						b[pos] = r.IntN(alphabet + 2)
					}
				}
			}
		}
		keptA, keptB := lcs(a, b)
		got := checkCommon(t, a, b, keptA, keptB)
		if want := lcsLength(a, b); got != want {
			t.Fatalf("lcs(%v, %v) kept %d, longest is %d", a, b, got, want)
		}
	}
}

// TestLCSCostLimit checks that a search cut short still yields a common
// subsequence (marking more as changed, never less).
func TestLCSCostLimit(t *testing.T) {
	old := maxEditCost
	maxEditCost = 2
	defer func() { maxEditCost = old }()
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		a := randomSeq(r, r.IntN(30), 4)
		b := randomSeq(r, r.IntN(30), 4)
		keptA, keptB := lcs(a, b)
		checkCommon(t, a, b, keptA, keptB)
	}
	// Edits far apart are still found exactly: prefix and suffix are
	// trimmed before the search.
	changed, dels := lineDiff([]byte("a\nb\nc\nd\n"), []byte("a\nb\nX\nd\n"))
	if diff := cmp.Diff([]int{3}, changed); diff != "" || len(dels) != 1 {
		t.Errorf("changed = %v, dels = %v", changed, dels)
	}
}

// TestLineDiffLargeFile checks precision and speed on a big file with a few
// scattered edits.
func TestLineDiffLargeFile(t *testing.T) {
	const n = 50000
	var old, cur strings.Builder
	want := []int{}
	for i := 1; i <= n; i++ {
		line := fmt.Sprintf("  attribute_%d = \"value\"\n", i%997)
		fmt.Fprint(&old, line)
		switch {
		case i%10000 == 0:
			fmt.Fprintf(&cur, "  changed_%d = true\n", i)
			want = append(want, i)
		default:
			fmt.Fprint(&cur, line)
		}
	}
	start := time.Now()
	changed, dels := lineDiff([]byte(old.String()), []byte(cur.String()))
	if diff := cmp.Diff(want, changed); diff != "" {
		t.Errorf("changed lines (-want +got):\n%s", diff)
	}
	if len(dels) != len(want) {
		t.Errorf("dels = %v, want one per modified line", dels)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("diff took %v", d)
	}

	// A complete rewrite: every line changed.
	rewritten := strings.ReplaceAll(old.String(), "attribute", "renamed")
	changed, _ = lineDiff([]byte(old.String()), []byte(rewritten))
	if len(changed) != n {
		t.Errorf("complete rewrite: %d lines changed, want %d", len(changed), n)
	}
}
