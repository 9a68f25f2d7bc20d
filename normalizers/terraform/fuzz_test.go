package terraform

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// slowInput is how long one fuzz input may take: a configuration that
// makes the evaluator spin is a bug too.
const slowInput = 10 * time.Second

// FuzzNormalize normalizes single-file modules (HCL native syntax, and JSON
// when the input starts with "{") and checks that nothing panics and every
// document keeps the invariants. It is seeded with the configuration files
// of testdata.
func FuzzNormalize(f *testing.F) {
	defer func(v bool) { recoverPanics = v }(recoverPanics)
	recoverPanics = false
	normtest.SeedFiles(f, func(p string) bool { return isConfigFile(p) || strings.Contains(p, ".tfvars") }, "golden")
	n := New(Options{MaxInstances: 50, Env: []string{"TF_VAR_x=1"}, Vars: []string{"y=[1]"}})
	f.Fuzz(func(t *testing.T, content []byte) {
		path := "fuzz/main.tf"
		if trimmed := strings.TrimSpace(string(content)); strings.HasPrefix(trimmed, "{") {
			path += ".json"
		}
		start := time.Now()
		docs, diags := n.Normalize(context.Background(), normalizers.File{Path: path, Content: content})
		if took := time.Since(start); took > slowInput {
			t.Fatalf("took %v", took)
		} else if took > time.Second && os.Getenv("FUZZ_SLOW_LOG") != "" {
			logSlow(content, took)
		}
		if len(docs) != 1 {
			t.Fatalf("%d documents", len(docs))
		}
		checkDocument(t, docs[0])
		for _, d := range diags {
			if strings.Contains(d.Message, "internal error") {
				t.Fatalf("%v", d)
			}
			if d.Path == "" {
				t.Fatalf("diagnostic without a path: %v", d)
			}
		}
	})
}

// logSlow appends a slow input to $FUZZ_SLOW_LOG, to investigate inputs
// that are slow without failing.
func logSlow(content []byte, took time.Duration) {
	f, err := os.OpenFile(os.Getenv("FUZZ_SLOW_LOG"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%v %q\n", took, content)
}
