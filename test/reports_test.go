package test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rampart-iac/rampart/normalizers/all"
	"github.com/rampart-iac/rampart/report"
	"github.com/rampart-iac/rampart/scan"
)

// TestExampleReportsValidate scans the shipped examples and validates the
// SARIF output against the official SARIF 2.1.0 schema (vendored in
// report/testdata) and the JSON output against Rampart's published schema.
func TestExampleReportsValidate(t *testing.T) {
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{"../examples"}, Registry: all.Registry(), Engine: builtinEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 {
		t.Fatal("the examples produced no findings")
	}
	rep := report.New(res, report.Tool{Name: "rampart", Version: "test"}, []report.Bundle{{Name: "builtin", Revision: "test"}}, "high", false)

	sarifSchema, err := os.ReadFile("../report/testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	var sarif, js bytes.Buffer
	if err := report.WriteSARIF(&sarif, rep, report.SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteJSON(&js, rep); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		schema []byte
		doc    []byte
	}{
		{"sarif", sarifSchema, sarif.Bytes()},
		{"json", report.Schema(), js.Bytes()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := compile(t, "https://rampart.test/"+tc.name+".schema.json", tc.schema)
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(v); err != nil {
				t.Errorf("%s report of the examples does not validate: %v", tc.name, err)
			}
		})
	}
}

func compile(t *testing.T, url string, doc []byte) *jsonschema.Schema {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, v); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
