package pathelem

import (
	"encoding/json"
	"math"
	"testing"
)

func TestIndexAndKey(t *testing.T) {
	for _, c := range []struct {
		p   any
		i   int
		ok  bool
		key string
	}{
		{3, 3, true, "3"},
		{int8(-1), -1, true, "-1"},
		{uint64(7), 7, true, "7"},
		{uint64(math.MaxUint64), 0, false, ""},
		{2.0, 2, true, "2"},
		{2.5, 0, false, ""},
		{1e300, 0, false, ""},
		{json.Number("4"), 4, true, "4"},
		{json.Number("4.0"), 0, false, ""},
		{"12", 12, true, "12"},
		{"name", 0, false, "name"},
		{true, 0, false, ""},
		{nil, 0, false, ""},
	} {
		i, ok := Index(c.p)
		if ok != c.ok || (ok && i != c.i) {
			t.Errorf("Index(%#v) = %d, %v; want %d, %v", c.p, i, ok, c.i, c.ok)
		}
		key, ok := Key(c.p)
		if key != c.key || ok != (c.key != "") {
			t.Errorf("Key(%#v) = %q, %v; want %q", c.p, key, ok, c.key)
		}
	}
}
