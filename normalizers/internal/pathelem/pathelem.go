// Package pathelem reads the elements of the attribute paths given to
// normalizers.LineIndex.Lookup, which come from Go code, JSON and Rego in
// many types.
package pathelem

import (
	"encoding/json"
	"math"
	"strconv"
)

// Index converts a path element to a list index: any Go integer, an
// integral float64, a json.Number or a decimal string.
func Index(p any) (int, bool) {
	switch v := p.(type) {
	case int:
		return v, true
	case int8:
		return int(v), true
	case int16:
		return int(v), true
	case int32:
		return int(v), true
	case int64:
		return int(v), v == int64(int(v))
	case uint:
		return int(v), v <= math.MaxInt
	case uint8:
		return int(v), true
	case uint16:
		return int(v), true
	case uint32:
		return int(v), uint64(v) <= math.MaxInt
	case uint64:
		return int(v), v <= math.MaxInt
	case float64:
		return int(v), v == math.Trunc(v) && math.Abs(v) < 1<<53
	case json.Number:
		n, err := strconv.Atoi(string(v))
		return n, err == nil
	case string:
		n, err := strconv.Atoi(v)
		return n, err == nil
	}
	return 0, false
}

// Key converts a path element to a mapping key: a string as it is, an
// index (see Index) in decimal.
func Key(p any) (string, bool) {
	if s, ok := p.(string); ok {
		return s, true
	}
	if i, ok := Index(p); ok {
		return strconv.Itoa(i), true
	}
	return "", false
}
