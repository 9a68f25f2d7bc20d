package funcs

import (
	"crypto/md5"  //nolint:gosec // md5() is part of Terraform's language.
	"crypto/sha1" //nolint:gosec // sha1() and uuidv5() are part of Terraform's language.
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"hash"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// hasher computes one kind of hash.
type hasher func() hash.Hash

// sum returns the hash of data.
func (h hasher) sum(data []byte) []byte {
	d := h()
	d.Write(data)
	return d.Sum(nil)
}

var (
	hashMD5    hasher = md5.New
	hashSHA1   hasher = sha1.New
	hashSHA256 hasher = sha256.New
	hashSHA512 hasher = sha512.New
)

// encoder turns a hash into text.
type encoder func([]byte) string

var (
	encodeHex    encoder = hex.EncodeToString
	encodeBase64 encoder = base64.StdEncoding.EncodeToString
)

// makeStringHashFunc builds one of md5, sha1, sha256, sha512, base64sha256
// and base64sha512: the hash of a string's UTF-8 bytes.
func makeStringHashFunc(h hasher, enc encoder) function.Function {
	return function.New(&function.Spec{
		Description: "Computes a hash of the given string's UTF-8 encoding.",
		Params:      []function.Parameter{{Name: "str", Type: cty.String}},
		Type:        function.StaticReturnType(cty.String),
		RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
			return b.NotNull()
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.StringVal(enc(h.sum([]byte(args[0].AsString())))), nil
		},
	})
}

// unknownStringFunc builds a function of no arguments whose string result
// cannot be known statically.
func unknownStringFunc(desc string) function.Function {
	return function.New(&function.Spec{
		Description: desc,
		Params:      []function.Parameter{},
		Type:        function.StaticReturnType(cty.String),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.UnknownVal(cty.String).RefineNotNull(), nil
		},
	})
}

// BcryptFunc is bcrypt(str, cost?). Its result has a random salt, so it is
// unknown; the cost is still checked as Terraform does.
var BcryptFunc = function.New(&function.Spec{
	Description: "Computes a hash of the given string using the Blowfish cipher; the result has a random salt and is not known statically.",
	Params:      []function.Parameter{{Name: "str", Type: cty.String}},
	VarParam:    &function.Parameter{Name: "cost", Type: cty.Number},
	Type:        function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		switch {
		case len(args) > 2:
			return cty.UnknownVal(cty.String), errors.New("bcrypt() takes no more than two arguments")
		case len(args) == 2:
			cost, ok := wholeNumber(args[1])
			if !ok || !cost.IsInt64() || cost.Int64() < 4 || cost.Int64() > 31 {
				return cty.UnknownVal(cty.String), function.NewArgErrorf(1, "bcrypt cost must be a whole number between 4 and 31")
			}
		}
		return cty.UnknownVal(cty.String).RefineNotNull(), nil
	},
})

// RSADecryptFunc is rsadecrypt(ciphertext, privatekey). A scanner has no
// business decrypting secrets, so the result is unknown.
var RSADecryptFunc = function.New(&function.Spec{
	Description: "Decrypts an RSA-encrypted ciphertext; the result is not computed statically.",
	Params: []function.Parameter{
		{Name: "ciphertext", Type: cty.String},
		{Name: "privatekey", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
		return cty.UnknownVal(cty.String).RefineNotNull().Mark(SensitiveMark), nil
	},
})

// uuidNamespaces are the namespaces uuidv5 accepts by name (RFC 4122, appendix C).
var uuidNamespaces = map[string]string{
	"dns":  "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
	"url":  "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
	"oid":  "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
	"x500": "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
}

// parseUUID parses a UUID in its hyphenated form, optionally with a
// "urn:uuid:" prefix or braces, or as 32 hex digits.
func parseUUID(s string) ([16]byte, error) {
	var u [16]byte
	switch {
	case strings.HasPrefix(strings.ToLower(s), "urn:uuid:"):
		s = s[len("urn:uuid:"):]
	case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"):
		s = s[1 : len(s)-1]
	}
	switch len(s) {
	case 32:
	case 36:
		if s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
			return u, errors.New("invalid UUID format")
		}
		s = s[:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	default:
		return u, errors.New("invalid UUID length")
	}
	if _, err := hex.Decode(u[:], []byte(s)); err != nil {
		return u, errors.New("invalid UUID format")
	}
	return u, nil
}

// formatUUID formats a UUID in its lowercase hyphenated form.
func formatUUID(u [16]byte) string {
	h := hex.EncodeToString(u[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// UUIDv5Func is uuidv5(namespace, name): the name-based (SHA-1) UUID of name
// in namespace, which is "dns", "url", "oid", "x500" or a UUID.
var UUIDv5Func = function.New(&function.Spec{
	Description: "Generates a name-based UUID, as described in RFC 4122 section 4.3.",
	Params: []function.Parameter{
		{Name: "namespace", Type: cty.String},
		{Name: "name", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull()
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		ns := args[0].AsString()
		nsUUID := ns
		if known, ok := uuidNamespaces[ns]; ok {
			nsUUID = known
		}
		space, err := parseUUID(nsUUID)
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgErrorf(0, "uuidv5() doesn't support namespace %s (%s)", ns, err)
		}
		d := sha1.New() //nolint:gosec // RFC 4122 version 5 is defined with SHA-1.
		d.Write(space[:])
		d.Write([]byte(args[1].AsString()))
		var u [16]byte
		copy(u[:], d.Sum(nil))
		u[6] = u[6]&0x0f | 0x50 // version 5
		u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
		return cty.StringVal(formatUUID(u)), nil
	},
})
