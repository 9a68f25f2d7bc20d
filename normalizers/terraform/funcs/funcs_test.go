package funcs

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// evalCase is one expression to evaluate with the function table.
type evalCase struct {
	// expr is the HCL expression under test.
	expr string
	// want is an HCL expression (evaluated without functions) for the
	// expected value; the result is compared after converting want to the
	// result's type. Empty when err or unknown is set.
	want string
	// wantType, if set, is the exact type the result must have.
	wantType cty.Type
	// err is a substring of the expected error.
	err string
	// unknown means the result must be an unknown value.
	unknown bool
	// sensitive means the result must carry SensitiveMark.
	sensitive bool
}

// testVars are the variables every test expression can use.
func testVars(extra map[string]cty.Value) map[string]cty.Value {
	vars := map[string]cty.Value{
		"unknown_str":   cty.UnknownVal(cty.String),
		"unknown_num":   cty.UnknownVal(cty.Number),
		"unknown_bool":  cty.UnknownVal(cty.Bool),
		"unknown_list":  cty.UnknownVal(cty.List(cty.String)),
		"unknown_map":   cty.UnknownVal(cty.Map(cty.String)),
		"dyn":           cty.DynamicVal,
		"secret":        cty.StringVal("hunter2").Mark(SensitiveMark),
		"secret_b64":    cty.StringVal("not base64!").Mark(SensitiveMark),
		"null_str":      cty.NullVal(cty.String),
		"partial_list":  cty.ListVal([]cty.Value{cty.StringVal("a"), cty.UnknownVal(cty.String)}),
		"partial_bools": cty.ListVal([]cty.Value{cty.True, cty.UnknownVal(cty.Bool)}),
		"url_prefixed":  cty.UnknownVal(cty.String).Refine().StringPrefix("https://").NewValue(),
		"obj": cty.ObjectVal(map[string]cty.Value{
			"a": cty.StringVal("ay"),
			"n": cty.NumberIntVal(1),
		}),
	}
	for k, v := range extra {
		vars[k] = v
	}
	return vars
}

// evalExpr evaluates src with the given functions and variables.
func evalExpr(t *testing.T, funcs map[string]function.Function, vars map[string]cty.Value, src string) (cty.Value, hcl.Diagnostics) {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("cannot parse %s: %s", src, diags.Error())
	}
	return expr.Value(&hcl.EvalContext{Functions: funcs, Variables: vars})
}

// runCases evaluates each case with the table of opts and checks its result.
func runCases(t *testing.T, opts Options, extraVars map[string]cty.Value, cases []evalCase) {
	t.Helper()
	funcs := Table(opts)
	vars := testVars(extraVars)
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			got, diags := evalExpr(t, funcs, vars, c.expr)
			if c.err != "" {
				if !diags.HasErrors() {
					t.Fatalf("got %#v, want an error containing %q", got, c.err)
				}
				if msg := diags.Error(); !strings.Contains(msg, c.err) {
					t.Fatalf("got error %q, want one containing %q", msg, c.err)
				}
				return
			}
			if diags.HasErrors() {
				t.Fatalf("unexpected error: %s", diags.Error())
			}
			if c.sensitive != got.HasMark(SensitiveMark) {
				t.Fatalf("got %#v, want sensitive=%v", got, c.sensitive)
			}
			got, _ = got.UnmarkDeep()
			if c.wantType != cty.NilType && !got.Type().Equals(c.wantType) {
				t.Fatalf("got type %s, want %s", got.Type().GoString(), c.wantType.GoString())
			}
			if c.unknown {
				if got.IsKnown() {
					t.Fatalf("got %#v, want an unknown value", got)
				}
				return
			}
			want, diags := evalExpr(t, nil, vars, c.want)
			if diags.HasErrors() {
				t.Fatalf("bad want expression %s: %s", c.want, diags.Error())
			}
			want, err := convert.Convert(want, got.Type())
			if err != nil {
				t.Fatalf("got %#v, which want %s cannot be compared with: %s", got, c.want, err)
			}
			if !got.RawEquals(want) {
				t.Fatalf("got %#v, want %#v", got, want)
			}
		})
	}
}

func TestNumericFunctions(t *testing.T) {
	runCases(t, Options{}, nil, []evalCase{
		{expr: `abs(23)`, want: `23`},
		{expr: `abs(0)`, want: `0`},
		{expr: `abs(-12.4)`, want: `12.4`},
		{expr: `ceil(5)`, want: `5`},
		{expr: `ceil(5.1)`, want: `6`},
		{expr: `floor(4.9)`, want: `4`},
		{expr: `log(16, 2)`, want: `4`},
		{expr: `max(12, 54, 3)`, want: `54`},
		{expr: `max([12, 54, 3]...)`, want: `54`},
		{expr: `min(12, 54, 3)`, want: `3`},
		{expr: `parseint("100", 10)`, want: `100`},
		{expr: `parseint("FF", 16)`, want: `255`},
		{expr: `parseint("-10", 16)`, want: `-16`},
		{expr: `parseint("1011111011101111", 2)`, want: `48879`},
		{expr: `parseint("aA", 62)`, want: `656`},
		{expr: `parseint("12", 2)`, err: `cannot parse "12" as a base 2 integer`},
		{expr: `pow(3, 2)`, want: `9`},
		{expr: `pow(4, 0)`, want: `1`},
		{expr: `signum(-13)`, want: `-1`},
		{expr: `signum(0)`, want: `0`},
		{expr: `signum(344)`, want: `1`},
		{expr: `sum([10, 13, 6, 4.5])`, want: `33.5`},
		{expr: `sum(toset([1, 2]))`, want: `3`},
		{expr: `sum(["1", 2])`, want: `3`},
		{expr: `sum([])`, err: "cannot sum an empty list"},
		{expr: `sum(["a"])`, err: "argument must be list, set, or tuple of number values"},
		{expr: `sum([1, null])`, err: "argument must be list, set, or tuple of number values"},
		{expr: `sum("12")`, err: "argument must be list, set, or tuple"},
		{expr: `sum([1, unknown_num])`, unknown: true, wantType: cty.Number},
		{expr: `abs(unknown_num)`, unknown: true, wantType: cty.Number},
		{expr: `abs("x")`, err: "a number is required"},
	})
}

func TestStringFunctions(t *testing.T) {
	runCases(t, Options{}, nil, []evalCase{
		{expr: `chomp("hello\n")`, want: `"hello"`},
		{expr: `chomp("hello\r\n")`, want: `"hello"`},
		{expr: `chomp("hello\n\n")`, want: `"hello"`},
		{expr: `endswith("hello world", "world")`, want: `true`},
		{expr: `endswith("hello world", "hello")`, want: `false`},
		{expr: `format("Hello, %s!", "Ander")`, want: `"Hello, Ander!"`},
		{expr: `format("There are %d lights", 4)`, want: `"There are 4 lights"`},
		{expr: `format("%-5s|%05.1f", "ab", 3.14159)`, want: `"ab   |003.1"`},
		{expr: `format("%d", "x")`, err: "unsupported value for \"%d\""},
		{expr: `format("%999999999d", 1)`, err: "format width or precision greater than"},
		{expr: `format("%s", unknown_str)`, unknown: true, wantType: cty.String},
		{expr: `formatlist("Hello, %s!", ["Valentina", "Ander"])`, want: `["Hello, Valentina!", "Hello, Ander!"]`, wantType: cty.List(cty.String)},
		{expr: `formatlist("%s, %s!", "Salutations", ["Valentina", "Ander"])`, want: `["Salutations, Valentina!", "Salutations, Ander!"]`},
		{expr: `formatlist("%.9999999f", [1])`, err: "format width or precision greater than"},
		{expr: `indent(2, "[\n  foo,\n  bar,\n]\n")`, want: `"[\n    foo,\n    bar,\n  ]\n  "`},
		{expr: `indent(100000000, "a\nb")`, err: "cannot indent by more than"},
		{expr: `join("-", ["foo", "bar", "baz"])`, want: `"foo-bar-baz"`},
		{expr: `join(", ", ["foo"])`, want: `"foo"`},
		{expr: `join(",", ["a"], ["b", "c"])`, want: `"a,b,c"`},
		{expr: `join(",", partial_list)`, unknown: true, wantType: cty.String},
		{expr: `lower("HELLO")`, want: `"hello"`},
		{expr: `upper("hello")`, want: `"HELLO"`},
		{expr: `regex("[a-z]+", "53453453.345345aaabbbccc23454")`, want: `"aaabbbccc"`},
		{expr: `regex("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01")`, want: `["2019", "02", "01"]`},
		{expr: `regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")`, want: `{authority = "terraform.io", scheme = "https"}`},
		{expr: `regex("[a-z]+", "1234")`, err: "pattern did not match any part of the given string"},
		{expr: `regex("(", "x")`, err: "invalid regexp pattern"},
		{expr: `regexall("[a-z]+", "1234abcd5678efgh9")`, want: `["abcd", "efgh"]`},
		{expr: `length(regexall("[a-z]+", "1234abcd5678efgh9"))`, want: `2`},
		{expr: `replace("1 + 2 + 3", "+", "-")`, want: `"1 - 2 - 3"`},
		{expr: `replace("hello world", "/w.*d/", "everybody")`, want: `"hello everybody"`},
		{expr: `replace("hello world", "/(h)(e)/", "$2$1")`, want: `"ehllo world"`},
		{expr: `replace("a/b/c", "/", "-")`, want: `"a-b-c"`},
		{expr: `replace("x", "/(/", "y")`, err: "invalid regular expression pattern"},
		{expr: `split(",", "foo,bar,baz")`, want: `["foo", "bar", "baz"]`, wantType: cty.List(cty.String)},
		{expr: `split(",", "foo")`, want: `["foo"]`},
		{expr: `split(",", "")`, want: `[""]`},
		{expr: `startswith("hello world", "hello")`, want: `true`},
		{expr: `startswith("hello world", "world")`, want: `false`},
		{expr: `startswith(url_prefixed, "https:")`, want: `true`},
		{expr: `startswith(url_prefixed, "http:")`, want: `false`},
		{expr: `startswith(url_prefixed, "https://example.com/")`, unknown: true, wantType: cty.Bool},
		{expr: `startswith(unknown_str, "a")`, unknown: true, wantType: cty.Bool},
		{expr: `strcontains("hello world", "wor")`, want: `true`},
		{expr: `strcontains("hello world", "wod")`, want: `false`},
		{expr: `strrev("hello")`, want: `"olleh"`},
		{expr: `substr("hello world", 1, 4)`, want: `"ello"`},
		{expr: `substr("🤔🤷", 0, 1)`, want: `"🤔"`},
		{expr: `substr("hello world", -5, -1)`, want: `"world"`},
		{expr: `substr("hello world", 6, 10)`, want: `"world"`},
		{expr: `title("hello world")`, want: `"Hello World"`},
		{expr: `trim("?!hello?!", "!?")`, want: `"hello"`},
		{expr: `trimprefix("helloworld", "hello")`, want: `"world"`},
		{expr: `trimsuffix("helloworld", "world")`, want: `"hello"`},
		{expr: `trimspace("  hello\n\n")`, want: `"hello"`},
		{expr: `upper(secret)`, want: `"HUNTER2"`, sensitive: true},
		{expr: `lower(null_str)`, err: "argument must not be null"},
		{expr: `upper(dyn)`, unknown: true},
		{expr: `upper(["a"])`, err: "string required"},
	})
}

func TestCollectionFunctions(t *testing.T) {
	runCases(t, Options{}, nil, []evalCase{
		{expr: `alltrue(["true", true])`, want: `true`},
		{expr: `alltrue([true, false])`, want: `false`},
		{expr: `alltrue([])`, want: `true`},
		{expr: `alltrue([true, null])`, want: `false`},
		{expr: `alltrue(partial_bools)`, unknown: true, wantType: cty.Bool},
		{expr: `alltrue([unknown_bool, false])`, want: `false`},
		{expr: `anytrue(["true"])`, want: `true`},
		{expr: `anytrue([])`, want: `false`},
		{expr: `anytrue([false, null])`, want: `false`},
		{expr: `anytrue([unknown_bool, true])`, want: `true`},
		{expr: `anytrue([unknown_bool, false])`, unknown: true},
		{expr: `anytrue(["maybe"])`, err: "a bool is required"},
		{expr: `chunklist(["a", "b", "c", "d", "e"], 2)`, want: `[["a", "b"], ["c", "d"], ["e"]]`},
		{expr: `coalesce("a", "b")`, want: `"a"`},
		{expr: `coalesce("", "b")`, want: `"b"`},
		{expr: `coalesce(1, 2)`, want: `1`, wantType: cty.Number},
		{expr: `coalesce(["", "b"]...)`, want: `"b"`},
		{expr: `coalesce(1, "hello")`, want: `"1"`, wantType: cty.String},
		{expr: `coalesce(null, "x")`, want: `"x"`},
		{expr: `coalesce(null_str, "", "c")`, want: `"c"`},
		{expr: `coalesce(null, "")`, err: "no non-null, non-empty-string arguments"},
		{expr: `coalesce({}, "x")`, err: "all arguments must have the same type"},
		{expr: `coalesce(unknown_str, "x")`, unknown: true, wantType: cty.String},
		{expr: `coalesce("x", unknown_str)`, want: `"x"`},
		{expr: `coalesce(dyn, "x")`, unknown: true},
		{expr: `coalesce(secret, "x")`, want: `"hunter2"`, sensitive: true},
		{expr: `coalescelist(["a", "b"], ["c", "d"])`, want: `["a", "b"]`},
		{expr: `coalescelist([], ["c", "d"])`, want: `["c", "d"]`},
		{expr: `compact(["a", "", "b", "c"])`, want: `["a", "b", "c"]`, wantType: cty.List(cty.String)},
		{expr: `concat(["a", ""], ["b", "c"])`, want: `["a", "", "b", "c"]`},
		{expr: `contains(["a", "b", "c"], "a")`, want: `true`},
		{expr: `contains(["a", "b", "c"], "d")`, want: `false`},
		{expr: `distinct(["a", "b", "a", "c", "d", "b"])`, want: `["a", "b", "c", "d"]`},
		{expr: `element(["a", "b", "c"], 1)`, want: `"b"`},
		{expr: `element(["a", "b", "c"], 3)`, want: `"a"`},
		{expr: `element(["a", "b", "c"], -1)`, want: `"c"`},
		{expr: `element([], 0)`, err: "cannot use element function with an empty list"},
		{expr: `flatten([["a", "b"], [], ["c"]])`, want: `["a", "b", "c"]`},
		{expr: `flatten([[["a", "b"], []], ["c"]])`, want: `["a", "b", "c"]`},
		{expr: `index(["a", "b", "c"], "b")`, want: `1`},
		{expr: `index(["one", "two", "two"], "two")`, want: `1`},
		{expr: `index(["a"], "z")`, err: "item not found"},
		{expr: `index([], "z")`, err: "cannot search an empty list"},
		{expr: `index("abc", "a")`, err: "argument must be a list or tuple"},
		{expr: `index(partial_list, "a")`, want: `0`},
		{expr: `index(partial_list, "b")`, unknown: true},
		{expr: `keys({a = 1, c = 2, d = 3})`, want: `["a", "c", "d"]`},
		{expr: `length([])`, want: `0`},
		{expr: `length(["a", "b"])`, want: `2`},
		{expr: `length({"a" = "b"})`, want: `1`},
		{expr: `length("hello")`, want: `5`},
		{expr: `length("👾🕹️")`, want: `2`},
		{expr: `length(unknown_list)`, unknown: true, wantType: cty.Number},
		{expr: `length([unknown_str, 1])`, want: `2`},
		{expr: `length(dyn)`, unknown: true},
		{expr: `length(secret)`, want: `7`, sensitive: true},
		{expr: `length(1)`, err: "argument must be a string, a collection type, or a structural type"},
		{expr: `lookup({a = "ay", b = "bee"}, "a", "what?")`, want: `"ay"`},
		{expr: `lookup({a = "ay", b = "bee"}, "c", "what?")`, want: `"what?"`},
		{expr: `lookup({a = "ay", b = "bee"}, "a")`, want: `"ay"`},
		{expr: `lookup({a = "ay"}, "c")`, err: "the given object has no attribute \"c\""},
		{expr: `lookup(tomap({a = "ay"}), "c")`, err: `lookup failed to find key "c"`},
		{expr: `lookup(tomap({a = "ay"}), secret)`, err: `lookup failed to find key "(sensitive value)"`},
		{expr: `lookup(tomap({a = "ay"}), "c", 1)`, want: `"1"`, wantType: cty.String},
		{expr: `lookup(tomap({a = "ay"}), "c", [])`, err: "the default value must have the same type as the map elements"},
		{expr: `lookup({a = 1}, "a", "b", "c")`, err: "lookup() takes no more than three arguments"},
		{expr: `lookup("x", "a")`, err: "must be a map or an object"},
		{expr: `lookup(unknown_map, "a", "d")`, unknown: true, wantType: cty.String},
		{expr: `lookup({a = "x"}, unknown_str, "d")`, unknown: true},
		{expr: `lookup(obj, "a", unknown_str)`, want: `"ay"`},
		{expr: `lookup(tomap({a = secret}), "a")`, want: `"hunter2"`, sensitive: true},
		{expr: `matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])`, want: `["i-abc", "i-def"]`, wantType: cty.List(cty.String)},
		{expr: `matchkeys(["a", "b"], [1, 2], ["2"])`, want: `["b"]`},
		{expr: `matchkeys(["a"], [1, 2], [1])`, err: "length of keys and values should be equal"},
		{expr: `matchkeys(["a"], [{}], [[1]])`, err: "keys and searchset must be of the same type"},
		{expr: `matchkeys(["a", "b"], ["x", "y"], ["z"])`, want: `[]`},
		{expr: `matchkeys(["a"], partial_list, ["a"])`, err: "length of keys and values should be equal"},
		{expr: `matchkeys(["a", "b"], partial_list, ["a"])`, unknown: true},
		{expr: `merge({a = "b", c = "d"}, {e = "f", c = "z"})`, want: `{a = "b", c = "z", e = "f"}`},
		{expr: `merge({a = "b"}, {a = [1, 2], c = "z"}, {d = 3})`, want: `{a = [1, 2], c = "z", d = 3}`},
		{expr: `one([])`, want: `null`},
		{expr: `one(["hello"])`, want: `"hello"`},
		{expr: `one(["hello", "goodbye"])`, err: "must be a list, set, or tuple value with either zero or one elements"},
		{expr: `one(toset([]))`, want: `null`},
		{expr: `one(toset(["hello"]))`, want: `"hello"`},
		{expr: `one(tolist(["a", "b"]))`, err: "must be a list, set, or tuple value with either zero or one elements"},
		{expr: `one("x")`, err: "must be a list, set, or tuple value"},
		{expr: `one(unknown_list)`, unknown: true, wantType: cty.String},
		{expr: `range(3)`, want: `[0, 1, 2]`},
		{expr: `range(1, 4)`, want: `[1, 2, 3]`},
		{expr: `range(1, 8, 2)`, want: `[1, 3, 5, 7]`},
		{expr: `range(4, 1)`, want: `[4, 3, 2]`},
		{expr: `range(10, 5, -2)`, want: `[10, 8, 6]`},
		{expr: `range(100000)`, err: "more than 1024 values were generated"},
		{expr: `reverse([1, 2, 3])`, want: `[3, 2, 1]`},
		{expr: `setintersection(["a", "b"], ["b", "c"], ["b", "d"])`, want: `["b"]`, wantType: cty.Set(cty.String)},
		{expr: `setproduct(["development", "staging"], ["app1", "app2"])`, want: `[["development", "app1"], ["development", "app2"], ["staging", "app1"], ["staging", "app2"]]`},
		{expr: `setproduct(range(1000), range(1000))`, err: "setproduct would produce more than"},
		{expr: `setproduct([], range(1000), range(1000))`, want: `[]`},
		{expr: `setsubtract(["a", "b", "c"], ["a", "c"])`, want: `["b"]`},
		{expr: `length(setunion(toset([unknown_str]), ["a"]))`, unknown: true},
		{expr: `setunion(dyn, ["a"])`, unknown: true},
		{expr: `setintersection(partial_list, ["a"])`, unknown: true},
		{expr: `log(1, 1)`, err: "the result for 1 and 1 is not a real number"},
		{expr: `pow(-8, 0.5)`, err: "the result for -8 and 0.5 is not a real number"},
		{expr: `setunion(["a", "b"], ["b", "c"], ["d"])`, want: `["a", "b", "c", "d"]`},
		{expr: `slice(["a", "b", "c", "d"], 1, 3)`, want: `["b", "c"]`},
		{expr: `sort(["e", "d", "a", "x"])`, want: `["a", "d", "e", "x"]`},
		{expr: `transpose({"a" = ["1", "2"], "b" = ["2", "3"]})`, want: `{"1" = ["a"], "2" = ["a", "b"], "3" = ["b"]}`, wantType: cty.Map(cty.List(cty.String))},
		{expr: `transpose({})`, want: `{}`},
		{expr: `transpose({"a" = ["1", null]})`, err: "input lists must not contain null values"},
		{expr: `transpose({"a" = partial_list})`, unknown: true},
		{expr: `values({a = 3, c = 2, d = 1})`, want: `[3, 2, 1]`},
		{expr: `zipmap(["a", "b"], [1, 2])`, want: `{a = 1, b = 2}`},
	})
}

func TestEncodingFunctions(t *testing.T) {
	runCases(t, Options{}, nil, []evalCase{
		{expr: `base64encode("Hello World")`, want: `"SGVsbG8gV29ybGQ="`},
		{expr: `base64decode("SGVsbG8gV29ybGQ=")`, want: `"Hello World"`},
		{expr: `base64decode("not base64!")`, err: "failed to decode base64 data not base64!"},
		{expr: `base64decode(secret_b64)`, err: "failed to decode base64 data (sensitive value)"},
		{expr: `base64decode("/w==")`, err: "the result of decoding the provided string is not valid UTF-8"},
		{expr: `base64decode(base64encode(secret))`, want: `"hunter2"`, sensitive: true},
		{expr: `csvdecode("a,b,c\n1,2,3\n4,5,6")`, want: `[{a = "1", b = "2", c = "3"}, {a = "4", b = "5", c = "6"}]`},
		{expr: `csvdecode("a,b\n1")`, err: "wrong number of fields"},
		{expr: `jsondecode("{\"hello\": \"world\"}")`, want: `{hello = "world"}`},
		{expr: `jsondecode("true")`, want: `true`},
		{expr: `jsondecode("{")`, err: "EOF"},
		{expr: `jsonencode({"hello" = "world"})`, want: `"{\"hello\":\"world\"}"`},
		{expr: `jsonencode({a = unknown_str})`, unknown: true, wantType: cty.String},
		{expr: `textencodebase64("Hello World", "UTF-16LE")`, want: `"SABlAGwAbABvACAAVwBvAHIAbABkAA=="`},
		{expr: `textdecodebase64("SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE")`, want: `"Hello World"`},
		{expr: `textencodebase64("Hello", "not-an-encoding")`, err: `"not-an-encoding" is not a supported IANA encoding name or alias`},
		{expr: `textencodebase64("☃", "us-ascii")`, err: "cannot be represented in"},
		{expr: `textdecodebase64("%%%", "UTF-8")`, err: "invalid base64 symbol at offset 0"},
		{expr: `urlencode("Hello World!")`, want: `"Hello+World%21"`},
		{expr: `urlencode("☃")`, want: `"%E2%98%83"`},
		{expr: `urlencode("foo:bar@localhost?foo=bar&bar=baz")`, want: `"foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz"`},
		{expr: `yamldecode("hello: world")`, want: `{hello = "world"}`},
		{expr: `yamldecode("true")`, want: `true`},
		{expr: `yamldecode("{a: &foo [1, 2, 3], b: *foo}")`, want: `{a = [1, 2, 3], b = [1, 2, 3]}`},
		{expr: `yamldecode("{a: &foo [1, *foo, 3]}")`, err: "cannot refer to anchor \"foo\" from inside its own definition"},
		{expr: `yamldecode("a: 1\n---\nb: 2\n")`, err: "unexpected extra content after value"},
		{expr: `yamlencode({"a" = "b", "c" = "d"})`, want: `"\"a\": \"b\"\n\"c\": \"d\"\n"`},
		{expr: `yamlencode({"foo" = [1, 2, 3], "bar" = "baz"})`, want: `"\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n"`},
		{expr: `yamlencode(unknown_str)`, unknown: true, wantType: cty.String},
		{expr: `yamldecode(unknown_str)`, unknown: true},
	})
}

func TestBase64Gzip(t *testing.T) {
	got, diags := evalExpr(t, Table(Options{}), nil, `base64gzip("test")`)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	raw, err := base64.StdEncoding.DecodeString(got.AsString())
	if err != nil {
		t.Fatal(err)
	}
	r, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil || string(plain) != "test" {
		t.Fatalf("got %q, %v; want %q", plain, err, "test")
	}
}

func TestDateTimeFunctions(t *testing.T) {
	runCases(t, Options{}, nil, []evalCase{
		{expr: `formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")`, want: `"02 Jan 2018 23:12 UTC"`},
		{expr: `formatdate("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z")`, want: `"Tuesday, 02-Jan-18 23:12:01 UTC"`},
		{expr: `formatdate("h:mm", "2018-01-02T23:12:01-08:00")`, want: `"23:12"`},
		{expr: `formatdate("YYYY", "yesterday")`, err: "not a valid RFC3339 timestamp"},
		{expr: `timeadd("2017-11-22T00:00:00Z", "10m")`, want: `"2017-11-22T00:10:00Z"`},
		{expr: `timeadd("2017-11-22T00:00:00Z", "-1h")`, want: `"2017-11-21T23:00:00Z"`},
		{expr: `timeadd("2017-11-22T00:00:00Z", "ten minutes")`, err: "time: invalid duration"},
		{expr: `timecmp("2017-11-22T00:00:00Z", "2017-11-22T00:00:00Z")`, want: `0`},
		{expr: `timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00Z")`, want: `-1`},
		{expr: `timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00Z")`, want: `1`},
		{expr: `timecmp("2017-11-22T01:00:00Z", "2017-11-22T00:00:00-01:00")`, want: `0`},
		{expr: `timecmp("2017-11-22", "2017-11-22T00:00:00Z")`, err: "not a valid RFC3339 timestamp"},
		{expr: `timestamp()`, unknown: true, wantType: cty.String},
		{expr: `plantimestamp()`, unknown: true, wantType: cty.String},
		{expr: `formatdate("YYYY", timestamp())`, unknown: true, wantType: cty.String},
	})
}

func TestHashAndCryptoFunctions(t *testing.T) {
	runCases(t, Options{}, nil, []evalCase{
		{expr: `md5("hello world")`, want: `"5eb63bbbe01eeed093cb22bb8f5acdc3"`},
		{expr: `sha1("hello world")`, want: `"2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"`},
		{expr: `sha256("hello world")`, want: `"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"`},
		{expr: `sha512("hello world")`, want: `"309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f"`},
		{expr: `base64sha256("hello world")`, want: `"uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="`},
		{expr: `base64sha512("hello world")`, want: `"MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw=="`},
		{expr: `sha256(secret)`, want: `"f52fbd32b2b3b86ff88ef6c490628285f482af15ddcb29541f94bcf526a3f6c7"`, sensitive: true},
		{expr: `md5(unknown_str)`, unknown: true, wantType: cty.String},
		{expr: `uuidv5("dns", "www.terraform.io")`, want: `"a5008fae-b28c-5ba5-96cd-82b4c53552d6"`},
		{expr: `uuidv5("url", "https://www.terraform.io/")`, want: `"9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"`},
		{expr: `uuidv5("oid", "1.3.6.1.4")`, want: `"af9d40a5-7a36-5c07-b23a-851cd99fbfa5"`},
		{expr: `uuidv5("x500", "CN=Example,C=GB")`, want: `"84e09961-4aa4-57f8-95b7-03edb1073253"`},
		{expr: `uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io")`, want: `"a5008fae-b28c-5ba5-96cd-82b4c53552d6"`},
		{expr: `uuidv5("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}", "www.terraform.io")`, want: `"a5008fae-b28c-5ba5-96cd-82b4c53552d6"`},
		{expr: `uuidv5("urn:uuid:6ba7b8109dad11d180b400c04fd430c8", "www.terraform.io")`, want: `"a5008fae-b28c-5ba5-96cd-82b4c53552d6"`},
		{expr: `uuidv5("743ac3c0-3bf7-4a5b-9e6c-59360447c757", "LIBS:diskfont.library")`, want: `"ede1a974-df7e-5f17-84b9-76208818b2c8"`},
		{expr: `uuidv5("tld", "com")`, err: "uuidv5() doesn't support namespace tld"},
		{expr: `uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430cz", "x")`, err: "doesn't support namespace"},
		{expr: `uuid()`, unknown: true, wantType: cty.String},
		{expr: `bcrypt("hello")`, unknown: true, wantType: cty.String},
		{expr: `bcrypt("hello", 12)`, unknown: true, wantType: cty.String},
		{expr: `bcrypt("hello", 3)`, err: "bcrypt cost must be a whole number between 4 and 31"},
		{expr: `bcrypt("hello", 10, 1)`, err: "bcrypt() takes no more than two arguments"},
		{expr: `rsadecrypt("abc", "key")`, unknown: true, wantType: cty.String, sensitive: true},
	})
}

func TestCidrFunctions(t *testing.T) {
	runCases(t, Options{}, nil, []evalCase{
		{expr: `cidrhost("10.12.112.0/20", 16)`, want: `"10.12.112.16"`},
		{expr: `cidrhost("10.12.112.0/20", 268)`, want: `"10.12.113.12"`},
		{expr: `cidrhost("10.12.127.0/20", 16)`, want: `"10.12.112.16"`},
		{expr: `cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)`, want: `"fd00:fd12:3456:7890::22"`},
		{expr: `cidrhost("10.0.0.0/8", 2)`, want: `"10.0.0.2"`},
		{expr: `cidrhost("10.0.0.0/8", -2)`, want: `"10.255.255.254"`},
		{expr: `cidrhost("10.0.0.0/8", -1)`, want: `"10.255.255.255"`},
		{expr: `cidrhost("010.000.000.000/8", 1)`, want: `"10.0.0.1"`},
		{expr: `cidrhost("192.168.1.0/24", 256)`, err: "prefix of 24 does not accommodate a host numbered 256"},
		{expr: `cidrhost("192.168.1.0/24", -257)`, err: "prefix of 24 does not accommodate a host numbered -257"},
		{expr: `cidrhost("192.168.1.0/24", 1.5)`, err: "hostnum must be a whole number"},
		{expr: `cidrhost("192.168.1.0", 1)`, err: "invalid CIDR expression: invalid CIDR address: 192.168.1.0"},
		{expr: `cidrhost("192.168.1.0/33", 1)`, err: "invalid CIDR expression"},
		{expr: `cidrhost("256.0.0.0/8", 1)`, err: "invalid CIDR expression"},
		{expr: `cidrhost("fe80::1%eth0/64", 1)`, err: "invalid CIDR expression"},
		{expr: `cidrhost("not a cidr", 1)`, err: "invalid CIDR expression"},
		{expr: `cidrhost("::/0", -1)`, want: `"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"`},
		{expr: `cidrhost(unknown_str, 1)`, unknown: true, wantType: cty.String},
		{expr: `cidrnetmask("172.16.0.0/12")`, want: `"255.240.0.0"`},
		{expr: `cidrnetmask("10.0.0.0/32")`, want: `"255.255.255.255"`},
		{expr: `cidrnetmask("0.0.0.0/0")`, want: `"0.0.0.0"`},
		{expr: `cidrnetmask("fd00::/8")`, err: "IPv6 addresses cannot have a netmask: fd00::/8"},
		{expr: `cidrnetmask("10.0.0.0")`, err: "invalid CIDR expression"},
		{expr: `cidrsubnet("172.16.0.0/12", 4, 2)`, want: `"172.18.0.0/16"`},
		{expr: `cidrsubnet("10.1.2.0/24", 4, 15)`, want: `"10.1.2.240/28"`},
		{expr: `cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)`, want: `"fd00:fd12:3456:7800:a200::/72"`},
		{expr: `cidrsubnet("10.0.0.0/8", 0, 0)`, want: `"10.0.0.0/8"`},
		{expr: `cidrsubnet("0.0.0.0/0", 32, 4294967295)`, want: `"255.255.255.255/32"`},
		{expr: `cidrsubnet("10.0.0.0/8", 8, 256)`, err: "prefix extension of 8 does not accommodate a subnet numbered 256"},
		{expr: `cidrsubnet("10.0.0.0/8", 8, -1)`, err: "prefix extension of 8 does not accommodate a subnet numbered -1"},
		{expr: `cidrsubnet("10.0.0.0/30", 3, 0)`, err: "insufficient address space to extend prefix of 30 by 3"},
		{expr: `cidrsubnet("10.0.0.0/8", -1, 0)`, err: "cannot extend prefix by a negative number of bits"},
		{expr: `cidrsubnet("10.0.0.0/8", 1.5, 0)`, err: "newbits must be a whole number"},
		{expr: `cidrsubnet("10.0.0.0/8", 4, 0.5)`, err: "netnum must be a whole number"},
		{expr: `cidrsubnet("10.0.0.0/8", 4, "x")`, err: "a number is required"},
		{expr: `cidrsubnet("::/64", 64, 18446744073709551615)`, want: `"::ffff:ffff:ffff:ffff/128"`},
		{expr: `cidrsubnet("10.0.0.0/8", unknown_num, 1)`, unknown: true, wantType: cty.String},
		{expr: `cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)`, want: `["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]`, wantType: cty.List(cty.String)},
		{expr: `cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)`, want: `["fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72", "fd00:fd12:3456:7800:200::/72", "fd00:fd12:3456:7800:300::/88"]`},
		{expr: `cidrsubnets("10.0.0.0/8", 4, 4, 8, 4)`, want: `["10.0.0.0/12", "10.16.0.0/12", "10.32.0.0/16", "10.48.0.0/12"]`},
		{expr: `cidrsubnets("0.0.0.0/0", 1, 1)`, want: `["0.0.0.0/1", "128.0.0.0/1"]`},
		{expr: `cidrsubnets("10.0.0.0/8")`, want: `[]`, wantType: cty.List(cty.String)},
		{expr: `cidrsubnets("10.0.0.0/30", 1, 1, 1)`, err: "not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31"},
		{expr: `cidrsubnets("10.0.0.0/8", 0)`, err: "must extend prefix by at least one bit"},
		{expr: `cidrsubnets("10.0.0.0/8", 33)`, err: "may not extend prefix by more than 32 bits"},
		{expr: `cidrsubnets("10.0.0.0/24", 9)`, err: "would extend prefix to 33 bits, which is too long for an IPv4 address"},
		{expr: `cidrsubnets("::/100", 29)`, err: "would extend prefix to 129 bits, which is too long for an IPv6 address"},
		{expr: `cidrsubnets("10.0.0.0/8", 1.5)`, err: "newbits must be a whole number"},
		{expr: `cidrsubnets("bad", 1)`, err: "invalid CIDR expression"},
		{expr: `[for cidr in cidrsubnets("10.0.0.0/20", 1, 1) : cidrsubnets(cidr, 1, 1)]`, want: `[["10.0.0.0/22", "10.0.4.0/22"], ["10.0.8.0/22", "10.0.12.0/22"]]`},
	})
}

func TestConversionFunctions(t *testing.T) {
	runCases(t, Options{}, map[string]cty.Value{
		"num_list": cty.ListVal([]cty.Value{cty.NumberIntVal(1)}),
	}, []evalCase{
		{expr: `tobool(true)`, want: `true`},
		{expr: `tobool("true")`, want: `true`},
		{expr: `tobool(null)`, want: `null`, wantType: cty.Bool},
		{expr: `tobool("no")`, err: `cannot convert "no" to bool; only the strings "true" or "false" are allowed`},
		{expr: `tobool(1)`, err: "cannot convert number to bool"},
		{expr: `tobool(secret)`, err: "cannot convert this sensitive string to bool"},
		{expr: `tobool(unknown_str)`, unknown: true, wantType: cty.Bool},
		{expr: `tonumber(1)`, want: `1`},
		{expr: `tonumber("1")`, want: `1`},
		{expr: `tonumber(null)`, want: `null`, wantType: cty.Number},
		{expr: `tonumber("no")`, err: `cannot convert "no" to number; given string must be a decimal representation of a number`},
		{expr: `tonumber([])`, err: "cannot convert"},
		{expr: `tostring("hello")`, want: `"hello"`},
		{expr: `tostring(1)`, want: `"1"`},
		{expr: `tostring(true)`, want: `"true"`},
		{expr: `tostring(null)`, want: `null`, wantType: cty.String},
		{expr: `tostring([])`, err: "cannot convert"},
		{expr: `tostring(secret)`, want: `"hunter2"`, sensitive: true},
		{expr: `tostring(dyn)`, unknown: true, wantType: cty.String},
		{expr: `tolist(["a", "b", "c"])`, want: `["a", "b", "c"]`, wantType: cty.List(cty.String)},
		{expr: `tolist(["a", "b", 3])`, want: `["a", "b", "3"]`, wantType: cty.List(cty.String)},
		{expr: `tolist([{a = 1}, "x"])`, err: "cannot convert"},
		{expr: `tolist(num_list)`, want: `[1]`, wantType: cty.List(cty.Number)},
		{expr: `tolist("x")`, err: "cannot convert string to list of any single type"},
		{expr: `toset(["a", "b", "c"])`, want: `["a", "b", "c"]`, wantType: cty.Set(cty.String)},
		{expr: `toset(["c", "b", "b"])`, want: `["b", "c"]`},
		{expr: `toset(["a", "b", 3])`, want: `["a", "b", "3"]`, wantType: cty.Set(cty.String)},
		{expr: `tomap({"a" = 1, "b" = 2})`, want: `{a = 1, b = 2}`, wantType: cty.Map(cty.Number)},
		{expr: `tomap({"a" = "foo", "b" = true})`, want: `{a = "foo", b = "true"}`, wantType: cty.Map(cty.String)},
		{expr: `tomap(["a"])`, err: "cannot convert"},
		{expr: `tomap(unknown_map)`, unknown: true, wantType: cty.Map(cty.String)},
		{expr: `try(obj.missing, "fallback")`, want: `"fallback"`},
		{expr: `try(obj.a, "fallback")`, want: `"ay"`},
		{expr: `try(tonumber("x"), tonumber("2"))`, want: `2`},
		{expr: `try(obj.missing, obj.also_missing)`, err: "no expression succeeded"},
		{expr: `try(unknown_str, "fallback")`, unknown: true},
		{expr: `can(obj.missing)`, want: `false`},
		{expr: `can(obj.a)`, want: `true`},
		{expr: `can(regex("^ami-", "ami-123"))`, want: `true`},
		{expr: `can(regex("^ami-", "img-123"))`, want: `false`},
		{expr: `can(unknown_str)`, unknown: true, wantType: cty.Bool},
	})
}

func TestSensitiveFunctions(t *testing.T) {
	runCases(t, Options{}, nil, []evalCase{
		{expr: `sensitive("x")`, want: `"x"`, sensitive: true},
		{expr: `sensitive(unknown_str)`, unknown: true, sensitive: true},
		{expr: `sensitive(null)`, want: `null`, sensitive: true},
		{expr: `nonsensitive(sensitive("x"))`, want: `"x"`},
		{expr: `nonsensitive(secret)`, want: `"hunter2"`},
		{expr: `nonsensitive("x")`, want: `"x"`},
		{expr: `issensitive(secret)`, want: `true`},
		{expr: `issensitive(sensitive(unknown_str))`, want: `true`},
		{expr: `issensitive("x")`, want: `false`},
		{expr: `issensitive(unknown_str)`, unknown: true},
		{expr: `ephemeralasnull("x")`, want: `"x"`},
		{expr: `ephemeralasnull(secret)`, want: `"hunter2"`, sensitive: true},
	})
	// Marks on nested values survive nonsensitive, as in Terraform.
	got, diags := evalExpr(t, Table(Options{}), testVars(nil), `nonsensitive({a = secret})`)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if got.HasMark(SensitiveMark) || !got.GetAttr("a").HasMark(SensitiveMark) {
		t.Fatalf("nonsensitive changed nested marks: %#v", got)
	}
}

// fixture is a scanned directory for the file function tests.
type fixture struct {
	root    string // the scanned directory, symlinks resolved
	module  string // root/mod, a copy of testdata/module
	outside string // a directory next to root holding secret.txt
	opts    Options
}

// secretContent is the content of the file outside the scanned directory.
const secretContent = "TOP SECRET"

// newFixture builds the scanned directory:
//
//	outside/secret.txt       the file that must never be read
//	root/shared.txt          inside root, outside the module
//	root/mod/...             a copy of testdata/module
//	root/mod/big.txt         larger than MaxFileSize
//	root/mod/binary.dat      not UTF-8
//	root/mod/link_out        symlink to outside/secret.txt
//	root/mod/dirlink_out     symlink to outside/
//	root/mod/files/link_out  symlink to outside/secret.txt
//	root/mod/link_in         relative symlink to ../shared.txt
//	root/mod/link_in_abs     absolute symlink to root/shared.txt
func newFixture(t *testing.T) fixture {
	t.Helper()
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{
		root:    filepath.Join(base, "root"),
		outside: filepath.Join(base, "outside"),
	}
	f.module = filepath.Join(f.root, "mod")
	f.opts = Options{BaseDir: f.module, Root: f.root, MaxFileSize: 128}

	if err := os.CopyFS(f.module, os.DirFS(filepath.Join("testdata", "module"))); err != nil {
		t.Fatal(err)
	}
	write := func(p, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		t.Helper()
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("cannot create symlinks here: %v", err)
		}
	}
	write(filepath.Join(f.outside, "secret.txt"), secretContent)
	write(filepath.Join(f.root, "shared.txt"), "shared")
	write(filepath.Join(f.module, "big.txt"), strings.Repeat("x", 129))
	write(filepath.Join(f.module, "binary.dat"), "\xff\xfe\x00")
	link(filepath.Join(f.outside, "secret.txt"), filepath.Join(f.module, "link_out"))
	link(f.outside, filepath.Join(f.module, "dirlink_out"))
	link(filepath.Join(f.outside, "secret.txt"), filepath.Join(f.module, "files", "link_out.txt"))
	link(filepath.Join("..", "shared.txt"), filepath.Join(f.module, "link_in"))
	link(filepath.Join(f.root, "shared.txt"), filepath.Join(f.module, "link_in_abs"))
	return f
}

func TestFileFunctions(t *testing.T) {
	f := newFixture(t)
	vars := map[string]cty.Value{
		"path":        cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(f.module)}),
		"secret_path": cty.StringVal("no-such-file.txt").Mark(SensitiveMark),
		"abs_hello":   cty.StringVal(filepath.Join(f.module, "hello.txt")),
		"abs_shared":  cty.StringVal(filepath.Join(f.root, "shared.txt")),
	}
	runCases(t, f.opts, vars, []evalCase{
		{expr: `file("hello.txt")`, want: `"Hello World"`},
		{expr: `file("${path.module}/hello.txt")`, want: `"Hello World"`},
		{expr: `file(abs_hello)`, want: `"Hello World"`},
		{expr: `file("./templates/../hello.txt")`, want: `"Hello World"`},
		{expr: `file("../shared.txt")`, want: `"shared"`},
		{expr: `file(abs_shared)`, want: `"shared"`},
		{expr: `file("link_in")`, want: `"shared"`},
		{expr: `file("link_in_abs")`, want: `"shared"`},
		{expr: `file(sensitive("hello.txt"))`, want: `"Hello World"`, sensitive: true},
		{expr: `file("missing.txt")`, err: "no file exists at missing.txt"},
		{expr: `file("hello.txt/nested")`, err: "no file exists at hello.txt/nested"},
		{expr: `file(secret_path)`, err: "no file exists at (sensitive value)"},
		{expr: `file("binary.dat")`, err: "contents of binary.dat are not valid UTF-8"},
		{expr: `file("big.txt")`, err: "larger than the 128 bytes this scanner reads"},
		{expr: `file("templates")`, err: "templates is not a regular file, but a directory"},
		{expr: `file(unknown_str)`, unknown: true, wantType: cty.String},
		{expr: `filebase64("hello.txt")`, want: `"SGVsbG8gV29ybGQ="`},
		{expr: `filebase64("binary.dat")`, want: `"//4A"`},
		{expr: `filemd5("hello.txt")`, want: `"b10a8db164e0754105b7a99be72e3fe5"`},
		{expr: `filesha1("hello.txt")`, want: `"0a4d55a8d778e5022fab701977c5d840bbc486d0"`},
		{expr: `filesha256("hello.txt")`, want: `"a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e"`},
		{expr: `filesha512("hello.txt")`, want: `"2c74fd17edafd80e8447b0d46741ee243b7eb74dd2149a0ab1b9246fb30382f27e853d8585719e0e67cbda0daa8f51671064615d645ae27acb15bfb1447f459b"`},
		{expr: `filebase64sha256("hello.txt")`, want: `"pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4="`},
		{expr: `filebase64sha512("hello.txt")`, want: `"LHT9F+2v2A6ER7DUZ0HuJDt+t03SFJoKsbkkb7MDgvJ+hT2FhXGeDmfL2g2qj1FnEGRhXWRa4nrLFb+xRH9Fmw=="`},
		{expr: `filesha256("big.txt")`, err: "larger than the 128 bytes"},
		{expr: `fileexists("hello.txt")`, want: `true`},
		{expr: `fileexists("missing.txt")`, want: `false`},
		{expr: `fileexists("missing/dir/file.txt")`, want: `false`},
		{expr: `fileexists("link_in")`, want: `true`},
		{expr: `fileexists("templates")`, err: "templates is not a regular file, but a directory"},
		{expr: `fileexists(unknown_str)`, unknown: true, wantType: cty.Bool},
		{expr: `fileset(path.module, "files/*.txt")`, want: `["files/.hidden.txt", "files/a.txt"]`, wantType: cty.Set(cty.String)},
		{expr: `fileset("files", "*")`, want: `[".hidden.txt", "a.txt", "b.json"]`},
		{expr: `fileset("files", "**")`, want: `[".hidden.txt", "a.txt", "b.json", "sub/c.txt", "sub/deeper/d.txt"]`},
		{expr: `fileset("files", "**/*.txt")`, want: `[".hidden.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt"]`},
		{expr: `fileset("files", "sub/**/d.txt")`, want: `["sub/deeper/d.txt"]`},
		{expr: `fileset("files", "*.{txt,json}")`, want: `[".hidden.txt", "a.txt", "b.json"]`},
		{expr: `fileset("files", "[ab].*")`, want: `["a.txt", "b.json"]`},
		{expr: `fileset("files", "[!a].*")`, want: `["b.json"]`},
		{expr: `fileset("files", "?.txt")`, want: `["a.txt"]`},
		{expr: `fileset("files", "a.txt")`, want: `["a.txt"]`},
		{expr: `fileset("files", "sub")`, want: `[]`},
		{expr: `fileset("files", "*.tf")`, want: `[]`},
		{expr: `fileset("missing", "*")`, want: `[]`},
		{expr: `fileset("files/sub", "../*.json")`, want: `["../b.json"]`},
		{expr: `fileset(".", "link_*")`, want: `["link_in", "link_in_abs"]`},
		{expr: `fileset("files", "[")`, err: "failed to glob pattern ([)"},
		{expr: `fileset("files", "{a")`, err: "failed to glob pattern ({a)"},
		{expr: `fileset("files", unknown_str)`, unknown: true, wantType: cty.Set(cty.String)},
		{expr: `templatefile("templates/backends.tftpl", {port = 8080, ip_addrs = ["10.0.0.1", "10.0.0.2"]})`, want: `"backend 10.0.0.1:8080\nbackend 10.0.0.2:8080\n"`},
		{expr: `templatefile("templates/users.tftpl", {names = ["alice", "bob"], admin = "bob"})`, want: `"user alice\nuser bob (admin)\n"`},
		{expr: `templatefile("templates/users.tftpl", tomap({names = "x", admin = "y"}))`, err: "Iteration over non-iterable value"},
		{expr: `templatefile("templates/passthrough.tftpl", {config = {a = 1}})`, want: `{a = 1}`, wantType: cty.Object(map[string]cty.Type{"a": cty.Number})},
		{expr: `templatefile("templates/reads_file.tftpl", {})`, want: `"greeting: Hello World"`},
		{expr: `templatefile("templates/recursive.tftpl", {})`, err: "cannot recursively call templatefile from inside a template"},
		{expr: `templatefile("templates/missing_var.tftpl", {})`, err: `vars map does not contain key "missing", referenced at`},
		{expr: `templatefile("templates/backends.tftpl", {"1abc" = 1})`, err: `invalid template variable name "1abc"`},
		{expr: `templatefile("templates/backends.tftpl", "x")`, err: "invalid vars value: must be a map"},
		{expr: `templatefile("templates/passthrough.tftpl", {config = secret})`, want: `"hunter2"`, sensitive: true},
		{expr: `templatefile("templates/passthrough.tftpl", {config = unknown_str})`, unknown: true},
		{expr: `templatefile(unknown_str, {})`, unknown: true},
		{expr: `templatefile("missing.tftpl", {})`, err: "no file exists at missing.tftpl"},
		{expr: `templatestring("Hello, $${name}!", {name = "Ander"})`, want: `"Hello, Ander!"`},
		{expr: `templatestring("%%{ if x }yes%%{ else }no%%{ endif }", {x = false})`, want: `"no"`},
		{expr: `templatestring("$${templatestring(t, {t = t})}", {t = "x"})`, err: "cannot recursively call templatestring from inside a template"},
		{expr: `templatestring("$${", {})`, err: "failed to parse template"},
		{expr: `abspath("hello.txt")`, want: `"${path.module}/hello.txt"`},
		{expr: `abspath(path.module)`, want: `path.module`},
		{expr: `abspath("/etc/../tmp")`, want: `"/tmp"`},
		{expr: `dirname("foo/bar/baz.txt")`, want: `"foo/bar"`},
		{expr: `dirname("baz.txt")`, want: `"."`},
		{expr: `basename("foo/bar/baz.txt")`, want: `"baz.txt"`},
		{expr: `basename("foo/bar/")`, want: `"bar"`},
		{expr: `pathexpand("foo/bar")`, want: `"foo/bar"`},
		{expr: `pathexpand("/etc/hosts")`, want: `"/etc/hosts"`},
		{expr: `pathexpand("~/.ssh/id_rsa")`, unknown: true, wantType: cty.String},
		{expr: `pathexpand("~other/x")`, err: "cannot expand user-specific home dir"},
	})
}

// TestFileSandbox checks that no file function reads outside the scanned
// directory, whichever way the path tries to leave it.
func TestFileSandbox(t *testing.T) {
	f := newFixture(t)
	funcs := Table(f.opts)
	relOut, err := filepath.Rel(f.module, filepath.Join(f.outside, "secret.txt"))
	if err != nil {
		t.Fatal(err)
	}
	escapes := map[string]string{
		"relative":         relOut,
		"absolute":         filepath.Join(f.outside, "secret.txt"),
		"dotdot from root": "../../outside/secret.txt",
		"symlink":          "link_out",
		"symlinked dir":    "dirlink_out/secret.txt",
		"etc":              "/etc/passwd",
		"home":             "~/.bashrc",
	}
	fileFuncs := []string{
		"file", "filebase64", "fileexists", "filemd5", "filesha1", "filesha256",
		"filesha512", "filebase64sha256", "filebase64sha512",
	}
	for name, p := range escapes {
		for _, fn := range fileFuncs {
			t.Run(fn+"/"+name, func(t *testing.T) {
				got, err := funcs[fn].Call([]cty.Value{cty.StringVal(p)})
				checkOutside(t, got, err)
			})
		}
		t.Run("templatefile/"+name, func(t *testing.T) {
			got, err := funcs["templatefile"].Call([]cty.Value{cty.StringVal(p), cty.EmptyObjectVal})
			checkOutside(t, got, err)
		})
		t.Run("fileset/"+name, func(t *testing.T) {
			dir := filepath.Dir(p)
			got, err := funcs["fileset"].Call([]cty.Value{cty.StringVal(dir), cty.StringVal("*")})
			if dir == "." { // the symlink case: the module itself is fine
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			checkOutside(t, got, err)
		})
	}

	// fileset patterns that leave the scanned directory.
	for _, args := range [][2]string{
		{".", "../../*"},
		{".", "../../outside/*"},
		{".", "../../**/*.txt"},
		{"..", "../*"},
		{"dirlink_out", "*"},
		{f.outside, "*"},
		{".", "{a.txt,../../outside/*}"},
	} {
		t.Run("fileset/"+args[0]+"/"+args[1], func(t *testing.T) {
			got, err := funcs["fileset"].Call([]cty.Value{cty.StringVal(args[0]), cty.StringVal(args[1])})
			checkOutside(t, got, err)
		})
	}

	// A listing of the module leaves out symlinks that lead outside.
	got, err := funcs["fileset"].Call([]cty.Value{cty.StringVal("."), cty.StringVal("**/link*")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for it := got.ElementIterator(); it.Next(); {
		_, v := it.Element()
		names = append(names, v.AsString())
	}
	if want := []string{"link_in", "link_in_abs"}; !slices.Equal(names, want) {
		t.Fatalf("fileset listed %q, want %q", names, want)
	}

	// The sandbox root itself may be given through a symlink.
	linkedRoot := filepath.Join(filepath.Dir(f.root), "root_link")
	if err := os.Symlink(f.root, linkedRoot); err != nil {
		t.Fatal(err)
	}
	linked := Table(Options{BaseDir: filepath.Join(linkedRoot, "mod"), Root: linkedRoot})
	if got, err := linked["file"].Call([]cty.Value{cty.StringVal("hello.txt")}); err != nil || got.AsString() != "Hello World" {
		t.Fatalf("reading through a symlinked root: got %#v, %v", got, err)
	}
	if _, err := linked["file"].Call([]cty.Value{cty.StringVal("link_out")}); err == nil || !strings.Contains(err.Error(), "outside the scanned directory") {
		t.Fatalf("symlink out of a symlinked root: got %v", err)
	}
}

// checkOutside fails unless err reports a path outside the scanned
// directory without revealing the secret.
func checkOutside(t *testing.T, got cty.Value, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("got %#v, want an error", got)
	}
	if !strings.Contains(err.Error(), "outside the scanned directory") {
		t.Fatalf("got error %q, want one about the scanned directory", err)
	}
	if strings.Contains(err.Error(), secretContent) {
		t.Fatalf("error reveals the secret: %q", err)
	}
}

func TestTableDefaults(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "module"))
	if err != nil {
		t.Fatal(err)
	}
	// With only BaseDir, the sandbox is BaseDir.
	funcs := Table(Options{BaseDir: dir})
	if got, err := funcs["file"].Call([]cty.Value{cty.StringVal("hello.txt")}); err != nil || got.AsString() != "Hello World" {
		t.Fatalf("got %#v, %v", got, err)
	}
	if _, err := funcs["file"].Call([]cty.Value{cty.StringVal("../module/hello.txt")}); err != nil {
		t.Fatalf("a path back into the sandbox: %v", err)
	}
	if _, err := funcs["file"].Call([]cty.Value{cty.StringVal("../../funcs.go")}); err == nil || !strings.Contains(err.Error(), "outside the scanned directory") {
		t.Fatalf("got %v, want an error about the scanned directory", err)
	}
	// With only Root, relative paths start at Root.
	funcs = Table(Options{Root: dir})
	if got, err := funcs["file"].Call([]cty.Value{cty.StringVal("hello.txt")}); err != nil || got.AsString() != "Hello World" {
		t.Fatalf("got %#v, %v", got, err)
	}
	// Without any directory, nothing is read, not even from templates.
	funcs = Table(Options{})
	for _, call := range []struct {
		name string
		args []cty.Value
	}{
		{"file", []cty.Value{cty.StringVal("funcs.go")}},
		{"fileexists", []cty.Value{cty.StringVal("funcs.go")}},
		{"filesha256", []cty.Value{cty.StringVal("funcs.go")}},
		{"fileset", []cty.Value{cty.StringVal("."), cty.StringVal("*")}},
		{"templatefile", []cty.Value{cty.StringVal("funcs.go"), cty.EmptyObjectVal}},
		{"templatestring", []cty.Value{cty.StringVal(`${file("funcs.go")}`), cty.EmptyObjectVal}},
	} {
		if got, err := funcs[call.name].Call(call.args); err == nil || !strings.Contains(err.Error(), "no scanned directory was given") {
			t.Errorf("%s without a directory: got %#v, %v", call.name, got, err)
		}
	}
	if got, err := funcs["pathexpand"].Call([]cty.Value{cty.StringVal("~/x")}); err != nil || got.IsKnown() {
		t.Errorf("pathexpand without a directory: got %#v, %v", got, err)
	}
	// The default size cap is 4 MiB.
	if sb := newSandbox(Options{}); sb.maxSize != DefaultMaxFileSize {
		t.Fatalf("default max size is %d", sb.maxSize)
	}
}

// TestTableNames pins the set of supported functions.
func TestTableNames(t *testing.T) {
	want := []string{
		"abs", "abspath", "alltrue", "anytrue", "base64decode", "base64encode",
		"base64gzip", "base64sha256", "base64sha512", "basename", "bcrypt", "can",
		"ceil", "chomp", "chunklist", "cidrhost", "cidrnetmask", "cidrsubnet",
		"cidrsubnets", "coalesce", "coalescelist", "compact", "concat", "contains",
		"csvdecode", "dirname", "distinct", "element", "endswith", "ephemeralasnull",
		"file", "filebase64", "filebase64sha256", "filebase64sha512", "fileexists",
		"filemd5", "fileset", "filesha1", "filesha256", "filesha512", "flatten",
		"floor", "format", "formatdate", "formatlist", "indent", "index",
		"issensitive", "join", "jsondecode", "jsonencode", "keys", "length", "log",
		"lookup", "lower", "matchkeys", "max", "md5", "merge", "min", "nonsensitive",
		"one", "parseint", "pathexpand", "plantimestamp", "pow", "range", "regex",
		"regexall", "replace", "reverse", "rsadecrypt", "sensitive", "setintersection",
		"setproduct", "setsubtract", "setunion", "sha1", "sha256", "sha512", "signum",
		"slice", "sort", "split", "startswith", "strcontains", "strrev", "substr",
		"sum", "templatefile", "templatestring", "textdecodebase64", "textencodebase64",
		"timeadd", "timecmp", "timestamp", "title", "tobool", "tolist", "tomap",
		"tonumber", "toset", "tostring", "transpose", "trim", "trimprefix",
		"trimspace", "trimsuffix", "try", "upper", "urlencode", "uuid", "uuidv5",
		"values", "yamldecode", "yamlencode", "zipmap",
	}
	var got []string
	for name := range Table(Options{}) {
		got = append(got, name)
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Fatalf("function names:\n got %q\nwant %q", got, want)
	}
}

// argVariants are the awkward arguments every function must survive.
var argVariants = map[string]func(cty.Type) cty.Value{
	"unknown": func(ty cty.Type) cty.Value { return cty.UnknownVal(ty) },
	"dynamic": func(cty.Type) cty.Value { return cty.DynamicVal },
	"null":    func(ty cty.Type) cty.Value { return cty.NullVal(ty) },
	"marked": func(ty cty.Type) cty.Value {
		return sampleValue(ty).Mark(SensitiveMark)
	},
	"marked unknown": func(ty cty.Type) cty.Value {
		return cty.UnknownVal(ty).Mark(SensitiveMark)
	},
	"nested unknown": func(ty cty.Type) cty.Value {
		if ty == cty.DynamicPseudoType {
			return cty.ListVal([]cty.Value{cty.UnknownVal(cty.String)})
		}
		return cty.UnknownVal(ty)
	},
	"nested marked": func(ty cty.Type) cty.Value {
		if ty == cty.DynamicPseudoType {
			return cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x").Mark(SensitiveMark)})
		}
		return sampleValue(ty)
	},
}

// sampleValue returns a known value of type ty.
func sampleValue(ty cty.Type) cty.Value {
	switch {
	case ty == cty.String:
		return cty.StringVal("10.0.0.0/8")
	case ty == cty.Number:
		return cty.NumberIntVal(1)
	case ty == cty.Bool:
		return cty.True
	case ty.IsListType():
		return cty.ListVal([]cty.Value{sampleValue(ty.ElementType())})
	case ty.IsMapType():
		return cty.MapVal(map[string]cty.Value{"k": sampleValue(ty.ElementType())})
	case ty.IsSetType():
		return cty.SetVal([]cty.Value{sampleValue(ty.ElementType())})
	default:
		return cty.StringVal("x")
	}
}

// TestAwkwardArguments calls every function with unknown, dynamic, null and
// marked arguments: none may panic, and unknown arguments must not be errors
// (beyond the few functions that check argument counts).
func TestAwkwardArguments(t *testing.T) {
	f := newFixture(t)
	funcs := Table(f.opts)
	for name, fn := range funcs {
		if name == "try" || name == "can" {
			continue // they take expression closures, covered by TestConversionFunctions
		}
		params := fn.Params()
		for variant, mk := range argVariants {
			minArity := len(params)
			if minArity == 0 && fn.VarParam() != nil {
				minArity = 1 // no arguments at all is an error of its own
			}
			for arity := minArity; arity <= len(params)+2; arity++ {
				if arity > len(params) && fn.VarParam() == nil {
					break
				}
				t.Run(name+"/"+variant, func(t *testing.T) {
					args := make([]cty.Value, arity)
					for i := range args {
						var p function.Parameter
						if i < len(params) {
							p = params[i]
						} else {
							p = *fn.VarParam()
						}
						args[i] = mk(p.Type)
					}
					got, err := fn.Call(args)
					var pe function.PanicError
					if errors.As(err, &pe) {
						t.Fatalf("%s panicked with %s: %s", name, variant, err)
					}
					if err == nil && got == cty.NilVal {
						t.Fatalf("%s returned no value and no error", name)
					}
					if strings.HasPrefix(variant, "unknown") || variant == "dynamic" {
						if err != nil && !strings.Contains(err.Error(), "arguments") && !strings.Contains(err.Error(), "cannot recursively") {
							t.Fatalf("%s(%s) failed: %s", name, variant, err)
						}
					}
				})
			}
		}
	}
}

// FuzzCidrsubnet checks that cidrsubnet, cidrhost and cidrsubnets never
// panic, and that any subnet they return lies within the given prefix.
func FuzzCidrsubnet(f *testing.F) {
	seeds := []struct {
		prefix          string
		newbits, netnum int64
	}{
		{"172.16.0.0/12", 4, 2},
		{"10.1.2.0/24", 4, 15},
		{"fd00:fd12:3456:7890::/56", 16, 162},
		{"10.0.0.0/8", 8, 256},
		{"10.0.0.0/30", 3, 0},
		{"0.0.0.0/0", 32, 4294967295},
		{"::/0", 64, -1},
		{"010.000.000.000/8", 1, 1},
		{"::ffff:10.0.0.0/104", 8, 3},
		{"fe80::1%eth0/64", 1, 1},
		{"10.0.0.0", 1, 1},
		{"", 0, 0},
	}
	for _, s := range seeds {
		f.Add(s.prefix, s.newbits, s.netnum)
	}
	funcs := Table(Options{})
	f.Fuzz(func(t *testing.T, prefix string, newbits, netnum int64) {
		p, nb, nn := cty.StringVal(prefix), cty.NumberIntVal(newbits), cty.NumberIntVal(netnum)
		parent, parentErr := netip.ParsePrefix(prefix)

		got, err := funcs["cidrsubnet"].Call([]cty.Value{p, nb, nn})
		checkNoPanic(t, err)
		if err == nil {
			sub, perr := netip.ParsePrefix(got.AsString())
			if perr != nil {
				t.Fatalf("cidrsubnet(%q, %d, %d) = %q, not a prefix", prefix, newbits, netnum, got.AsString())
			}
			if parentErr == nil && (!parent.Masked().Contains(sub.Addr()) || sub.Bits() != parent.Bits()+int(newbits)) {
				t.Fatalf("cidrsubnet(%q, %d, %d) = %s, not a /%d within the prefix", prefix, newbits, netnum, sub, parent.Bits()+int(newbits))
			}
		}

		got, err = funcs["cidrhost"].Call([]cty.Value{p, nn})
		checkNoPanic(t, err)
		if err == nil {
			host, perr := netip.ParseAddr(got.AsString())
			if perr != nil {
				t.Fatalf("cidrhost(%q, %d) = %q, not an address", prefix, netnum, got.AsString())
			}
			if parentErr == nil && !parent.Masked().Contains(host) {
				t.Fatalf("cidrhost(%q, %d) = %s, outside the prefix", prefix, netnum, host)
			}
		}

		got, err = funcs["cidrsubnets"].Call([]cty.Value{p, nb, cty.NumberIntVal(netnum % 40), nb})
		checkNoPanic(t, err)
		if err == nil && parentErr == nil {
			var prev netip.Prefix
			for i, v := range got.AsValueSlice() {
				sub, perr := netip.ParsePrefix(v.AsString())
				if perr != nil || !parent.Masked().Contains(sub.Addr()) {
					t.Fatalf("cidrsubnets(%q, ...)[%d] = %q, not within the prefix", prefix, i, v.AsString())
				}
				if i > 0 && (prev.Overlaps(sub) || sub.Addr().Less(prev.Addr())) {
					t.Fatalf("cidrsubnets(%q, ...) gave %s after %s", prefix, sub, prev)
				}
				prev = sub
			}
		}

		_, err = funcs["cidrnetmask"].Call([]cty.Value{p})
		checkNoPanic(t, err)
	})
}

// FuzzStringFunctions checks that the string functions with parsers of their
// own never panic.
func FuzzStringFunctions(f *testing.F) {
	for _, s := range [][2]string{
		{"hello world", "/w.*d/"},
		{"1 + 2 + 3", "+"},
		{"Hello, %s!", "Ander"},
		{"%-5s|%05.1f", "x"},
		{"*.{txt,json}", "files"},
		{"[!a].*", "**/sub/*"},
		{"6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io"},
		{"SGVsbG8gV29ybGQ=", "UTF-16LE"},
		{"a: &foo [1, 2]\nb: *foo", "${x}"},
		{"2017-11-22T00:00:00Z", "10m"},
	} {
		f.Add(s[0], s[1])
	}
	dir, err := filepath.Abs(filepath.Join("testdata", "module"))
	if err != nil {
		f.Fatal(err)
	}
	funcs := Table(Options{BaseDir: dir})
	calls := []struct {
		name string
		args func(a, b string) []cty.Value
	}{
		{"replace", func(a, b string) []cty.Value {
			return []cty.Value{cty.StringVal(a), cty.StringVal(b), cty.StringVal("$1")}
		}},
		{"format", func(a, b string) []cty.Value {
			return []cty.Value{cty.StringVal(a), cty.StringVal(b), cty.NumberIntVal(1)}
		}},
		{"fileset", func(a, b string) []cty.Value { return []cty.Value{cty.StringVal("files"), cty.StringVal(a)} }},
		{"uuidv5", func(a, b string) []cty.Value { return []cty.Value{cty.StringVal(a), cty.StringVal(b)} }},
		{"textdecodebase64", func(a, b string) []cty.Value { return []cty.Value{cty.StringVal(a), cty.StringVal(b)} }},
		{"base64decode", func(a, b string) []cty.Value { return []cty.Value{cty.StringVal(a)} }},
		{"yamldecode", func(a, b string) []cty.Value { return []cty.Value{cty.StringVal(a)} }},
		{"templatestring", func(a, b string) []cty.Value {
			return []cty.Value{cty.StringVal(b), cty.ObjectVal(map[string]cty.Value{"x": cty.StringVal(a)})}
		}},
		{"timeadd", func(a, b string) []cty.Value { return []cty.Value{cty.StringVal(a), cty.StringVal(b)} }},
		{"timecmp", func(a, b string) []cty.Value { return []cty.Value{cty.StringVal(a), cty.StringVal(b)} }},
		{"cidrnetmask", func(a, b string) []cty.Value { return []cty.Value{cty.StringVal(a)} }},
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 256 || len(b) > 256 {
			return
		}
		for _, c := range calls {
			_, err := funcs[c.name].Call(c.args(a, b))
			checkNoPanic(t, err)
		}
	})
}

// checkNoPanic fails if err is a recovered panic.
func checkNoPanic(t *testing.T, err error) {
	t.Helper()
	var pe function.PanicError
	if errors.As(err, &pe) {
		t.Fatalf("panic: %s", err)
	}
}

func TestPathExpand(t *testing.T) {
	f := newFixture(t)
	call := func(p string) (cty.Value, error) {
		return Table(f.opts)["pathexpand"].Call([]cty.Value{cty.StringVal(p)})
	}

	// A home directory inside the scanned directory is expanded.
	t.Setenv("HOME", f.root)
	got, err := call("~/mod/hello.txt")
	if err != nil || !got.IsKnown() || got.AsString() != filepath.Join(f.root, "mod", "hello.txt") {
		t.Fatalf("got %#v, %v", got, err)
	}
	// One outside it is not.
	t.Setenv("HOME", f.outside)
	if got, err := call("~/secret.txt"); err != nil || got.IsKnown() {
		t.Fatalf("got %#v, %v; want an unknown string", got, err)
	}
	// Nor is an unknown one.
	t.Setenv("HOME", "")
	if got, err := call("~"); err != nil || got.IsKnown() {
		t.Fatalf("got %#v, %v; want an unknown string", got, err)
	}
}
