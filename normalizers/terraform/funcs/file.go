package funcs

import (
	"encoding/base64"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// sensitiveDisplay replaces a sensitive value in error messages.
const sensitiveDisplay = "(sensitive value)"

// pathParam is a path parameter of a file function. It accepts marked values
// so that a sensitive path is not spelled out in error messages.
func pathParam(name, desc string) function.Parameter {
	return function.Parameter{Name: name, Description: desc, Type: cty.String, AllowMarked: true}
}

// unmarkString returns the string in v, v's marks, and how to name v in an
// error message: itself, or a placeholder if it is sensitive.
func unmarkString(v cty.Value) (string, cty.ValueMarks, string) {
	v, marks := v.Unmark()
	s := v.AsString()
	if marks.Has(SensitiveMark) {
		return s, marks, sensitiveDisplay
	}
	return s, marks, s
}

// makeFileFunc builds file(path): the content of a UTF-8 text file.
func makeFileFunc(sb *sandbox) function.Function {
	return makeFileContentFunc(sb, "Reads the contents of a file at the given path and returns them as a string.",
		func(data []byte, display string) (string, error) {
			if !utf8.Valid(data) {
				return "", fmt.Errorf("contents of %s are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead", display)
			}
			return string(data), nil
		})
}

// makeFileBase64Func builds filebase64(path): the Base64 encoding of a file.
func makeFileBase64Func(sb *sandbox) function.Function {
	return makeFileContentFunc(sb, "Reads the contents of a file at the given path and returns them as a base64-encoded string.",
		func(data []byte, _ string) (string, error) { return base64.StdEncoding.EncodeToString(data), nil })
}

// makeFileHashFunc builds one of filemd5, filesha1, ..., filebase64sha512:
// the hash of a file's content, encoded as hex or Base64.
func makeFileHashFunc(sb *sandbox, h hasher, enc encoder) function.Function {
	return makeFileContentFunc(sb, "Computes a hash of the contents of the file at the given path.",
		func(data []byte, _ string) (string, error) { return enc(h.sum(data)), nil })
}

// makeFileContentFunc builds a function of a file path returning the
// string conv makes of the file's content (display is the path to show in
// errors), with the path's marks.
func makeFileContentFunc(sb *sandbox, description string, conv func(data []byte, display string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Description: description,
		Params:      []function.Parameter{pathParam("path", "The path of the file, relative to the module directory.")},
		Type:        function.StaticReturnType(cty.String),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
			return b.NotNull()
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p, marks, display := unmarkString(args[0])
			data, err := sb.read(p, display)
			if err == nil {
				var s string
				if s, err = conv(data, display); err == nil {
					return cty.StringVal(s).WithMarks(marks), nil
				}
			}
			return cty.UnknownVal(cty.String), function.NewArgError(0, err)
		},
	})
}

// makeFileExistsFunc builds fileexists(path).
func makeFileExistsFunc(sb *sandbox) function.Function {
	return function.New(&function.Spec{
		Description: "Determines whether a file exists at the given path.",
		Params:      []function.Parameter{pathParam("path", "The path of the file, relative to the module directory.")},
		Type:        function.StaticReturnType(cty.Bool),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
			return b.NotNull()
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p, marks, display := unmarkString(args[0])
			ok, err := sb.exists(p, display)
			if err != nil {
				return cty.UnknownVal(cty.Bool), function.NewArgError(0, err)
			}
			return cty.BoolVal(ok).WithMarks(marks), nil
		},
	})
}

// makeFileSetFunc builds fileset(path, pattern).
func makeFileSetFunc(sb *sandbox) function.Function {
	return function.New(&function.Spec{
		Description: "Enumerates a set of regular file names given a path and pattern.",
		Params: []function.Parameter{
			pathParam("path", "The directory the pattern is relative to."),
			pathParam("pattern", "The glob pattern, which may use *, **, ?, [...] and {a,b}."),
		},
		Type: function.StaticReturnType(cty.Set(cty.String)),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
			return b.NotNull()
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			dir, dirMarks, dirDisplay := unmarkString(args[0])
			pattern, patMarks, _ := unmarkString(args[1])
			names, err := sb.glob(dir, dirDisplay, pattern)
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), err
			}
			if len(names) == 0 {
				return cty.SetValEmpty(cty.String).WithMarks(dirMarks, patMarks), nil
			}
			vals := make([]cty.Value, len(names))
			for i, n := range names {
				vals[i] = cty.StringVal(n)
			}
			return cty.SetVal(vals).WithMarks(dirMarks, patMarks), nil
		},
	})
}

// makeAbsPathFunc builds abspath(path). Terraform resolves a relative path
// against its working directory, which is where it reads files from; here
// that is the module's base directory, so abspath(p) names the file that
// file(p) reads. The filesystem is not consulted.
func makeAbsPathFunc(sb *sandbox) function.Function {
	return function.New(&function.Spec{
		Description: "Converts the given path to an absolute path.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
			return b.NotNull()
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			if !filepath.IsAbs(p) {
				p = filepath.Join(sb.baseDir, p)
			}
			return cty.StringVal(filepath.ToSlash(filepath.Clean(p))), nil
		},
	})
}

// makePathExpandFunc builds pathexpand(path). A leading "~" is replaced by
// the home directory only when that lies inside the scanned directory;
// otherwise the result is unknown, since the home directory of whoever runs
// Terraform is not the scanner's.
func makePathExpandFunc(sb *sandbox) function.Function {
	return function.New(&function.Spec{
		Description: "Replaces a leading ~ in the given path with the home directory.",
		Params:      []function.Parameter{{Name: "path", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
			return b.NotNull()
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			if !strings.HasPrefix(p, "~") {
				return args[0], nil
			}
			expanded, err := expandHome(p)
			switch {
			case errors.Is(err, errUserHome):
				return cty.UnknownVal(cty.String), fmt.Errorf("cannot expand %s: %w", p, err)
			case err != nil:
				return cty.UnknownVal(cty.String), nil // no home directory known here
			}
			if real, err := resolveReal(filepath.Clean(expanded)); err != nil || sb.closed || !within(sb.root, real) {
				return cty.UnknownVal(cty.String), nil
			}
			return cty.StringVal(expanded), nil
		},
	})
}

// DirnameFunc is dirname(path): everything before the last path separator.
var DirnameFunc = function.New(&function.Spec{
	Description: "Removes the last portion from a filesystem path.",
	Params:      []function.Parameter{{Name: "path", Type: cty.String}},
	Type:        function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.StringVal(filepath.Dir(args[0].AsString())), nil
	},
})

// BasenameFunc is basename(path): the last element of a path.
var BasenameFunc = function.New(&function.Spec{
	Description: "Removes all except the last portion from a filesystem path.",
	Params:      []function.Parameter{{Name: "path", Type: cty.String}},
	Type:        function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.StringVal(filepath.Base(args[0].AsString())), nil
	},
})
