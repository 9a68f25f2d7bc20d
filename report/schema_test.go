package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/findings"
	"github.com/rampart-iac/rampart/scan"
)

func TestSchemaValidatesJSONReport(t *testing.T) {
	s := compileSchema(t, SchemaID, Schema())
	for _, tc := range []struct {
		name string
		r    *Report
	}{
		{"sample", sampleReport()},
		{"empty", emptyReport()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := render(t, func(b *bytes.Buffer) error { return WriteJSON(b, tc.r) })
			if err := s.Validate(instance(t, data)); err != nil {
				t.Fatalf("JSON report does not validate:\n%v", err)
			}
		})
	}
}

// emptyReport is a clean scan that found nothing to scan.
func emptyReport() *Report {
	res := &scan.Result{
		Scope: scan.Scope{
			Paths:         []string{"empty"},
			FilesByKind:   map[string]int{},
			ResourcesKind: map[string]int{},
			ResourcesType: map[string]int{},
		},
		Rules:   []findings.RuleResult{},
		Summary: findings.Summarize(nil),
	}
	return New(res, Tool{Name: "rampart", Version: "dev"}, []Bundle{}, "none", true)
}

func TestSchemaRejectsBrokenReports(t *testing.T) {
	s := compileSchema(t, SchemaID, Schema())
	data := render(t, func(b *bytes.Buffer) error { return WriteJSON(b, sampleReport()) })
	for _, tc := range []struct {
		name   string
		break_ func(doc map[string]any)
		// where is the instance location the validator must blame.
		where string
	}{
		{"missing rule_id", func(doc map[string]any) { delete(finding(doc, 0), "rule_id") }, "/findings/0"},
		{"bad severity", func(doc map[string]any) { finding(doc, 1)["severity"] = "urgent" }, "/findings/1/severity"},
		{"bad level", func(doc map[string]any) { finding(doc, 0)["level"] = "error" }, "/findings/0/level"},
		{"bad category", func(doc map[string]any) { finding(doc, 0)["category"] = "Misc" }, "/findings/0/category"},
		{"short fingerprint", func(doc map[string]any) { finding(doc, 0)["fingerprint"] = "abc" }, "/findings/0/fingerprint"},
		{"bad suppression source", func(doc map[string]any) {
			for i := range doc["findings"].([]any) {
				if sup, ok := finding(doc, i)["suppressed"].(map[string]any); ok {
					sup["source"] = "magic"
				}
			}
		}, "/suppressed/source"},
		{"unknown field", func(doc map[string]any) { doc["extra"] = true }, ""},
		{"wrong schema version", func(doc map[string]any) { doc["schema_version"] = "2.0.0" }, "/schema_version"},
		{"negative count", func(doc map[string]any) {
			doc["summary"].(map[string]any)["by_severity"].(map[string]any)["high"] = json.Number("-1")
		}, "/summary/by_severity/high"},
		{"missing severity count", func(doc map[string]any) {
			delete(doc["summary"].(map[string]any)["by_severity"].(map[string]any), "low")
		}, "/summary/by_severity"},
		{"bad rule status", func(doc map[string]any) { doc["rules"].([]any)[0].(map[string]any)["status"] = "ok" }, "/rules/0/status"},
		{"bad control status", func(doc map[string]any) {
			fw := doc["frameworks"].([]any)[0].(map[string]any)
			fw["controls"].([]any)[0].(map[string]any)["status"] = "passed"
		}, "/frameworks/0/controls/0/status"},
		{"bad diagnostic severity", func(doc map[string]any) { doc["errors"].([]any)[0].(map[string]any)["severity"] = "fatal" }, "/errors/0/severity"},
		{"missing scope", func(doc map[string]any) { delete(doc, "scope") }, ""},
		{"bad fail_on", func(doc map[string]any) { doc["fail_on"] = "severe" }, "/fail_on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := instance(t, data).(map[string]any)
			tc.break_(doc)
			err := s.Validate(doc)
			if err == nil {
				t.Fatal("broken report validates")
			}
			if !strings.Contains(err.Error(), tc.where) {
				t.Errorf("error does not point at %q:\n%v", tc.where, err)
			}
		})
	}
}

func finding(doc map[string]any, i int) map[string]any {
	return doc["findings"].([]any)[i].(map[string]any)
}

// TestSchemaCoversReport walks the Report type and the schema together: every
// JSON field must be described, every described property must exist, fields
// always written (no omitempty) must be required and optional ones must not,
// and the JSON types must agree. It keeps the schema in step with the code.
func TestSchemaCoversReport(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(Schema(), &root); err != nil {
		t.Fatal(err)
	}
	w := &schemaWalker{t: t, root: root}
	w.check(reflect.TypeFor[Report](), root, "")
}

type schemaWalker struct {
	t    *testing.T
	root map[string]any
}

// resolve follows a local $ref.
func (w *schemaWalker) resolve(s map[string]any) map[string]any {
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		if !ok {
			w.t.Fatalf("unsupported $ref %q", ref)
		}
		def, ok := w.root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok {
			w.t.Fatalf("$ref %q: no such definition", ref)
		}
		s = def
	}
}

// types lists the JSON types a schema allows, from type, enum or const.
func types(s map[string]any) []string {
	switch v := s["type"].(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, x.(string))
		}
		return out
	}
	var vals []any
	if e, ok := s["enum"].([]any); ok {
		vals = e
	}
	if c, ok := s["const"]; ok {
		vals = append(vals, c)
	}
	var out []string
	for _, v := range vals {
		switch v.(type) {
		case string:
			out = append(out, "string")
		case float64:
			out = append(out, "number")
		case bool:
			out = append(out, "boolean")
		}
	}
	return out
}

func (w *schemaWalker) check(t reflect.Type, s map[string]any, path string) {
	s = w.resolve(s)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	want := map[reflect.Kind]string{
		reflect.String: "string", reflect.Bool: "boolean",
		reflect.Int: "integer", reflect.Int64: "integer",
		reflect.Slice: "array", reflect.Map: "object", reflect.Struct: "object",
	}[t.Kind()]
	if want == "" {
		w.t.Errorf("%s: unexpected Go kind %s", path, t.Kind())
		return
	}
	if got := types(s); !slices.Contains(got, want) {
		w.t.Errorf("%s: schema allows %v, Go type %s is %s", path, got, t, want)
	}
	switch t.Kind() {
	case reflect.Slice:
		items, ok := s["items"].(map[string]any)
		if !ok {
			w.t.Errorf("%s: array without items", path)
			return
		}
		w.check(t.Elem(), items, path+"/0")
	case reflect.Map:
		if props, ok := s["properties"].(map[string]any); ok {
			for name, p := range props {
				w.check(t.Elem(), p.(map[string]any), path+"/"+name)
			}
		}
		if ap, ok := s["additionalProperties"].(map[string]any); ok {
			w.check(t.Elem(), ap, path+"/*")
		} else if s["properties"] == nil {
			w.t.Errorf("%s: map without additionalProperties or properties", path)
		}
	case reflect.Struct:
		w.checkStruct(t, s, path)
	}
}

func (w *schemaWalker) checkStruct(t reflect.Type, s map[string]any, path string) {
	props, _ := s["properties"].(map[string]any)
	if s["additionalProperties"] != false {
		w.t.Errorf("%s: object schema should set additionalProperties: false", path)
	}
	var required []string
	for _, r := range s["required"].([]any) {
		required = append(required, r.(string))
	}
	seen := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		seen[name] = true
		p, ok := props[name].(map[string]any)
		if !ok {
			w.t.Errorf("%s/%s: field %s.%s is not in the schema", path, name, t.Name(), f.Name)
			continue
		}
		omit := strings.Contains(opts, "omitempty")
		if req := slices.Contains(required, name); req == omit {
			w.t.Errorf("%s/%s: required=%v but omitempty=%v", path, name, req, omit)
		}
		w.check(f.Type, p, path+"/"+name)
	}
	for name := range props {
		if !seen[name] {
			w.t.Errorf("%s/%s: schema property has no field in %s", path, name, t.Name())
		}
	}
}
