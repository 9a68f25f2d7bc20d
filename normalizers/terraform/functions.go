package terraform

import (
	"crypto/sha256"
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/rampart-iac/rampart/normalizers/terraform/funcs"
)

// sensitiveMark marks sensitive values; they are redacted wherever they
// flow. It is the mark of the sensitive() function.
const sensitiveMark = funcs.SensitiveMark

// redacted replaces sensitive values in the output.
const redacted = "(sensitive)"

// fileFuncs are the functions that read files; without a readable
// scanned path they are replaced by functions that fail.
var fileFuncs = []string{
	"file", "filebase64", "filebase64sha256", "filebase64sha512", "fileexists",
	"filemd5", "fileset", "filesha1", "filesha256", "filesha512", "templatefile",
}

// functions returns the function table of the modules of the root module
// in rootDir: Terraform's built-in functions with file functions reading
// relative to the root module directory (the working directory of
// terraform) and never outside the scanned path.
func (r *run) functions(rootDir string) map[string]function.Function {
	if t, ok := r.funcs[rootDir]; ok {
		return t
	}
	opts := funcs.Options{MaxFileSize: funcs.DefaultMaxFileSize}
	disk, err := r.fs.DiskPath(rootDir)
	readable := err == nil
	if readable {
		opts.BaseDir, opts.Root = disk, r.fs.Root()
	}
	t := funcs.Table(opts)
	if _, ok := t["try"]; !ok {
		t["try"] = tryfunc.TryFunc
	}
	if _, ok := t["can"]; !ok {
		t["can"] = tryfunc.CanFunc
	}
	guardTemplates(t)
	for _, name := range fileFuncs {
		if !readable {
			t[name] = unavailableFunc(name)
		} else if fn, ok := t[name]; ok {
			// Modules instantiated many times read the same files with the
			// same arguments; the files do not change during a run.
			t[name] = r.memoize(name, fn)
		}
	}
	// Absolute host paths would leak the scanner's file system into the
	// output and differ between machines: abspath() cleans its argument
	// but leaves it relative to the root module directory.
	t["abspath"] = relPathFunc
	r.funcs[rootDir] = t
	return t
}

// unknownFunc stands for a function whose result cannot be known
// statically, such as a provider-defined function: any arguments, an
// unknown result.
var unknownFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
	Type:     function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
		return cty.DynamicVal, nil
	},
})

// unavailableFunc fails: file functions when no file may be read.
func unavailableFunc(name string) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
		Type:     function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.DynamicVal, fmt.Errorf("%s() is not available: no file below the scanned path may be read here", name)
		},
	})
}

// relPathFunc is abspath() without the host: the cleaned path.
var relPathFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "path", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.StringVal(path.Clean(strings.ReplaceAll(args[0].AsString(), "\\", "/"))), nil
	},
})

// maxMemo and maxMemoBytes bound the results memoized per run.
const (
	maxMemo      = 4096
	maxMemoBytes = 64 << 20
)

// memoResult is a memoized function result.
type memoResult struct {
	val cty.Value
	err error
}

// memoize wraps a function whose result only depends on its arguments
// (and files that do not change during a run) so that a call with the same
// wholly known arguments is computed once per run.
func (r *run) memoize(name string, fn function.Function) function.Function {
	spec := &function.Spec{
		Params:   fn.Params(),
		VarParam: fn.VarParam(),
		Type:     function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			key, ok := memoKey(name, args)
			if !ok {
				return fn.Call(args)
			}
			if res, ok := r.memo[key]; ok {
				return res.val, res.err
			}
			val, err := fn.Call(args)
			size := 64
			if raw, _ := val.Unmark(); err == nil && raw.IsKnown() && !raw.IsNull() && raw.Type() == cty.String {
				size += len(raw.AsString())
			}
			if len(r.memo) < maxMemo && r.memoBytes+size <= maxMemoBytes {
				r.memo[key] = memoResult{val, err}
				r.memoBytes += size
			}
			return val, err
		},
	}
	return function.New(spec)
}

// memoKey fingerprints a call; ok is false when an argument is not wholly
// known, marked, or cannot be encoded.
func memoKey(name string, args []cty.Value) (string, bool) {
	h := sha256.New()
	h.Write([]byte(name))
	for _, a := range args {
		// Marshal refuses marked and unknown values.
		b, err := ctyjson.Marshal(a, a.Type())
		if err != nil {
			return "", false
		}
		ty, err := ctyjson.MarshalType(a.Type())
		if err != nil {
			return "", false
		}
		h.Write([]byte{0})
		h.Write(ty)
		h.Write([]byte{0})
		h.Write(b)
	}
	return string(h.Sum(nil)), true
}

// guardTemplates makes templatefile() and templatestring() refuse
// templates nested deeper than maxNesting, which HCL's template parser
// would recurse into until the stack overflows (a crash no recover can
// catch). Templates cannot call these two functions themselves.
func guardTemplates(t map[string]function.Function) {
	read, canRead := t["file"]
	if tf, ok := t["templatefile"]; ok && canRead {
		// Files do not change during a run: check each template once.
		checked := map[string]error{}
		t["templatefile"] = guarded(tf, func(args []cty.Value) error {
			p, _ := args[0].UnmarkDeep()
			if p.Type() != cty.String || p.IsNull() {
				return nil
			}
			if err, ok := checked[p.AsString()]; ok {
				return err
			}
			var err error
			if content, rerr := read.Call([]cty.Value{p}); rerr == nil {
				err = templateNesting(content)
			}
			checked[p.AsString()] = err
			return err
		})
	}
	if ts, ok := t["templatestring"]; ok {
		t["templatestring"] = guarded(ts, func(args []cty.Value) error {
			return templateNesting(args[0])
		})
	}
}

// templateNesting checks the nesting of a known template string.
func templateNesting(v cty.Value) error {
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return nil
	}
	if checkNesting("<template>", []byte(v.AsString()), true).HasErrors() {
		return fmt.Errorf("the template nests expressions more than %d levels deep", maxNesting)
	}
	return nil
}

// guarded wraps fn so that check vets its arguments, wholly known ones
// only, before fn computes its type or its result.
func guarded(fn function.Function, check func([]cty.Value) error) function.Function {
	vet := func(args []cty.Value) error {
		if len(args) == 0 {
			return nil
		}
		for _, a := range args[:1] {
			if !a.IsWhollyKnown() {
				return nil
			}
		}
		return check(args)
	}
	return function.New(&function.Spec{
		Params:   fn.Params(),
		VarParam: fn.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			if err := vet(args); err != nil {
				return cty.NilType, function.NewArgError(0, err)
			}
			return fn.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := vet(args); err != nil {
				return cty.DynamicVal, function.NewArgError(0, err)
			}
			return fn.Call(args)
		},
	})
}
