package kubernetes

import (
	"bytes"
	"context"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
)

// benchManifest builds a realistic multi-document manifest of about 10,000
// lines from the test files: Deployments, Services, ConfigMaps, a Pod as
// kubectl prints it, with comments and anchors.
func benchManifest(b *testing.B) []byte {
	var buf bytes.Buffer
	for _, name := range []string{"valid/multi-doc.yaml", "valid/kubectl-get.yaml", "valid/anchors.yaml", "valid/addresses.yaml", "valid/list.yaml"} {
		content := readTestdata(b, name)
		buf.Write(content)
		buf.WriteString("\n---\n")
	}
	unit := buf.Bytes()
	var out bytes.Buffer
	for bytes.Count(out.Bytes(), []byte("\n")) < 10_000 {
		out.Write(unit)
	}
	return out.Bytes()
}

// BenchmarkNormalize measures Normalize on a multi-document manifest of about
// 10,000 lines; MB/s is the input read per second.
func BenchmarkNormalize(b *testing.B) {
	content := benchManifest(b)
	n := New()
	f := normalizers.File{Path: "bench.yaml", Content: content}
	if docs, diags := n.Normalize(context.Background(), f); len(diags) != 0 || len(docs[0].Resources) == 0 {
		b.Fatalf("benchmark input: %d diagnostics %v", len(diags), diags)
	}
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		n.Normalize(context.Background(), f)
	}
}

// BenchmarkDetect measures the content sniff on the same manifest.
func BenchmarkDetect(b *testing.B) {
	content := benchManifest(b)
	n := New()
	b.SetBytes(int64(len(content)))
	for b.Loop() {
		n.Detect("bench.yaml", content)
	}
}
