package scan_test

import (
	"context"
	"os"
	"testing"

	"github.com/rampart-iac/rampart/bundles"
	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/normalizers/all"
	"github.com/rampart-iac/rampart/scan"
)

// corpus is the shared corpus of real-world infrastructure code.
const corpus = "../../shared/corpus"

// BenchmarkScanCorpus runs the whole pipeline (discover, normalize,
// evaluate, aggregate) over parts of the shared corpus and reports files and
// resources per second. It skips when the corpus is absent.
func BenchmarkScanCorpus(b *testing.B) {
	if _, err := os.Stat(corpus); err != nil {
		b.Skip("corpus not found")
	}
	builtin, err := bundles.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	eng, err := engine.New(context.Background(), engine.Options{Bundles: []*bundles.Bundle{builtin}})
	if err != nil {
		b.Fatal(err)
	}
	for _, sub := range []string{"k8s-examples", "dockerfiles", "microservices-demo", "tf-aws-s3-bucket", "tf-aws-vpc", "cfn-aws-templates", ""} {
		name := sub
		if name == "" {
			name = "all"
		}
		b.Run(name, func(b *testing.B) {
			var res *scan.Result
			for b.Loop() {
				res, err = scan.Run(context.Background(), scan.Options{Paths: []string{corpus + "/" + sub}, Registry: all.Registry(), Engine: eng})
				if err != nil {
					b.Fatal(err)
				}
			}
			secs := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(res.Scope.FilesScanned)/secs, "files/s")
			b.ReportMetric(float64(res.Scope.Resources)/secs, "resources/s")
			b.ReportMetric(float64(res.Scope.FilesScanned), "files")
		})
	}
}
