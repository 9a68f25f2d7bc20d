package cloudformation

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
)

// logicalID matches the logical ids of the resources benchTemplate copies
// (not inside a type name such as AWS::EC2::Subnet).
var logicalID = regexp.MustCompile(`([^:A-Za-z0-9])(Vpc|Subnet|Instance|Bucket|LogGroup|Database|AdminIngress)\b`)

// benchTemplate builds a template of about 10,000 lines: the parameters,
// conditions and mappings of testdata/valid/intrinsics.yaml and
// parameters.yaml, and their resources repeated under numbered logical ids.
func benchTemplate(b *testing.B) []byte {
	var head, body bytes.Buffer
	head.WriteString("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::LanguageExtensions\n")
	sections := map[string]*bytes.Buffer{}
	order := []string{"Parameters", "Mappings", "Conditions"}
	for _, s := range order {
		sections[s] = &bytes.Buffer{}
	}
	var units [][]byte
	for _, name := range []string{"intrinsics.yaml", "parameters.yaml"} {
		content, err := os.ReadFile(filepath.Join("testdata", "valid", name))
		if err != nil {
			b.Fatal(err)
		}
		cur := ""
		var res bytes.Buffer
		for _, line := range bytes.SplitAfter(content, []byte("\n")) {
			if len(line) > 0 && line[0] != ' ' && line[0] != '#' && line[0] != '\n' {
				cur = string(bytes.TrimSuffix(bytes.TrimSpace(line), []byte(":")))
				continue
			}
			switch {
			case cur == "Resources":
				res.Write(line)
			case sections[cur] != nil:
				sections[cur].Write(line)
			}
		}
		units = append(units, res.Bytes())
	}
	for _, s := range order {
		head.WriteString(s + ":\n")
		head.Write(sections[s].Bytes())
	}
	head.WriteString("Resources:\n")
	for i := 0; bytes.Count(body.Bytes(), []byte("\n")) < 10_000; i++ {
		for _, u := range units {
			// Suffix every logical id and every reference to one.
			body.Write(logicalID.ReplaceAll(u, []byte(fmt.Sprintf("${1}${2}%d", i))))
		}
	}
	head.Write(body.Bytes())
	return head.Bytes()
}

// BenchmarkNormalize measures Normalize on a template of about 10,000
// lines using every intrinsic function; MB/s is the input read per second.
func BenchmarkNormalize(b *testing.B) {
	content := benchTemplate(b)
	n := New(Options{})
	f := normalizers.File{Path: "bench.yaml", Content: content}
	docs, diags := n.Normalize(context.Background(), f)
	if len(docs) != 1 || len(docs[0].Resources) < 500 {
		b.Fatalf("benchmark input: %d documents, %d diagnostics %v", len(docs), len(diags), diags[:min(len(diags), 3)])
	}
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		n.Normalize(context.Background(), f)
	}
}

// BenchmarkDetect measures the content sniff on the same text with its
// template keys renamed, so it is rejected only after a scan to the end
// (a template is accepted as soon as its first top-level key is seen).
func BenchmarkDetect(b *testing.B) {
	content := benchTemplate(b)
	content = bytes.Replace(content, []byte("AWSTemplateFormatVersion"), []byte("FormatVersion"), 1)
	content = bytes.Replace(content, []byte("\nResources:"), []byte("\nThings:"), 1)
	n := New(Options{})
	if n.Detect("bench.yaml", content) {
		b.Fatal("the renamed template is detected")
	}
	b.SetBytes(int64(len(content)))
	for b.Loop() {
		n.Detect("bench.yaml", content)
	}
}
