// Package funcs implements Terraform's built-in functions as go-cty functions, evaluated statically and sandboxed.
//
// The functions follow Terraform's documented semantics (argument types,
// conversions and error messages), with these deliberate differences that
// follow from evaluating a configuration statically, without running it:
//
//   - Functions whose result depends on the time, on randomness or on secret
//     material (timestamp, plantimestamp, uuid, bcrypt, rsadecrypt) return an
//     unknown value of the right type instead of a result; rsadecrypt's is
//     also marked sensitive.
//   - File functions (file, filebase64, fileexists, fileset, templatefile, the
//     file hashing functions) only read below Options.Root, and never read
//     more than Options.MaxFileSize bytes of one file. Relative paths start
//     at Options.BaseDir, which is also what abspath resolves against.
//   - pathexpand only expands "~" to a home directory inside Options.Root;
//     otherwise its result is unknown. ephemeralasnull returns its argument,
//     since nothing is ephemeral here. templatestring accepts any string.
//   - A few functions refuse arguments that would only serve to exhaust the
//     scanner's memory (a format width or indent over 65536, a setproduct of
//     more than 262144 elements), which Terraform would try to honour, and
//     log and pow fail instead of panicking when the result is not a number.
//
// Nothing in this package executes programs or reaches the network.
package funcs

import (
	"maps"
	"math"

	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// DefaultMaxFileSize is the cap applied to file reads when Options.MaxFileSize is zero or negative.
const DefaultMaxFileSize int64 = 4 << 20

// Options configure the function table of one module.
type Options struct {
	// BaseDir is the module's directory on disk; file(), templatefile(), fileexists(), fileset() and friends resolve relative paths against it.
	BaseDir string
	// Root is the directory the scan may read; any path that resolves outside it (after cleaning and resolving symlinks) makes the function return an error, never the file's content.
	Root string
	// MaxFileSize caps what file functions read (default 4 MiB); larger files are an error.
	MaxFileSize int64
}

// Mark is the type of the cty value marks this package applies.
type Mark string

// SensitiveMark is the mark that sensitive() adds to a value and nonsensitive()
// removes from it; issensitive() reports it. An evaluator should redact any
// value that carries it, and may itself mark values (for example variables
// declared sensitive) with it so that these functions recognise them.
const SensitiveMark Mark = "sensitive"

// Table returns every supported function by name (the names Terraform uses, e.g. "cidrsubnet", plus the "provider::terraform::..." spelling is NOT needed).
//
// Each call returns a new map that the caller may modify; templates rendered
// by templatefile and templatestring keep seeing the original functions. The
// functions are safe for concurrent use. If opts.Root is empty the sandbox is
// opts.BaseDir, and if opts.BaseDir is empty relative paths start at
// opts.Root; if both are empty, the file functions read nothing and fail.
func Table(opts Options) map[string]function.Function {
	sb := newSandbox(opts)

	t := map[string]function.Function{
		// Numeric functions.
		"abs":      stdlib.AbsoluteFunc,
		"ceil":     stdlib.CeilFunc,
		"floor":    stdlib.FloorFunc,
		"log":      guardNaN(stdlib.LogFunc, func(n, b float64) float64 { return math.Log(n) / math.Log(b) }),
		"max":      stdlib.MaxFunc,
		"min":      stdlib.MinFunc,
		"parseint": stdlib.ParseIntFunc,
		"pow":      guardNaN(stdlib.PowFunc, math.Pow),
		"signum":   stdlib.SignumFunc,
		"sum":      SumFunc,

		// String functions.
		"chomp":       stdlib.ChompFunc,
		"endswith":    EndsWithFunc,
		"format":      guardFormat(stdlib.FormatFunc),
		"formatlist":  guardFormat(stdlib.FormatListFunc),
		"indent":      guardIndent(stdlib.IndentFunc),
		"join":        stdlib.JoinFunc,
		"lower":       stdlib.LowerFunc,
		"regex":       stdlib.RegexFunc,
		"regexall":    stdlib.RegexAllFunc,
		"replace":     ReplaceFunc,
		"split":       stdlib.SplitFunc,
		"startswith":  StartsWithFunc,
		"strcontains": StrContainsFunc,
		"strrev":      stdlib.ReverseFunc,
		"substr":      stdlib.SubstrFunc,
		"title":       stdlib.TitleFunc,
		"trim":        stdlib.TrimFunc,
		"trimprefix":  stdlib.TrimPrefixFunc,
		"trimspace":   stdlib.TrimSpaceFunc,
		"trimsuffix":  stdlib.TrimSuffixFunc,
		"upper":       stdlib.UpperFunc,

		// Collection functions.
		"alltrue":         AllTrueFunc,
		"anytrue":         AnyTrueFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"coalesce":        CoalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"index":           IndexFunc,
		"keys":            stdlib.KeysFunc,
		"length":          LengthFunc,
		"lookup":          LookupFunc,
		"matchkeys":       MatchKeysFunc,
		"merge":           stdlib.MergeFunc,
		"one":             OneFunc,
		"range":           stdlib.RangeFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": guardDynamic(stdlib.SetIntersectionFunc),
		"setproduct":      guardSetProduct(stdlib.SetProductFunc),
		"setsubtract":     guardDynamic(stdlib.SetSubtractFunc),
		"setunion":        guardDynamic(stdlib.SetUnionFunc),
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"transpose":       TransposeFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,

		// Encoding functions.
		"base64decode":     Base64DecodeFunc,
		"base64encode":     Base64EncodeFunc,
		"base64gzip":       Base64GzipFunc,
		"csvdecode":        stdlib.CSVDecodeFunc,
		"jsondecode":       stdlib.JSONDecodeFunc,
		"jsonencode":       stdlib.JSONEncodeFunc,
		"textdecodebase64": TextDecodeBase64Func,
		"textencodebase64": TextEncodeBase64Func,
		"urlencode":        URLEncodeFunc,
		"yamldecode":       YAMLDecodeFunc,
		"yamlencode":       YAMLEncodeFunc,

		// Filesystem functions.
		"abspath":          makeAbsPathFunc(sb),
		"basename":         BasenameFunc,
		"dirname":          DirnameFunc,
		"file":             makeFileFunc(sb),
		"filebase64":       makeFileBase64Func(sb),
		"filebase64sha256": makeFileHashFunc(sb, hashSHA256, encodeBase64),
		"filebase64sha512": makeFileHashFunc(sb, hashSHA512, encodeBase64),
		"fileexists":       makeFileExistsFunc(sb),
		"filemd5":          makeFileHashFunc(sb, hashMD5, encodeHex),
		"fileset":          makeFileSetFunc(sb),
		"filesha1":         makeFileHashFunc(sb, hashSHA1, encodeHex),
		"filesha256":       makeFileHashFunc(sb, hashSHA256, encodeHex),
		"filesha512":       makeFileHashFunc(sb, hashSHA512, encodeHex),
		"pathexpand":       makePathExpandFunc(sb),

		// Date and time functions.
		"formatdate":    stdlib.FormatDateFunc,
		"plantimestamp": unknownStringFunc("Returns the time at which the plan was created; it is not known statically."),
		"timeadd":       stdlib.TimeAddFunc,
		"timecmp":       TimeCmpFunc,
		"timestamp":     unknownStringFunc("Returns the current time; it is not known statically."),

		// Hash and crypto functions.
		"base64sha256": makeStringHashFunc(hashSHA256, encodeBase64),
		"base64sha512": makeStringHashFunc(hashSHA512, encodeBase64),
		"bcrypt":       BcryptFunc,
		"md5":          makeStringHashFunc(hashMD5, encodeHex),
		"rsadecrypt":   RSADecryptFunc,
		"sha1":         makeStringHashFunc(hashSHA1, encodeHex),
		"sha256":       makeStringHashFunc(hashSHA256, encodeHex),
		"sha512":       makeStringHashFunc(hashSHA512, encodeHex),
		"uuid":         unknownStringFunc("Returns a random UUID; it is not known statically."),
		"uuidv5":       UUIDv5Func,

		// IP network functions.
		"cidrhost":    CidrHostFunc,
		"cidrnetmask": CidrNetmaskFunc,
		"cidrsubnet":  CidrSubnetFunc,
		"cidrsubnets": CidrSubnetsFunc,

		// Type conversion functions.
		"can":             CanFunc,
		"ephemeralasnull": EphemeralAsNullFunc,
		"issensitive":     IsSensitiveFunc,
		"nonsensitive":    NonsensitiveFunc,
		"sensitive":       SensitiveFunc,
		"tobool":          ToBoolFunc,
		"tolist":          ToListFunc,
		"tomap":           ToMapFunc,
		"tonumber":        ToNumberFunc,
		"toset":           ToSetFunc,
		"tostring":        ToStringFunc,
		"try":             TryFunc,
	}

	// Templates see the same functions, except that they cannot render
	// further templates: a template that renders itself would never end.
	inner := maps.Clone(t)
	inner["templatefile"] = recursiveTemplateFunc("templatefile")
	inner["templatestring"] = recursiveTemplateFunc("templatestring")
	t["templatefile"] = makeTemplateFileFunc(sb, inner)
	t["templatestring"] = makeTemplateStringFunc(inner)
	return t
}
