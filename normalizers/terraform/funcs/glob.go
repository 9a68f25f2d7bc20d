package funcs

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

const (
	// maxGlobAlternatives bounds the patterns one {a,b} pattern expands to.
	maxGlobAlternatives = 256
	// maxGlobEntries bounds the directory entries one fileset call visits.
	maxGlobEntries = 200000
)

// errBadPattern reports a malformed glob pattern.
var errBadPattern = errors.New("syntax error in pattern")

// glob returns the regular files that match pattern relative to the
// directory dir, as slash-separated paths relative to dir, sorted. Like
// Terraform's fileset, the pattern is joined to dir before matching, so it
// may use "../"; every directory it walks must be inside the sandbox.
// Symlinks to files inside the sandbox are listed; symlinks to directories
// are not descended into, and symlinks leading outside are left out.
func (s *sandbox) glob(dir, dirDisplay, pattern string) ([]string, error) {
	if s.closed {
		return nil, fmt.Errorf("directory %s cannot be read: no scanned directory was given", dirDisplay)
	}
	dirAbs, err := s.absPath(dir)
	if err != nil {
		return nil, fmt.Errorf("invalid path %s: %w", dirDisplay, err)
	}
	alts, err := expandBraces(filepath.ToSlash(pattern))
	if err != nil {
		return nil, fmt.Errorf("failed to glob pattern (%s): %w", pattern, err)
	}

	found := map[string]struct{}{}
	visited := 0
	for _, alt := range alts {
		full := filepath.ToSlash(filepath.Join(dirAbs, filepath.FromSlash(alt)))
		if err := s.globOne(full, dirAbs, dirDisplay, pattern, found, &visited); err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(found))
	for n := range found {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// globOne adds to found the files matching one brace-free absolute pattern.
func (s *sandbox) globOne(full, dirAbs, dirDisplay, pattern string, found map[string]struct{}, visited *int) error {
	segs := strings.Split(full, "/")
	k := 0
	for k < len(segs) && !hasGlobMeta(segs[k]) {
		k++
	}
	static := filepath.FromSlash(strings.Join(segs[:k], "/"))
	if static == "" {
		static = string(filepath.Separator)
	}
	pat := segs[k:]
	for i, seg := range pat {
		if seg == "**" {
			continue
		}
		seg = strings.ReplaceAll(seg, "[!", "[^")
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("failed to glob pattern (%s): %w", pattern, errBadPattern)
		}
		pat[i] = seg
	}

	display := dirDisplay
	if dirDisplay != sensitiveDisplay {
		if rel, err := filepath.Rel(dirAbs, static); err == nil {
			display = filepath.Join(dirDisplay, rel)
		}
	}
	rel, err := s.resolve(static, display)
	if err != nil {
		return err
	}
	r, err := s.openRoot()
	if err != nil {
		return err
	}
	defer r.Close()

	addMatch := func(sub string) {
		logical := static
		if sub != "" {
			logical = filepath.Join(static, filepath.FromSlash(sub))
		}
		if name, err := filepath.Rel(dirAbs, logical); err == nil {
			found[filepath.ToSlash(name)] = struct{}{}
		}
	}
	isRegular := func(fsPath string, d fs.DirEntry) bool {
		if d.Type().IsRegular() {
			return true
		}
		if d.Type()&fs.ModeSymlink == 0 {
			return false
		}
		target, err := s.resolve(filepath.Join(s.root, filepath.FromSlash(fsPath)), fsPath)
		if err != nil {
			return false
		}
		fi, err := r.Stat(target)
		return err == nil && fi.Mode().IsRegular()
	}

	start := filepath.ToSlash(rel)
	fi, err := r.Stat(rel)
	if err != nil || (len(pat) == 0 && !fi.Mode().IsRegular()) {
		return nil // nothing there, or not a file: no match
	}
	if len(pat) == 0 {
		addMatch("")
		return nil
	}
	if !fi.IsDir() {
		return nil
	}

	m := globMatcher(pat)
	return fs.WalkDir(r.FS(), start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == start {
				return fmt.Errorf("failed to glob pattern (%s): %w", pattern, err)
			}
			return nil // unreadable entries are left out, as Terraform does
		}
		*visited++
		if *visited > maxGlobEntries {
			return fmt.Errorf("failed to glob pattern (%s): more than %d directory entries to search", pattern, maxGlobEntries)
		}
		if p == start {
			return nil
		}
		sub := strings.TrimPrefix(p, start+"/")
		if start == "." {
			sub = p
		}
		states := m.run(strings.Split(sub, "/"))
		if d.IsDir() {
			if !m.canContinue(states) {
				return fs.SkipDir
			}
			return nil
		}
		if m.matched(states) && isRegular(p, d) {
			addMatch(sub)
		}
		return nil
	})
}

// hasGlobMeta reports whether a path segment contains glob syntax.
func hasGlobMeta(seg string) bool {
	return strings.ContainsAny(seg, `*?[\`)
}

// globMatcher matches slash-separated paths against pattern segments, where
// a segment "**" matches any number of path segments, and any other segment
// matches one path segment with path.Match. It runs as a small NFA, so that
// patterns with several "**" cost time linear in the path's length.
type globMatcher []string

// run returns the set of pattern positions reachable after matching name.
func (g globMatcher) run(name []string) []bool {
	cur := make([]bool, len(g)+1)
	cur[0] = true
	g.closure(cur)
	for _, seg := range name {
		next := make([]bool, len(g)+1)
		for i, ok := range cur[:len(g)] {
			if !ok {
				continue
			}
			if g[i] == "**" {
				next[i] = true
			} else if m, _ := path.Match(g[i], seg); m {
				next[i+1] = true
			}
		}
		g.closure(next)
		cur = next
	}
	return cur
}

// closure lets each "**" match zero segments.
func (g globMatcher) closure(states []bool) {
	for i, seg := range g {
		if states[i] && seg == "**" {
			states[i+1] = true
		}
	}
}

// matched reports whether the whole pattern matched.
func (g globMatcher) matched(states []bool) bool { return states[len(g)] }

// canContinue reports whether entries below a directory could still match.
func (g globMatcher) canContinue(states []bool) bool {
	for _, ok := range states[:len(g)] {
		if ok {
			return true
		}
	}
	return false
}

// expandBraces expands the {a,b} alternations of a glob pattern, which may
// nest, into the list of patterns without them.
func expandBraces(p string) ([]string, error) {
	lb, rb, commas := -1, -1, []int(nil)
	depth := 0
scan:
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '[':
			// Braces and commas inside a character class are literal.
			j := i + 1
			if j < len(p) && (p[j] == '!' || p[j] == '^') {
				j++
			}
			if j < len(p) && p[j] == ']' {
				j++
			}
			for j < len(p) && p[j] != ']' {
				if p[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case '{':
			if depth == 0 {
				lb = i
			}
			depth++
		case ',':
			if depth == 1 {
				commas = append(commas, i)
			}
		case '}':
			if depth == 0 {
				return nil, errBadPattern
			}
			depth--
			if depth == 0 {
				rb = i
				break scan
			}
		}
	}
	if depth != 0 {
		return nil, errBadPattern
	}
	if lb < 0 {
		return []string{p}, nil
	}

	prefix, suffix := p[:lb], p[rb+1:]
	var parts []string
	from := lb + 1
	for _, c := range commas {
		parts = append(parts, p[from:c])
		from = c + 1
	}
	parts = append(parts, p[from:rb])

	var out []string
	for _, part := range parts {
		expanded, err := expandBraces(prefix + part + suffix)
		if err != nil {
			return nil, err
		}
		out = append(out, expanded...)
		if len(out) > maxGlobAlternatives {
			return nil, fmt.Errorf("pattern expands to more than %d alternatives", maxGlobAlternatives)
		}
	}
	return out, nil
}
