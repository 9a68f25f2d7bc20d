package cloudformation

import (
	"errors"
	"fmt"
	"os"

	"github.com/rampart-iac/rampart/normalizers/internal/yamltree"
)

// maxParamFileSize bounds the parameters files LoadParameters reads.
const maxParamFileSize = 4 << 20

// LoadParameters reads a parameters file (the --cfn-params option) into
// parameter values by name. The file is JSON or YAML in one of three forms:
//
//   - the list the AWS CLI takes, [{"ParameterKey": "K", "ParameterValue": "V"}, ...]
//     (entries with "UsePreviousValue": true and no value are skipped);
//   - a plain mapping, {"K": "V", ...};
//   - a CodePipeline template configuration, {"Parameters": {"K": "V"}, ...}.
//
// Values are kept as written: strings, numbers, booleans or lists (list
// parameters may be given as a list or a comma-separated string).
func LoadParameters(path string) (map[string]any, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("parameters file: %w", err)
	}
	if info.Size() > maxParamFileSize {
		return nil, fmt.Errorf("parameters file %s: larger than %d bytes", path, maxParamFileSize)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("parameters file: %w", err)
	}
	params, err := parseParameters(content)
	if err != nil {
		return nil, fmt.Errorf("parameters file %s: %w", path, err)
	}
	return params, nil
}

// parseParameters reads the content of a parameters file.
func parseParameters(content []byte) (map[string]any, error) {
	stream := yamltree.Parse(content)
	if len(stream.Documents) == 0 {
		return nil, errors.New("empty file")
	}
	if len(stream.Documents) > 1 {
		return nil, fmt.Errorf("line %d: more than one YAML document", stream.Documents[1].StartLine)
	}
	d := stream.Documents[0]
	if d.Err != nil {
		return nil, d.Err
	}
	v, ix, err := d.Convert(yamltree.Options{MaxNodes: 100_000, YAML11Bools: true})
	if err != nil {
		return nil, err
	}
	line := func(path ...any) int {
		loc, _ := ix.Lookup(path)
		return loc.StartLine
	}
	switch v := v.(type) {
	case []any:
		return parameterList(v, line)
	case map[string]any:
		if inner, ok := v["Parameters"].(map[string]any); ok && len(v) <= 3 && onlyPipelineKeys(v) {
			return parameterMap(inner, func(path ...any) int { return line(append([]any{"Parameters"}, path...)...) })
		}
		return parameterMap(v, line)
	}
	return nil, fmt.Errorf("line %d: expected a list of {ParameterKey, ParameterValue} or a mapping of names to values, got %s", line(), describe(v))
}

// onlyPipelineKeys reports whether m has only the keys of a CodePipeline
// template configuration file.
func onlyPipelineKeys(m map[string]any) bool {
	for k := range m {
		switch k {
		case "Parameters", "Tags", "StackPolicy":
		default:
			return false
		}
	}
	return true
}

// parameterList reads the AWS CLI form.
func parameterList(list []any, line func(...any) int) (map[string]any, error) {
	out := make(map[string]any, len(list))
	for i, item := range list {
		entry, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("line %d: entry %d is %s, not a {ParameterKey, ParameterValue} mapping", line(i), i, describe(item))
		}
		key, ok := entry["ParameterKey"].(string)
		if !ok || key == "" {
			return nil, fmt.Errorf("line %d: entry %d has no ParameterKey string", line(i), i)
		}
		value, ok := entry["ParameterValue"]
		if !ok {
			if truthy(entry["UsePreviousValue"]) {
				continue
			}
			return nil, fmt.Errorf("line %d: parameter %s has no ParameterValue", line(i), key)
		}
		if err := checkParamValue(key, value); err != nil {
			return nil, fmt.Errorf("line %d: %w", line(i, "ParameterValue"), err)
		}
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("line %d: parameter %s is given twice", line(i), key)
		}
		out[key] = value
	}
	return out, nil
}

// parameterMap reads the mapping form.
func parameterMap(m map[string]any, line func(...any) int) (map[string]any, error) {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if err := checkParamValue(k, v); err != nil {
			return nil, fmt.Errorf("line %d: %w", line(k), err)
		}
		out[k] = v
	}
	return out, nil
}

// checkParamValue accepts scalars and lists of scalars.
func checkParamValue(key string, v any) error {
	switch v := v.(type) {
	case string, int64, float64, bool:
		return nil
	case []any:
		for _, e := range v {
			if _, ok := scalarString(e); !ok {
				return fmt.Errorf("parameter %s: list elements must be strings or numbers", key)
			}
		}
		return nil
	}
	return fmt.Errorf("parameter %s: value is %s, not a string, number or list", key, describe(v))
}
