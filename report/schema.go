package report

import (
	_ "embed"
	"slices"
)

// SchemaID is the $id of the JSON report's JSON Schema.
const SchemaID = "https://raw.githubusercontent.com/rampart-iac/rampart/main/report/schema/report.schema.json"

//go:embed schema/report.schema.json
var schemaJSON []byte

// Schema returns the JSON Schema (draft 2020-12) of the JSON report written
// by WriteJSON, for schema_version SchemaVersion. The caller may modify the
// returned slice.
func Schema() []byte {
	return slices.Clone(schemaJSON)
}
