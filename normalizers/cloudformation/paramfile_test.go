package cloudformation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadParameters(t *testing.T) {
	tests := []struct {
		name, content string
		want          map[string]any
		err           string
	}{
		{
			name:    "cli.json",
			content: `[{"ParameterKey": "Env", "ParameterValue": "prod"}, {"ParameterKey": "Count", "ParameterValue": "3"}, {"ParameterKey": "Old", "UsePreviousValue": true}]`,
			want:    map[string]any{"Env": "prod", "Count": "3"},
		},
		{
			name:    "cli.yaml",
			content: "- ParameterKey: Subnets\n  ParameterValue: subnet-a,subnet-b\n",
			want:    map[string]any{"Subnets": "subnet-a,subnet-b"},
		},
		{
			name:    "map.yaml",
			content: "Env: prod\nCount: 3\nEnabled: true\nSubnets: [a, b]\n",
			want:    map[string]any{"Env": "prod", "Count": int64(3), "Enabled": true, "Subnets": []any{"a", "b"}},
		},
		{
			name:    "map.json",
			content: `{"EncryptionEnabled": "true"}`,
			want:    map[string]any{"EncryptionEnabled": "true"},
		},
		{
			name:    "codepipeline.json",
			content: `{"Parameters": {"Env": "prod"}, "Tags": {"team": "x"}}`,
			want:    map[string]any{"Env": "prod"},
		},
		{name: "no-key.json", content: `[{"ParameterValue": "x"}]`, err: "line 1: entry 0 has no ParameterKey"},
		{name: "no-value.json", content: "[\n  {\"ParameterKey\": \"A\"}\n]", err: "line 2: parameter A has no ParameterValue"},
		{name: "dup.json", content: `[{"ParameterKey": "A", "ParameterValue": "1"}, {"ParameterKey": "A", "ParameterValue": "2"}]`, err: "parameter A is given twice"},
		{name: "scalar.yaml", content: "just text\n", err: "expected a list of {ParameterKey, ParameterValue} or a mapping"},
		{name: "nested.yaml", content: "A:\n  B: c\n", err: "line 1: parameter A: value is a mapping"},
		{name: "broken.json", content: "{\"A\": [1,\n", err: "unexpected end of JSON input"},
		{name: "empty.yaml", content: "# nothing\n", err: "empty file"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := LoadParameters(p)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), p) {
					t.Fatalf("error = %v, want one naming the file and containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parameters (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := LoadParameters(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: error = %v", err)
	}
}
