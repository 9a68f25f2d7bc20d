package changes

import "bytes"

// maxEditCost bounds the work of one middle-snake search: when the two sides
// of a region differ by more than about 2*maxEditCost lines, the region is
// reported as wholly replaced instead of searching on. That can only mark
// more lines as changed than a minimal diff would, never fewer. A variable
// for tests.
var maxEditCost = 4096

// lineDiff compares the lines of old and new text and returns the lines of
// new (1-based, ascending) that are not in a longest common subsequence of
// the two (added or modified lines) and the positions where lines of old were
// removed: p in dels means lines were removed between new lines p and p+1
// (0 is before the first line, len(new lines) after the last).
//
// Lines are compared without their line terminator, so a change of line
// endings (LF to CRLF) or of the newline at the end of the file changes no
// line.
func lineDiff(oldText, newText []byte) (changed, dels []int) {
	a, b := internLines(splitLines(oldText), splitLines(newText))
	keptA, keptB := lcs(a, b)
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && !keptA[i]:
			if len(dels) == 0 || dels[len(dels)-1] != j {
				dels = append(dels, j)
			}
			i++
		case j < len(b) && !keptB[j]:
			changed = append(changed, j+1)
			j++
		default:
			// Both kept: the common subsequence pairs them in order.
			i++
			j++
		}
	}
	return changed, dels
}

// splitLines splits text into lines without their terminators ("\n" or
// "\r\n"). A final line without a newline counts; an empty text has no lines.
func splitLines(text []byte) [][]byte {
	var lines [][]byte
	for len(text) > 0 {
		n := bytes.IndexByte(text, '\n')
		var line []byte
		if n < 0 {
			line, text = text, nil
		} else {
			line, text = text[:n], text[n+1:]
		}
		lines = append(lines, bytes.TrimSuffix(line, []byte("\r")))
	}
	return lines
}

// countLines is len(splitLines(text)) without the allocations.
func countLines(text []byte) int {
	n := bytes.Count(text, []byte("\n"))
	if len(text) > 0 && text[len(text)-1] != '\n' {
		n++
	}
	return n
}

// internLines maps equal lines of both texts to equal integers, so that the
// diff compares integers.
func internLines(a, b [][]byte) ([]int, []int) {
	ids := make(map[string]int, len(a)+len(b))
	conv := func(lines [][]byte) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[string(l)]
			if !ok {
				id = len(ids)
				ids[string(l)] = id
			}
			out[i] = id
		}
		return out
	}
	return conv(a), conv(b)
}

// lcs finds a longest common subsequence of a and b with Myers' O((N+M)D)
// algorithm in linear space ("An O(ND) Difference Algorithm and Its
// Variations", 1986, section 4b: divide and conquer on the middle snake).
// keptA[i] and keptB[j] report whether a[i] and b[j] are in it.
func lcs(a, b []int) (keptA, keptB []bool) {
	d := &differ{a: a, b: b, keptA: make([]bool, len(a)), keptB: make([]bool, len(b))}
	d.compare(0, len(a), 0, len(b))
	return d.keptA, d.keptB
}

type differ struct {
	a, b         []int
	keptA, keptB []bool
	// fwd and bwd are the furthest-reaching x of the forward and backward
	// searches by diagonal, reused across calls.
	fwd, bwd []int
}

// compare finds the common subsequence of a[x0:x1] and b[y0:y1].
func (d *differ) compare(x0, x1, y0, y1 int) {
	for {
		// Common prefix and suffix.
		for x0 < x1 && y0 < y1 && d.a[x0] == d.b[y0] {
			d.keptA[x0], d.keptB[y0] = true, true
			x0++
			y0++
		}
		for x0 < x1 && y0 < y1 && d.a[x1-1] == d.b[y1-1] {
			d.keptA[x1-1], d.keptB[y1-1] = true, true
			x1--
			y1--
		}
		if x0 == x1 || y0 == y1 {
			return // only insertions or only deletions remain
		}
		sx, sy, ex, ey, ok := d.middleSnake(x0, x1, y0, y1)
		if !ok {
			return // too costly: leave the region unmatched
		}
		for x, y := sx, sy; x < ex; x, y = x+1, y+1 {
			d.keptA[x], d.keptB[y] = true, true
		}
		// Recurse on the smaller side, loop on the other.
		if (sx-x0)+(sy-y0) < (x1-ex)+(y1-ey) {
			d.compare(x0, sx, y0, sy)
			x0, y0 = ex, ey
		} else {
			d.compare(ex, x1, ey, y1)
			x1, y1 = sx, sy
		}
	}
}

// middleSnake returns the middle snake (sx,sy)-(ex,ey) of an optimal edit
// path from (x0,y0) to (x1,y1): the diagonal run where the forward search
// from the start and the backward search from the end first meet. Both
// prefix and suffix of the region must differ, so the distance is at least
// 2 and each half is strictly smaller than the whole. ok is false when the
// distance exceeds 2*maxEditCost.
//
// Coordinates are relative to (x0,y0); a diagonal k holds the points with
// x-y == k. Only points inside the region are recorded; -1 marks a diagonal
// the search has not reached.
func (d *differ) middleSnake(x0, x1, y0, y1 int) (sx, sy, ex, ey int, ok bool) {
	n, m := x1-x0, y1-y0
	delta := n - m
	odd := delta&1 != 0
	// Diagonals run from -m to n; index them from 0.
	size := n + m + 1
	if cap(d.fwd) < size {
		d.fwd, d.bwd = make([]int, size), make([]int, size)
	}
	fwd, bwd := d.fwd[:size], d.bwd[:size]
	for i := range fwd {
		fwd[i], bwd[i] = -1, -1
	}
	at := func(k int) int { return k + m }
	a, b := d.a[x0:x1], d.b[y0:y1]

	limit := (n + m + 1) / 2
	if limit > maxEditCost {
		limit = maxEditCost
	}
	for e := 0; e <= limit; e++ {
		// Forward: furthest point on each diagonal with e edits.
		for k := max(-e, -m+(e-m)&1); k <= min(e, n); k += 2 {
			x := -1
			if e == 0 {
				x = 0
			} else {
				// Down from k+1 (an insertion): same x.
				if k+1 <= min(e-1, n) && fwd[at(k+1)] >= 0 && fwd[at(k+1)]-k <= m {
					x = fwd[at(k+1)]
				}
				// Right from k-1 (a deletion): x+1.
				if k-1 >= max(-(e-1), -m) && fwd[at(k-1)] >= 0 && fwd[at(k-1)]+1 <= n && fwd[at(k-1)]+1 > x {
					x = fwd[at(k-1)] + 1
				}
			}
			if x < 0 {
				fwd[at(k)] = -1
				continue
			}
			y := x - k
			startX, startY := x, y
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			fwd[at(k)] = x
			// With an odd delta the paths meet on a forward step, against
			// the backward search of e-1 edits.
			if odd && k >= delta-(e-1) && k <= delta+(e-1) && bwd[at(k)] >= 0 && x >= bwd[at(k)] {
				return x0 + startX, y0 + startY, x0 + x, y0 + y, true
			}
		}
		// Backward: smallest x on each diagonal with e edits from (n,m).
		for k := max(delta-e, -m+(delta-e+m)&1); k <= min(delta+e, n); k += 2 {
			x := -1
			if e == 0 {
				x = n
			} else {
				// Up from k-1 (an insertion, walked backwards): same x.
				if k-1 >= max(delta-(e-1), -m) && bwd[at(k-1)] >= 0 && bwd[at(k-1)]-k >= 0 {
					x = bwd[at(k-1)]
				}
				// Left from k+1 (a deletion, walked backwards): x-1.
				if k+1 <= min(delta+(e-1), n) && bwd[at(k+1)] >= 1 && (x < 0 || bwd[at(k+1)]-1 < x) {
					x = bwd[at(k+1)] - 1
				}
			}
			if x < 0 {
				bwd[at(k)] = -1
				continue
			}
			y := x - k
			endX, endY := x, y
			for x > 0 && y > 0 && a[x-1] == b[y-1] {
				x--
				y--
			}
			bwd[at(k)] = x
			// With an even delta the paths meet on a backward step, against
			// the forward search of e edits.
			if !odd && k >= -e && k <= e && fwd[at(k)] >= 0 && x <= fwd[at(k)] {
				return x0 + x, y0 + y, x0 + endX, y0 + endY, true
			}
		}
	}
	return 0, 0, 0, 0, false
}
