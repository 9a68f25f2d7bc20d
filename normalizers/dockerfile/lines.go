package dockerfile

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/rampart-iac/rampart/normalizers"
)

// stageLines places the attributes of a stage's config in the source.
type stageLines struct {
	path         string
	from         normalizers.Location   // the FROM instruction
	instructions []normalizers.Location // instruction i of the stage
}

// Lookup implements normalizers.LineIndex: ["instructions", i, ...] is the
// span of instruction i; every other path, including "from", "base_image"
// and "image", is the FROM instruction.
func (l *stageLines) Lookup(path []any) (normalizers.Location, bool) {
	if len(path) >= 2 && path[0] == "instructions" {
		if i, ok := pathIndex(path[1]); ok && i >= 0 && i < len(l.instructions) {
			return l.instructions[i], true
		}
	}
	return l.from, true
}

// pathIndex reads an array index given as any integer type, an integral
// float (numbers decoded from JSON or Rego), a json.Number or a decimal
// string (from a dotted path such as "instructions[2]").
func pathIndex(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int64:
		return clampInt(x)
	case int32:
		return int(x), true
	case uint:
		return clampInt(int64(min(x, math.MaxInt32)))
	case uint64:
		return clampInt(int64(min(x, math.MaxInt32)))
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > math.MaxInt32 {
			return 0, false
		}
		return int(x), true
	case json.Number:
		n, err := x.Int64()
		if err != nil {
			return 0, false
		}
		return clampInt(n)
	case string:
		n, err := strconv.Atoi(x)
		return n, err == nil
	}
	return 0, false
}

func clampInt(n int64) (int, bool) {
	if n < math.MinInt32 || n > math.MaxInt32 {
		return 0, false
	}
	return int(n), true
}
