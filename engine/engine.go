// Package engine embeds OPA: it compiles Rego rule bundles once, reads each
// rule's METADATA into a catalogue, and evaluates normalized documents
// concurrently, returning raw results tied to the rule and resource that
// produced them.
package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/cache"

	"github.com/rampart-iac/rampart/bundles"
	"github.com/rampart-iac/rampart/normalizers"
)

// Levels of a rule result.
const (
	LevelDeny = "deny"
	LevelWarn = "warn"
)

// Options configure an Engine.
type Options struct {
	// Bundles to compile together. Rule ids and packages must be unique across them.
	Bundles []*bundles.Bundle
	// Workers evaluating documents concurrently; 0 means GOMAXPROCS.
	Workers int
	// Overrides change rules by id: disable them or change their severity
	// (from the config file). An id no bundle defines is an error.
	Overrides map[string]Override
	// Parameters are rule parameters by rule id, visible to policies as
	// data.rampart.parameters[rule_id] (see policies/lib/config.rego).
	Parameters map[string]map[string]any
}

// Override changes one rule for a run.
type Override struct {
	// Disabled rules are not evaluated and not counted.
	Disabled bool
	// Severity, when set, replaces the rule's own.
	Severity Severity
}

// Engine evaluates documents against compiled rules. It is safe for
// concurrent use once built.
type Engine struct {
	rules    []*Rule
	byID     map[string]*Rule
	byKind   map[string]*kindRules
	scan     []*querySet
	compiler *ast.Compiler
	workers  int
	// workerValues caches compiled regular expressions and globs across
	// evaluations, one cache per worker. OPA's own fallback cache holds 100
	// patterns and evicts at random; the built-in library alone has more, and
	// recompiling them on every document cost more than evaluating the rules.
	// The caches lock on every lookup: sharing one made the second worker wait.
	workerValues []cache.InterQueryValueCache
	// store holds rule parameters; nil when there are none.
	store    storage.Store
	disabled []*Rule
}

// valueCacheEntries bounds the compiled-pattern cache.
const valueCacheEntries = 8192

// slot ties one element of a combined query's result array to its rule.
type slot struct {
	rule  *Rule
	level string
}

// querySet is one prepared query evaluating several rules at once.
type querySet struct {
	query rego.PreparedEvalQuery
	slots []slot
	kinds []string // scan-scope: the kinds of documents the input gathers
}

// Result is one deny or warn result of a rule.
type Result struct {
	Rule  *Rule
	Level string
	// Document is the document the result is about.
	Document *normalizers.Document
	// Resource is the address the rule named; empty when the rule returned a bare message.
	Resource string
	// Attribute is the path inside the resource's config the rule pointed at, if any.
	Attribute []any
	// Message is the rule's msg.
	Message string
}

// EvalError is a problem met while evaluating one document: a built-in that
// failed, a result without the required fields.
type EvalError struct {
	Path    string
	RuleID  string
	Message string
}

func (e *EvalError) Error() string {
	if e.RuleID != "" {
		return fmt.Sprintf("%s: rule %s: %s", e.Path, e.RuleID, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Message)
}

// deniedBuiltins never run inside a scan: policies must not reach the network.
var deniedBuiltins = map[string]bool{
	"http.send":          true,
	"net.lookup_ip_addr": true,
	"opa.runtime":        true,
}

// Capabilities returns the built-ins Rampart policies may use: OPA's own,
// minus those that reach the network or the host.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !deniedBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	return caps
}

// New compiles the bundles, builds the rule catalogue and prepares one query
// per document kind.
func New(ctx context.Context, opts Options) (*Engine, error) {
	entries := valueCacheEntries
	e := &Engine{
		byID:    map[string]*Rule{},
		byKind:  map[string]*kindRules{},
		workers: opts.Workers,
	}
	if e.workers <= 0 {
		e.workers = runtime.GOMAXPROCS(0)
	}
	for range e.workers {
		e.workerValues = append(e.workerValues, cache.NewInterQueryValueCache(ctx, &cache.Config{
			InterQueryBuiltinValueCache: cache.InterQueryBuiltinValueCacheConfig{MaxNumEntries: &entries},
		}))
	}
	modules := map[string]*ast.Module{}
	type pkgInfo struct {
		name       string
		file       string
		bundle     string
		annotation *ast.Annotations
		hasRules   bool
		hasDeny    bool
		hasWarn    bool
	}
	pkgs := map[string]*pkgInfo{}
	var order []string
	var errs []error
	for _, b := range opts.Bundles {
		for _, m := range b.Modules {
			if _, dup := modules[m.Path]; dup {
				errs = append(errs, fmt.Errorf("%s: module loaded twice", m.Path))
				continue
			}
			modules[m.Path] = m.Parsed
			name := strings.TrimPrefix(m.Parsed.Package.Path.String(), "data.")
			p, ok := pkgs[name]
			if !ok {
				p = &pkgInfo{name: name, file: m.Path, bundle: b.Name}
				pkgs[name] = p
				order = append(order, name)
			} else if p.bundle != b.Name {
				errs = append(errs, fmt.Errorf("%s: package %s is also defined by bundle %s", m.Path, name, p.bundle))
			}
			for _, a := range m.Parsed.Annotations {
				if a.Scope == "package" {
					if p.annotation != nil {
						errs = append(errs, fmt.Errorf("%s: package %s has a second package-scope METADATA block", m.Path, name))
					}
					p.annotation = a
					p.file = m.Path
				}
			}
			for _, r := range m.Parsed.Rules {
				switch ruleName(r) {
				case LevelDeny:
					p.hasDeny = true
				case LevelWarn:
					p.hasWarn = true
				}
				p.hasRules = true
			}
		}
	}
	for _, name := range order {
		p := pkgs[name]
		if !p.hasDeny && !p.hasWarn {
			if p.annotation != nil && p.annotation.Custom["id"] != nil {
				errs = append(errs, fmt.Errorf("%s: rule package %s declares custom.id but has no deny or warn rule", p.file, name))
			}
			continue // a library package
		}
		r, err := ruleFromAnnotations(name, p.file, p.annotation)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r.Bundle, r.hasDeny, r.hasWarn = p.bundle, p.hasDeny, p.hasWarn
		if prev, dup := e.byID[r.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: rule id %s is already used by %s", r.File, r.ID, prev.File))
			continue
		}
		e.byID[r.ID] = r
		e.rules = append(e.rules, r)
	}
	ids := make([]string, 0, len(opts.Overrides))
	for id := range opts.Overrides {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		o := opts.Overrides[id]
		r, ok := e.byID[id]
		if !ok {
			errs = append(errs, fmt.Errorf("configuration names rule %s, which no loaded bundle defines", id))
			continue
		}
		if o.Severity != "" {
			r.Severity = o.Severity
		}
		if o.Disabled {
			delete(e.byID, id)
			e.disabled = append(e.disabled, r)
		}
	}
	for id := range opts.Parameters {
		if _, ok := e.byID[id]; !ok && !opts.Overrides[id].Disabled {
			errs = append(errs, fmt.Errorf("configuration gives parameters to rule %s, which no loaded bundle defines", id))
		}
	}
	if len(errs) > 0 {
		return nil, &LoadError{Errors: errs}
	}
	kept := e.rules[:0]
	for _, r := range e.rules {
		if _, ok := e.byID[r.ID]; ok {
			kept = append(kept, r)
		}
	}
	e.rules = kept
	sort.Slice(e.rules, func(i, j int) bool { return e.rules[i].ID < e.rules[j].ID })
	if len(opts.Parameters) > 0 {
		params := make(map[string]any, len(opts.Parameters))
		for id, p := range opts.Parameters {
			params[id] = p
		}
		e.store = inmem.NewFromObject(map[string]any{"rampart": map[string]any{"parameters": params}})
	}

	e.compiler = ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithEnablePrintStatements(false)
	if e.compiler.Compile(modules); e.compiler.Failed() {
		return nil, &LoadError{Errors: []error{e.compiler.Errors}}
	}

	docRules := map[string][]*Rule{}
	for _, r := range e.rules {
		if r.Scope == ScopeScan {
			qs, err := e.prepare(ctx, []*Rule{r})
			if err != nil {
				return nil, err
			}
			qs.kinds = r.Kinds
			e.scan = append(e.scan, qs)
			continue
		}
		for _, k := range r.Kinds {
			docRules[k] = append(docRules[k], r)
		}
	}
	for kind, rules := range docRules {
		// Prepare the query of every rule of the kind now, so that a rule
		// that cannot be queried fails the load, not a scan.
		qs, err := e.prepare(ctx, rules)
		if err != nil {
			return nil, err
		}
		kr := &kindRules{rules: rules, queries: map[string]*querySet{}}
		kr.queries[allRules(len(rules))] = qs
		e.byKind[kind] = kr
	}
	return e, nil
}

// kindRules are the per-document rules of one document kind and the
// prepared queries for the subsets of them that documents need.
type kindRules struct {
	rules   []*Rule
	mu      sync.Mutex
	queries map[string]*querySet // by selection mask
}

func allRules(n int) string { return strings.Repeat("1", n) }

// selection returns the mask of rules that apply to a document: a rule
// whose applies_to.types names none of the document's resource types cannot
// report on it and is not evaluated. "" means no rule applies.
func (k *kindRules) selection(doc *normalizers.Document) string {
	types := make(map[string]bool, len(doc.Resources))
	for _, r := range doc.Resources {
		types[r.Type] = true
	}
	mask := make([]byte, len(k.rules))
	any := false
	for i, r := range k.rules {
		mask[i] = '0'
		if len(r.Types) == 0 {
			mask[i], any = '1', true
			continue
		}
		for _, t := range r.Types {
			if types[t] {
				mask[i], any = '1', true
				break
			}
		}
	}
	if !any {
		return ""
	}
	return string(mask)
}

// query returns the prepared query for a selection, preparing it on first use.
func (k *kindRules) query(ctx context.Context, e *Engine, mask string) (*querySet, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if qs, ok := k.queries[mask]; ok {
		return qs, nil
	}
	var rules []*Rule
	for i, r := range k.rules {
		if mask[i] == '1' {
			rules = append(rules, r)
		}
	}
	qs, err := e.prepare(ctx, rules)
	if err != nil {
		return nil, err
	}
	k.queries[mask] = qs
	return qs, nil
}

// LoadError lists every problem that stopped the policies from loading.
type LoadError struct{ Errors []error }

func (e *LoadError) Error() string {
	msgs := make([]string, 0, len(e.Errors))
	for _, err := range e.Errors {
		msgs = append(msgs, err.Error())
	}
	return "policies failed to load:\n  " + strings.Join(msgs, "\n  ")
}

// Unwrap returns the individual errors.
func (e *LoadError) Unwrap() []error { return e.Errors }

func ruleName(r *ast.Rule) string {
	ref := r.Head.Ref()
	if len(ref) == 0 {
		return ""
	}
	if v, ok := ref[0].Value.(ast.Var); ok {
		return string(v)
	}
	return ""
}

// prepare builds one query returning, for each (rule, level) slot, the set of
// its results: [ {r | some r in data.pkg.deny}, ... ].
func (e *Engine) prepare(ctx context.Context, rules []*Rule) (*querySet, error) {
	qs := &querySet{}
	var parts []string
	for _, r := range rules {
		ref := "data." + quoteRef(r.Package)
		if r.hasDeny {
			parts = append(parts, "{r | some r in "+ref+".deny}")
			qs.slots = append(qs.slots, slot{rule: r, level: LevelDeny})
		}
		if r.hasWarn {
			parts = append(parts, "{r | some r in "+ref+".warn}")
			qs.slots = append(qs.slots, slot{rule: r, level: LevelWarn})
		}
	}
	q := "x := [" + strings.Join(parts, ", ") + "]"
	ropts := []func(*rego.Rego){rego.Compiler(e.compiler), rego.Query(q)}
	if e.store != nil {
		ropts = append(ropts, rego.Store(e.store))
	}
	pq, err := rego.New(ropts...).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("prepare query for %d rules: %w", len(rules), err)
	}
	qs.query = pq
	return qs, nil
}

// quoteRef turns "a.b-c.d" into a ref that parses even when a segment is not
// a valid identifier: a.b["b-c"].d.
func quoteRef(pkg string) string {
	segs := strings.Split(pkg, ".")
	var b strings.Builder
	for i, s := range segs {
		if isIdent(s) {
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
			continue
		}
		b.WriteString("[" + strconv.Quote(s) + "]")
	}
	return b.String()
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9') {
			continue
		}
		return false
	}
	return true
}

// Rules returns the rule catalogue sorted by id, without disabled rules.
func (e *Engine) Rules() []*Rule { return e.rules }

// Disabled returns the rules the configuration turned off.
func (e *Engine) Disabled() []*Rule { return e.disabled }

// Rule returns the rule with the given id.
func (e *Engine) Rule(id string) (*Rule, bool) {
	r, ok := e.byID[id]
	return r, ok
}

// Evaluate runs every applicable rule against the documents, concurrently,
// and returns the results (in no particular order) and the problems met.
// Evaluation stops early when ctx is cancelled.
func (e *Engine) Evaluate(ctx context.Context, docs []*normalizers.Document) ([]Result, []error) {
	cancel := topdown.NewCancel()
	stop := context.AfterFunc(ctx, cancel.Cancel)
	defer stop()

	inputs := make([]ast.Value, len(docs))
	var (
		mu      sync.Mutex
		results []Result
		errs    []error
	)
	jobs := make(chan int)
	var wg sync.WaitGroup
	needScanInputs := len(e.scan) > 0
	for w := 0; w < e.workers; w++ {
		wg.Add(1)
		values := e.workerValues[w]
		go func() {
			defer wg.Done()
			for i := range jobs {
				doc := docs[i]
				var qs *querySet
				if kr := e.byKind[doc.Kind]; kr != nil {
					if mask := kr.selection(doc); mask != "" {
						var err error
						if qs, err = kr.query(ctx, e, mask); err != nil {
							mu.Lock()
							errs = append(errs, &EvalError{Path: doc.Path, Message: err.Error()})
							mu.Unlock()
							continue
						}
					}
				}
				if qs == nil && !needScanInputs {
					continue
				}
				input, err := ast.InterfaceToValue(doc.Input())
				if err != nil {
					mu.Lock()
					errs = append(errs, &EvalError{Path: doc.Path, Message: fmt.Sprintf("convert document: %v", err)})
					mu.Unlock()
					continue
				}
				inputs[i] = input
				if qs == nil {
					continue
				}
				res, evalErrs := e.eval(ctx, qs, input, cancel, values, func(string) *normalizers.Document { return doc }, doc.Path)
				mu.Lock()
				results = append(results, res...)
				errs = append(errs, evalErrs...)
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range docs {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return results, append(errs, fmt.Errorf("evaluation cancelled: %w", err))
	}

	for _, qs := range e.scan {
		var docValues []*ast.Term
		byPath := map[string]*normalizers.Document{}
		for i, d := range docs {
			if inputs[i] == nil || !containsString(qs.kinds, d.Kind) {
				continue
			}
			docValues = append(docValues, ast.NewTerm(inputs[i]))
			if _, seen := byPath[d.Path]; !seen {
				byPath[d.Path] = d
			}
		}
		input := ast.NewObject(
			ast.Item(ast.StringTerm("kind"), ast.StringTerm("scan")),
			ast.Item(ast.StringTerm("documents"), ast.ArrayTerm(docValues...)),
		)
		res, evalErrs := e.eval(ctx, qs, input, cancel, e.workerValues[0], func(p string) *normalizers.Document { return byPath[p] }, "(scan)")
		results = append(results, res...)
		errs = append(errs, evalErrs...)
	}
	return results, errs
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// eval runs one prepared query on one input and decodes its results.
// docFor maps a result's "path" (empty for per-document rules) to its document.
func (e *Engine) eval(ctx context.Context, qs *querySet, input ast.Value, cancel topdown.Cancel, values cache.InterQueryValueCache,
	docFor func(path string) *normalizers.Document, where string) ([]Result, []error) {
	var builtinErrs []topdown.Error
	rs, err := qs.query.Eval(ctx,
		rego.EvalParsedInput(input),
		rego.EvalExternalCancel(cancel),
		rego.EvalInterQueryBuiltinValueCache(values),
		rego.EvalBuiltinErrorList(&builtinErrs))
	var errs []error
	for _, be := range builtinErrs {
		errs = append(errs, &EvalError{Path: where, Message: be.Error()})
	}
	if err != nil {
		return nil, append(errs, &EvalError{Path: where, Message: err.Error()})
	}
	if len(rs) == 0 {
		return nil, errs
	}
	sets, ok := rs[0].Bindings["x"].([]any)
	if !ok || len(sets) != len(qs.slots) {
		return nil, append(errs, &EvalError{Path: where, Message: "unexpected query result shape"})
	}
	var out []Result
	for i, set := range sets {
		items, _ := set.([]any)
		s := qs.slots[i]
		for _, item := range items {
			res, err := decodeResult(s, item, docFor)
			if err != nil {
				errs = append(errs, &EvalError{Path: where, RuleID: s.rule.ID, Message: err.Error()})
				continue
			}
			out = append(out, res)
		}
	}
	return out, errs
}

func decodeResult(s slot, item any, docFor func(string) *normalizers.Document) (Result, error) {
	res := Result{Rule: s.rule, Level: s.level}
	switch v := item.(type) {
	case string:
		res.Message = v
	case map[string]any:
		msg, _ := v["msg"].(string)
		if msg == "" {
			return res, errors.New("result has no msg")
		}
		res.Message = msg
		res.Resource, _ = v["resource"].(string)
		if a, ok := v["attribute"]; ok {
			attr, err := ParseAttribute(a)
			if err != nil {
				return res, err
			}
			res.Attribute = attr
		}
		if s.rule.Scope == ScopeScan {
			p, _ := v["path"].(string)
			if p == "" {
				return res, errors.New("a scan-scope rule's result must carry the document path")
			}
			res.Document = docFor(p)
			if res.Document == nil {
				return res, fmt.Errorf("result names unknown document path %q", p)
			}
			return res, nil
		}
	default:
		return res, fmt.Errorf("result must be a string or an object with msg, got %T", item)
	}
	res.Document = docFor("")
	if res.Document == nil {
		return res, errors.New("a scan-scope rule's result must be an object carrying the document path")
	}
	return res, nil
}

// ParseAttribute accepts an attribute path as an array of keys and indexes
// or as a dotted string such as "spec.containers[0].image".
func ParseAttribute(v any) ([]any, error) {
	switch a := v.(type) {
	case []any:
		out := make([]any, 0, len(a))
		for _, e := range a {
			switch x := e.(type) {
			case string:
				out = append(out, x)
			case int:
				out = append(out, x)
			case int64:
				out = append(out, int(x))
			case float64:
				out = append(out, int(x))
			case interface{ Int64() (int64, error) }:
				n, err := x.Int64()
				if err != nil {
					return nil, fmt.Errorf("attribute index %v is not an integer", x)
				}
				out = append(out, int(n))
			default:
				return nil, fmt.Errorf("attribute element %v must be a string or an integer", e)
			}
		}
		return out, nil
	case string:
		return parseDotted(a)
	}
	return nil, fmt.Errorf("attribute must be an array or a string, got %T", v)
}

func parseDotted(s string) ([]any, error) {
	var out []any
	var key strings.Builder
	flush := func() {
		if key.Len() > 0 {
			out = append(out, key.String())
			key.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '.':
			flush()
		case '[':
			flush()
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("attribute %q: unclosed [", s)
			}
			inner := s[i+1 : i+end]
			if q, err := strconv.Unquote(inner); err == nil {
				out = append(out, q)
			} else if n, err := strconv.Atoi(inner); err == nil {
				out = append(out, n)
			} else {
				out = append(out, inner)
			}
			i += end
		default:
			key.WriteByte(c)
		}
	}
	flush()
	return out, nil
}
