package engine_test

import (
	"context"
	"runtime/debug"
	"testing"

	"github.com/rampart-iac/rampart/bundles"
	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/normalizers"
)

func BenchmarkProbeEmpty(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	builtin, _ := bundles.Builtin()
	e, _ := engine.New(context.Background(), engine.Options{Bundles: []*bundles.Bundle{builtin}, Workers: 1})
	for _, mode := range []string{"empty", "good", "bad"} {
		b.Run(mode, func(b *testing.B) {
			docs := make([]*normalizers.Document, 1000)
			for i := range docs {
				switch mode {
				case "empty":
					docs[i] = &normalizers.Document{Kind: "kubernetes", Path: "x.yaml"}
				case "good":
					docs[i] = smallDeployment(2 * i)
				default:
					docs[i] = smallDeployment(2*i + 1)
				}
			}
			cpu0 := cpuTime()
			for b.Loop() {
				e.Evaluate(context.Background(), docs)
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(len(docs)*b.N), "cpu-µs/doc")
		})
	}
}
