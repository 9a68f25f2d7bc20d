package engine_test

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/bundles"
	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/normalizers"
)

// smallDeployment builds a one-resource Kubernetes document of about the
// size of a typical manifest. Every other document is hardened, so about
// half the documents produce findings.
func smallDeployment(i int) *normalizers.Document {
	hardened := i%2 == 0
	container := map[string]any{
		"name":  "app",
		"image": fmt.Sprintf("registry.example.com/team/app-%d:1.%d.0", i, i%7),
		"ports": []any{map[string]any{"containerPort": int64(8080)}},
		"env":   []any{map[string]any{"name": "LOG_LEVEL", "value": "info"}},
	}
	podSpec := map[string]any{"containers": []any{container}}
	if hardened {
		container["securityContext"] = map[string]any{
			"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
			"capabilities": map[string]any{"drop": []any{"ALL"}},
		}
		container["resources"] = map[string]any{"limits": map[string]any{"cpu": "500m", "memory": "256Mi"}}
		podSpec["serviceAccountName"] = "app"
		podSpec["automountServiceAccountToken"] = false
		podSpec["securityContext"] = map[string]any{"runAsNonRoot": true, "runAsUser": int64(10001),
			"seccompProfile": map[string]any{"type": "RuntimeDefault"}}
	} else {
		container["securityContext"] = map[string]any{"privileged": true}
	}
	name := fmt.Sprintf("app-%d", i)
	return &normalizers.Document{Kind: "kubernetes", Path: name + ".yaml", Resources: []*normalizers.Resource{{
		Address: "Deployment/prod/" + name, Type: "Deployment", Provider: "kubernetes",
		Location: normalizers.Location{Path: name + ".yaml", StartLine: 1, EndLine: 30},
		Config: map[string]any{
			"apiVersion": "apps/v1", "kind": "Deployment",
			"metadata": map[string]any{"name": name, "namespace": "prod", "labels": map[string]any{"app": name}},
			"spec": map[string]any{
				"replicas": int64(2),
				"selector": map[string]any{"matchLabels": map[string]any{"app": name}},
				"template": map[string]any{
					"metadata": map[string]any{"labels": map[string]any{"app": name}},
					"spec":     podSpec,
				},
			},
		},
	}}}
}

// BenchmarkEvaluate measures the evaluation loop with the whole built-in
// library: documents per second over 2,000 small Kubernetes documents, with
// the garbage-collector setting `rampart scan` uses.
func BenchmarkEvaluate(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	builtin, err := bundles.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			e, err := engine.New(context.Background(), engine.Options{Bundles: []*bundles.Bundle{builtin}, Workers: workers})
			if err != nil {
				b.Fatal(err)
			}
			docs := make([]*normalizers.Document, 2000)
			for i := range docs {
				docs[i] = smallDeployment(i)
			}
			b.ResetTimer()
			cpu0 := cpuTime()
			results := 0
			for b.Loop() {
				res, errs := e.Evaluate(context.Background(), docs)
				if len(errs) > 0 {
					b.Fatal(errs)
				}
				results = len(res)
			}
			b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64(results), "results/op")
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(len(docs)*b.N), "cpu-µs/doc")
		})
	}
}

// BenchmarkCompile measures loading and compiling the built-in library.
func BenchmarkCompile(b *testing.B) {
	builtin, err := bundles.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := engine.New(context.Background(), engine.Options{Bundles: []*bundles.Bundle{builtin}}); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime is the CPU time (user + system) the process used so far: a
// measure that stays meaningful when the machine is shared.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRules measures each built-in Kubernetes rule alone (with the
// shared library), to find the expensive ones: CPU µs per document.
func BenchmarkRules(b *testing.B) {
	builtin, err := bundles.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	full, err := engine.New(context.Background(), engine.Options{Bundles: []*bundles.Bundle{builtin}})
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*normalizers.Document, 500)
	for i := range docs {
		docs[i] = smallDeployment(i)
	}
	for _, rule := range full.Rules() {
		if !rule.AppliesToKind("kubernetes") {
			continue
		}
		one := &bundles.Bundle{Name: "one"}
		for _, m := range builtin.Modules {
			pkg := m.Parsed.Package.Path.String()
			if pkg == "data."+rule.Package || strings.HasPrefix(pkg, "data.rampart.lib.") {
				one.Modules = append(one.Modules, m)
			}
		}
		b.Run(rule.ID, func(b *testing.B) {
			e, err := engine.New(context.Background(), engine.Options{Bundles: []*bundles.Bundle{one}, Workers: 1})
			if err != nil {
				b.Fatal(err)
			}
			cpu0 := cpuTime()
			for b.Loop() {
				e.Evaluate(context.Background(), docs)
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(len(docs)*b.N), "cpu-µs/doc")
		})
	}
}
