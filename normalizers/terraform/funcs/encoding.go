package funcs

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"net/url"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
)

// Base64EncodeFunc is base64encode(str): the Base64 encoding of a string's
// UTF-8 bytes.
var Base64EncodeFunc = function.New(&function.Spec{
	Description: "Applies Base64 encoding to a string.",
	Params:      []function.Parameter{{Name: "str", Type: cty.String}},
	Type:        function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.StringVal(base64.StdEncoding.EncodeToString([]byte(args[0].AsString()))), nil
	},
})

// Base64DecodeFunc is base64decode(str): the UTF-8 string a Base64 text
// encodes.
var Base64DecodeFunc = function.New(&function.Spec{
	Description: "Decodes a string containing a base64 sequence.",
	Params:      []function.Parameter{{Name: "str", Type: cty.String, AllowMarked: true}},
	Type:        function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		s, marks, display := unmarkString(args[0])
		data, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "failed to decode base64 data %s", display)
		}
		if !utf8.Valid(data) {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the result of decoding the provided string is not valid UTF-8")
		}
		return cty.StringVal(string(data)).WithMarks(marks), nil
	},
})

// Base64GzipFunc is base64gzip(str): the Base64 encoding of the gzip
// compression of a string.
var Base64GzipFunc = function.New(&function.Spec{
	Description: "Compresses the given string with gzip and then encodes the result in Base64.",
	Params:      []function.Parameter{{Name: "str", Type: cty.String}},
	Type:        function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		if _, err := w.Write([]byte(args[0].AsString())); err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("failed to compress: %w", err)
		}
		if err := w.Close(); err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("failed to compress: %w", err)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(buf.Bytes())), nil
	},
})

// URLEncodeFunc is urlencode(str): the string escaped for a URL query.
var URLEncodeFunc = function.New(&function.Spec{
	Description: "Applies URL encoding to a given string.",
	Params:      []function.Parameter{{Name: "str", Type: cty.String}},
	Type:        function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.StringVal(url.QueryEscape(args[0].AsString())), nil
	},
})

// TextEncodeBase64Func is textencodebase64(string, encoding_name): the Base64
// encoding of a string in a character encoding named in the IANA registry.
var TextEncodeBase64Func = function.New(&function.Spec{
	Description: "Encodes the given string in the named character encoding and then encodes the result in Base64.",
	Params: []function.Parameter{
		{Name: "string", Type: cty.String},
		{Name: "encoding_name", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, encName, err := ianaEncoding(args[1].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(1, err)
		}
		out, err := enc.NewEncoder().Bytes([]byte(args[0].AsString()))
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the given string contains characters that cannot be represented in %s", encName)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(out)), nil
	},
})

// TextDecodeBase64Func is textdecodebase64(source, encoding_name): the string
// that Base64 text encodes in a character encoding named in the IANA
// registry.
var TextDecodeBase64Func = function.New(&function.Spec{
	Description: "Decodes Base64 data holding a string in the named character encoding.",
	Params: []function.Parameter{
		{Name: "source", Type: cty.String},
		{Name: "encoding_name", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		enc, encName, err := ianaEncoding(args[1].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(1, err)
		}
		src, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			if pos, ok := err.(base64.CorruptInputError); ok {
				return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the given value has an invalid base64 symbol at offset %d", int64(pos))
			}
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "invalid source string: %s", err)
		}
		out, err := enc.NewDecoder().Bytes(src)
		if err != nil || !utf8.Valid(out) {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "the given string contains symbols that are not defined for %s", encName)
		}
		return cty.StringVal(string(out)), nil
	},
})

// ianaEncoding returns the character encoding of the IANA registry named
// name (or an alias), with its canonical name when it has one.
func ianaEncoding(name string) (encoding.Encoding, string, error) {
	enc, err := ianaindex.IANA.Encoding(name)
	if err != nil || enc == nil {
		return nil, "", fmt.Errorf("%q is not a supported IANA encoding name or alias", name)
	}
	if canonical, err := ianaindex.IANA.Name(enc); err == nil {
		name = canonical
	}
	return enc, name, nil
}
