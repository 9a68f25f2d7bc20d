// Package scan runs Rampart's pipeline: discover files, normalize them,
// evaluate the documents with the engine and aggregate the findings.
package scan

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
	"github.com/rampart-iac/rampart/gate/config"
	"github.com/rampart-iac/rampart/gate/suppress"
	"github.com/rampart-iac/rampart/normalizers"
)

// Options configure a scan.
type Options struct {
	// Paths are the files and directories to scan.
	Paths []string
	// Excludes are glob patterns of paths to leave out.
	Excludes []string
	// Registry picks a normalizer per file.
	Registry *normalizers.Registry
	// Engine evaluates the documents.
	Engine *engine.Engine
	// Workers normalizing files concurrently; 0 means GOMAXPROCS.
	Workers int
	// Progress, when set, is called after each file is normalized.
	Progress func(done, total int)
	// Ignore are the configuration file's suppressions.
	Ignore []config.Ignore
	// Frameworks limits the framework results reported; empty means all.
	Frameworks []string
	// Now decides whether suppressions expired; zero means time.Now().
	Now time.Time
}

// Result is everything a report needs.
type Result struct {
	Paths      []string
	Documents  []*normalizers.Document
	Findings   []findings.Finding
	Rules      []findings.RuleResult
	Frameworks []findings.FrameworkResult
	Summary    findings.Summary
	Scope      Scope
	Skipped    []normalizers.Skipped
	// Errors are inputs that could not be read or parsed, and evaluation problems.
	Errors   []normalizers.Diagnostic
	Warnings []normalizers.Diagnostic
	Duration time.Duration

	frameworks []string
}

// Scope says what was reviewed.
type Scope struct {
	Paths         []string       `json:"paths"`
	FilesScanned  int            `json:"files_scanned"`
	FilesSkipped  int            `json:"files_skipped"`
	FilesErrored  int            `json:"files_with_errors"`
	FilesByKind   map[string]int `json:"files_by_kind"`
	Resources     int            `json:"resources"`
	ResourcesKind map[string]int `json:"resources_by_kind"`
	ResourcesType map[string]int `json:"resources_by_type"`
}

// Run scans opts.Paths. It returns an error only when the scan cannot start
// (a path that does not exist, a bad exclude pattern); problems with single
// inputs are in Result.Errors.
func Run(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	disc, err := normalizers.Discover(opts.Paths, opts.Registry, normalizers.DiscoverOptions{Excludes: opts.Excludes})
	if err != nil {
		return nil, err
	}
	res := &Result{Paths: opts.Paths, Skipped: disc.Skipped}
	res.Errors = append(res.Errors, disc.Errors...)
	docs, diags := normalize(ctx, disc.Candidates, opts.Workers, opts.Progress)
	res.Documents = docs
	errored := map[string]bool{}
	for _, d := range disc.Errors {
		errored[d.Path] = true
	}
	for _, d := range diags {
		if d.Severity == normalizers.SeverityError {
			res.Errors = append(res.Errors, d)
			errored[d.Path] = true
		} else {
			res.Warnings = append(res.Warnings, d)
		}
	}

	results, evalErrs := opts.Engine.Evaluate(ctx, docs)
	for _, e := range evalErrs {
		res.Warnings = append(res.Warnings, toDiagnostic(e))
	}
	fs, buildErrs := findings.Build(results)
	for _, e := range buildErrs {
		res.Warnings = append(res.Warnings, toDiagnostic(e))
	}
	rules := map[string]*engine.Rule{}
	for _, r := range opts.Engine.Rules() {
		rules[r.ID] = r
	}
	sup := suppress.Apply(fs, docs, rules, suppress.Options{Now: opts.Now, Ignore: opts.Ignore})
	if len(sup.Added) > 0 {
		fs = append(fs, sup.Added...)
		findings.Sort(fs)
	}
	res.Warnings = append(res.Warnings, sup.Warnings...)
	res.Findings = fs
	res.frameworks = opts.Frameworks
	res.Refresh(opts.Engine)
	res.Scope = scope(opts.Paths, disc, docs, errored)
	sortDiagnostics(res.Errors)
	sortDiagnostics(res.Warnings)
	res.Duration = time.Since(start)
	return res, nil
}

// Refresh recomputes the aggregates after findings were changed (suppressed,
// filtered by a baseline).
func (r *Result) Refresh(e *engine.Engine) {
	r.Rules = findings.Rules(e.Rules(), r.Documents, r.Findings)
	r.Frameworks = findings.Frameworks(e.Rules(), r.Rules, false)
	if len(r.frameworks) > 0 {
		kept := r.Frameworks[:0]
		for _, fw := range r.Frameworks {
			for _, want := range r.frameworks {
				if fw.Framework == want {
					kept = append(kept, fw)
					break
				}
			}
		}
		r.Frameworks = kept
	}
	r.Summary = findings.Summarize(r.Findings)
}

func toDiagnostic(err error) normalizers.Diagnostic {
	if e, ok := err.(*engine.EvalError); ok {
		msg := e.Message
		if e.RuleID != "" {
			msg = fmt.Sprintf("rule %s: %s", e.RuleID, e.Message)
		}
		return normalizers.Diagnostic{Severity: normalizers.SeverityWarning, Path: e.Path, Message: msg}
	}
	return normalizers.Diagnostic{Severity: normalizers.SeverityWarning, Message: err.Error()}
}

func sortDiagnostics(ds []normalizers.Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Path != ds[j].Path {
			return ds[i].Path < ds[j].Path
		}
		return ds[i].Line < ds[j].Line
	})
}

func scope(paths []string, disc *normalizers.Discovery, docs []*normalizers.Document, errored map[string]bool) Scope {
	s := Scope{
		Paths:         paths,
		FilesScanned:  len(disc.Candidates),
		FilesSkipped:  len(disc.Skipped),
		FilesErrored:  len(errored),
		FilesByKind:   map[string]int{},
		ResourcesKind: map[string]int{},
		ResourcesType: map[string]int{},
	}
	for _, c := range disc.Candidates {
		s.FilesByKind[c.Normalizer.Name()]++
	}
	for _, d := range docs {
		s.Resources += len(d.Resources)
		s.ResourcesKind[d.Kind] += len(d.Resources)
		for _, r := range d.Resources {
			s.ResourcesType[r.Type]++
		}
	}
	return s
}

// unit is one call of a normalizer: a single file, or every file of one
// scanned path for a TreeNormalizer.
type unit struct {
	normalizer normalizers.Normalizer
	root       string
	files      []normalizers.File
}

// units groups candidates: one unit per file, except that the files a
// TreeNormalizer accepted under one scanned path form a single unit.
func units(cands []normalizers.Candidate) []unit {
	var out []unit
	trees := map[string]int{}
	for _, c := range cands {
		if _, ok := c.Normalizer.(normalizers.TreeNormalizer); ok {
			key := c.Normalizer.Name() + "\x00" + c.Root
			if i, seen := trees[key]; seen {
				out[i].files = append(out[i].files, c.File)
				continue
			}
			trees[key] = len(out)
		}
		out = append(out, unit{normalizer: c.Normalizer, root: c.Root, files: []normalizers.File{c.File}})
	}
	return out
}

// normalize runs the normalizers concurrently and returns the documents in
// candidate order. A panicking normalizer loses only its own unit.
func normalize(ctx context.Context, cands []normalizers.Candidate, workers int, progress func(int, int)) ([]*normalizers.Document, []normalizers.Diagnostic) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	us := units(cands)
	type out struct {
		docs  []*normalizers.Document
		diags []normalizers.Diagnostic
	}
	outs := make([]out, len(us))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				outs[i].docs, outs[i].diags = normalizeUnit(ctx, us[i])
				if progress != nil {
					mu.Lock()
					done += len(us[i].files)
					progress(done, len(cands))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range us {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var docs []*normalizers.Document
	var diags []normalizers.Diagnostic
	for _, o := range outs {
		docs = append(docs, o.docs...)
		diags = append(diags, o.diags...)
	}
	return docs, diags
}

// Normalize runs the normalizers on discovered candidates without
// evaluating anything: what `rampart normalize` prints.
func Normalize(ctx context.Context, cands []normalizers.Candidate) ([]*normalizers.Document, []normalizers.Diagnostic) {
	return normalize(ctx, cands, 0, nil)
}

func normalizeUnit(ctx context.Context, u unit) (docs []*normalizers.Document, diags []normalizers.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			docs = nil
			path := u.files[0].Path
			if len(u.files) > 1 {
				path = u.root
			}
			diags = append(diags, normalizers.Diagnostic{
				Severity: normalizers.SeverityError,
				Path:     path,
				Message:  fmt.Sprintf("internal error in the %s normalizer: %v (please report this input)", u.normalizer.Name(), r),
			})
		}
	}()
	if tn, ok := u.normalizer.(normalizers.TreeNormalizer); ok {
		return tn.NormalizeTree(ctx, u.root, u.files)
	}
	return u.normalizer.Normalize(ctx, u.files[0])
}
