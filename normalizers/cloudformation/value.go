package cloudformation

import (
	"math"
	"sort"
	"strconv"
)

// Evaluation works on plain JSON values plus three markers that never leave
// the package: unknownValue (not knowable statically), noValue
// (AWS::NoValue: the enclosing property or element disappears) and secret (a
// NoEcho parameter's value, printed as "(sensitive)").

// unknownValue is a value that cannot be known statically. dyn lists the
// dynamic references ("{{resolve:ssm:...}}") it was built from, if any.
type unknownValue struct {
	dyn []string
}

// noValue is the value of Ref AWS::NoValue.
type noValue struct{}

// secret wraps the value of a NoEcho parameter. Conditions may compare it;
// everything that would print it prints "(sensitive)" instead.
type secret struct {
	v any
}

// redacted replaces a secret wherever a value is emitted.
const redacted = "(sensitive)"

// unknown is the plain unknown value.
var unknown = unknownValue{}

// isUnknown reports whether v is an unknown marker.
func isUnknown(v any) bool {
	_, ok := v.(unknownValue)
	return ok
}

// unknownOf combines the unknown markers among vs into one, keeping their
// dynamic references. It returns false when none of vs is unknown.
func unknownOf(vs ...any) (unknownValue, bool) {
	var u unknownValue
	found := false
	for _, v := range vs {
		if x, ok := v.(unknownValue); ok {
			found = true
			u.dyn = append(u.dyn, x.dyn...)
		}
	}
	return u, found
}

// unwrapSecret returns the value inside a secret and whether there was one.
func unwrapSecret(v any) (any, bool) {
	if s, ok := v.(secret); ok {
		return s.v, true
	}
	return v, false
}

// scalarString returns the string form of a scalar as CloudFormation joins
// and substitutes it; ok is false for collections, null and markers.
func scalarString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return strconv.FormatFloat(v, 'f', 1, 64), true
		}
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

// toInt converts an index or count argument: an integer, an integral float
// or a decimal string.
func toInt(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int64(v), true
		}
	case string:
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil
	}
	return 0, false
}

// isIntrinsic reports whether a raw template value is an intrinsic function
// call: a mapping with the single key Ref, Condition or Fn::<name>.
func isIntrinsic(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Ref" || k == "Condition" || len(k) > 4 && k[:4] == "Fn::"
	}
	return false
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// dedupe sorts s and removes repeated elements.
func dedupe(s []string) []string {
	if len(s) < 2 {
		return s
	}
	sort.Strings(s)
	out := s[:1]
	for _, x := range s[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

// describe names the type of a value for a diagnostic.
func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64, float64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case unknownValue:
		return "an unknown value"
	case noValue:
		return "AWS::NoValue"
	case secret:
		return "a NoEcho parameter"
	}
	return "a value"
}

// isNonFinite reports whether f is an infinity or NaN, which JSON cannot hold.
func isNonFinite(f float64) bool { return math.IsInf(f, 0) || math.IsNaN(f) }
