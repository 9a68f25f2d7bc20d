package dockerfile

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rampart-iac/rampart/normalizers"
	"github.com/rampart-iac/rampart/normalizers/internal/normtest"
)

// wantDiag is an expected diagnostic: its severity, line and a part of its
// message.
type wantDiag struct {
	sev  normalizers.Severity
	line int
	msg  string
}

func errAt(line int, msg string) wantDiag {
	return wantDiag{normalizers.SeverityError, line, msg}
}

func warnAt(line int, msg string) wantDiag {
	return wantDiag{normalizers.SeverityWarning, line, msg}
}

func TestNormalizeGolden(t *testing.T) {
	tests := []struct {
		file    string // under testdata
		noDoc   bool   // no document expected
		diags   []wantDiag
		stages  int
		extraFn func(t *testing.T, doc *normalizers.Document)
	}{
		{file: "valid/single_stage.Dockerfile", stages: 1},
		{file: "valid/multi_stage.Dockerfile", stages: 3, extraFn: checkMultiStage},
		{file: "valid/args.Dockerfile", stages: 7, extraFn: checkArgs},
		{file: "valid/images.Dockerfile", stages: 6, extraFn: checkImages},
		{file: "valid/forms.Dockerfile", stages: 1, extraFn: checkForms},
		{file: "valid/env_label.Dockerfile", stages: 1, extraFn: checkEnvLabel},
		{file: "valid/heredoc.Dockerfile", stages: 1, extraFn: checkHeredoc},
		{file: "valid/escape_backtick.Dockerfile", stages: 1, extraFn: checkEscape},
		{file: "valid/continuation.Dockerfile", stages: 1, extraFn: checkContinuation},
		{file: "valid/add.Dockerfile", stages: 1, extraFn: checkAdd},
		{file: "valid/crlf_bom.Dockerfile", stages: 1, extraFn: checkCRLF},
		{file: "valid/onbuild.Dockerfile", stages: 1, extraFn: checkOnbuild},
		{file: "invalid/missing_from.Dockerfile", diags: []wantDiag{
			errAt(3, "no FROM instruction"),
		}},
		{file: "invalid/before_from.Dockerfile", stages: 1, diags: []wantDiag{
			errAt(2, "RUN before the first FROM"),
			errAt(3, "ENV before the first FROM"),
		}},
		{file: "invalid/unknown_flag.Dockerfile", stages: 2, diags: []wantDiag{
			errAt(3, "invalid COPY instruction: unknown flag: --chwon"),
			errAt(4, "invalid RUN instruction: invalid network mode \"bridge\""),
			errAt(5, "invalid ADD instruction: expecting boolean value for flag --link, not: maybe"),
			errAt(6, "invalid FROM instruction: unknown flag: --plaform"),
		}, extraFn: checkUnknownFlag},
		{file: "invalid/unknown_instruction.Dockerfile", stages: 1, diags: []wantDiag{
			errAt(2, "unknown instruction: RUNN (did you mean RUN?)"),
			errAt(3, "unknown instruction: FETCH"),
		}},
		{file: "invalid/parse_error.Dockerfile", stages: 2, diags: []wantDiag{
			errAt(3, "parse error: ENV must have two arguments"),
			errAt(5, "parse error: when using JSON array syntax, arrays must be comprised of strings only"),
			errAt(7, "parse error: Syntax error - can't find = in"),
		}, extraFn: checkParseError},
		{file: "invalid/unterminated_heredoc.Dockerfile", stages: 1, diags: []wantDiag{
			errAt(3, "parse error: unterminated heredoc"),
		}},
		{file: "invalid/directives.Dockerfile", stages: 1, diags: []wantDiag{
			errAt(2, "only one syntax parser directive"),
			errAt(3, "invalid escape token"),
		}, extraFn: checkDirectives},
		{file: "invalid/bad_arguments.Dockerfile", stages: 4, diags: []wantDiag{
			errAt(1, "invalid FROM instruction: invalid name for build stage: \"1st\""),
			errAt(2, "invalid HEALTHCHECK instruction: HEALTHCHECK NONE takes no arguments"),
			errAt(3, "invalid HEALTHCHECK instruction: --interval"),
			errAt(4, "invalid HEALTHCHECK instruction: Unknown type \"PING\""),
			errAt(5, "invalid COPY instruction: COPY requires at least two arguments"),
			errAt(6, "invalid SHELL instruction: SHELL requires the arguments to be in JSON form"),
			errAt(7, "invalid ONBUILD instruction: FROM isn't allowed as an ONBUILD trigger"),
			errAt(8, "invalid FROM instruction: FROM requires either one or three arguments"),
			errAt(9, "invalid RUN instruction: 'from' doesn't support variable expansion"),
			errAt(10, "invalid ARG instruction: ARG names can not be blank"),
			warnAt(12, "duplicate stage name \"build\""),
			errAt(13, "invalid WORKDIR instruction: WORKDIR requires exactly one argument"),
			errAt(14, "invalid HEALTHCHECK instruction: --retries cannot be negative"),
		}, extraFn: checkBadArguments},
		{file: "invalid/empty.Dockerfile", diags: []wantDiag{
			warnAt(0, "file has no instructions"),
		}},
		{file: "invalid/template.Dockerfile", stages: 2, diags: []wantDiag{
			errAt(1, "unknown instruction: {{"),
			errAt(2, "invalid FROM instruction: FROM requires either one or three arguments"),
			errAt(3, "unknown instruction: {{"),
			errAt(4, "invalid FROM instruction: FROM requires either one or three arguments"),
			errAt(5, "unknown instruction: {{"),
			errAt(9, "unknown instruction: apk (did you mean ADD?)"),
			errAt(11, "unknown instruction: apt-get"),
			errAt(13, "unknown instruction: true (did you mean RUN?)"),
		}},
	}
	n := New()
	seen := map[string]bool{}
	for _, tt := range tests {
		name := strings.TrimSuffix(filepath.Base(tt.file), filepath.Ext(tt.file))
		if seen[name] {
			t.Fatalf("two test files named %s", name)
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			content, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			path := "testdata/" + tt.file
			if !n.Detect(path, content) {
				t.Errorf("Detect(%q) = false", path)
			}
			docs, diags := n.Normalize(context.Background(), normalizers.File{Path: path, Content: content})
			checkDiags(t, diags, tt.diags)
			if tt.noDoc {
				if len(docs) != 0 {
					t.Fatalf("got %d documents, want none", len(docs))
				}
			} else if len(docs) != 1 {
				t.Fatalf("got %d documents, want 1", len(docs))
			}
			var input any
			if len(docs) == 1 {
				doc := docs[0]
				checkInvariants(t, doc, content)
				normtest.CheckPlain(t, "input", doc.Input())
				if got := len(doc.Resources); got != tt.stages {
					t.Errorf("got %d stages, want %d", got, tt.stages)
				}
				if tt.extraFn != nil {
					tt.extraFn(t, doc)
				}
				input = doc.Input()
			}
			compareGolden(t, filepath.Join("testdata", "golden", name+".golden.json"), input)
		})
	}
}

// checkDiags asserts that the diagnostics are exactly the wanted ones, in
// order.
func checkDiags(t *testing.T, got []normalizers.Diagnostic, want []wantDiag) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		g, w := got[i], want[i]
		ok = g.Severity == w.sev && g.Line == w.line && strings.Contains(g.Message, w.msg) && g.Path != ""
	}
	if ok {
		return
	}
	var b strings.Builder
	for _, d := range got {
		fmt.Fprintf(&b, "\n  %s %s", d.Severity, d.Error())
	}
	t.Errorf("diagnostics:%s\nwant %d: %+v", b.String(), len(want), want)
}

func compareGolden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	normtest.Golden(t, path, append(got, '\n'))
}

// checkInvariants asserts what must hold for any input: unique addresses,
// sane locations, instructions inside their stage, Lines consistent with
// the instructions' lines, and document extras of the right shape.
func checkInvariants(t testing.TB, doc *normalizers.Document, content []byte) {
	t.Helper()
	if doc.Kind != Kind {
		t.Errorf("kind %q", doc.Kind)
	}
	lines := bytes.Count(content, []byte("\n")) + 1
	addrs := map[string]bool{}
	stages, _ := doc.Extra["stages"].([]any)
	if len(stages) != len(doc.Resources) {
		t.Errorf("extras list %d stages, document has %d", len(stages), len(doc.Resources))
	}
	if _, ok := doc.Extra["args"].([]any); !ok {
		t.Errorf("args extra is %T", doc.Extra["args"])
	}
	for i, r := range doc.Resources {
		if addrs[r.Address] {
			t.Errorf("duplicate address %q", r.Address)
		}
		addrs[r.Address] = true
		loc := r.Location
		if loc.StartLine < 1 || loc.StartLine > loc.EndLine || loc.EndLine > lines {
			t.Errorf("%s: location %d-%d in a %d-line file", r.Address, loc.StartLine, loc.EndLine, lines)
		}
		if r.Type != "stage" || r.Provider != "docker" {
			t.Errorf("%s: type %q provider %q", r.Address, r.Type, r.Provider)
		}
		if got := r.Config["index"]; got != int64(i) {
			t.Errorf("%s: index %v, want %d", r.Address, got, i)
		}
		if got := r.Config["final"]; got != (i == len(doc.Resources)-1) {
			t.Errorf("%s: final %v", r.Address, got)
		}
		if r.Config["name"] != stages[i] {
			t.Errorf("%s: name %v, stages extra %v", r.Address, r.Config["name"], stages[i])
		}
		if from, ok := r.Lines.Lookup([]any{"from"}); !ok || from.StartLine != loc.StartLine {
			t.Errorf("%s: Lookup(from) = %+v, %v", r.Address, from, ok)
		}
		instrs, _ := r.Config["instructions"].([]any)
		prevEnd := 0
		for j, v := range instrs {
			in := v.(map[string]any)
			start, end := int(in["start_line"].(int64)), int(in["end_line"].(int64))
			if start > end || start <= loc.StartLine || end > loc.EndLine || start <= prevEnd {
				t.Errorf("%s: instruction %d at %d-%d outside stage %d-%d or before %d", r.Address, j, start, end, loc.StartLine, loc.EndLine, prevEnd)
			}
			prevEnd = end
			got, ok := r.Lines.Lookup([]any{"instructions", j, "value"})
			if !ok || got.StartLine != start || got.EndLine != end || got.Path != doc.Path {
				t.Errorf("%s: Lookup(instructions %d) = %+v, want %d-%d", r.Address, j, got, start, end)
			}
		}
		for _, targets := range r.References {
			for _, target := range targets {
				if !addrs[target] || target == r.Address {
					t.Errorf("%s: reference to %q, not an earlier stage", r.Address, target)
				}
			}
		}
	}
}

// Helpers to reach into a document.

func stageConfig(t *testing.T, doc *normalizers.Document, addr string) map[string]any {
	t.Helper()
	for _, r := range doc.Resources {
		if r.Address == addr {
			return r.Config
		}
	}
	t.Fatalf("no stage %q", addr)
	return nil
}

func resource(t *testing.T, doc *normalizers.Document, addr string) *normalizers.Resource {
	t.Helper()
	for _, r := range doc.Resources {
		if r.Address == addr {
			return r
		}
	}
	t.Fatalf("no stage %q", addr)
	return nil
}

func instruction(t *testing.T, cfg map[string]any, i int) map[string]any {
	t.Helper()
	instrs := cfg["instructions"].([]any)
	if i >= len(instrs) {
		t.Fatalf("stage %v has %d instructions, want > %d", cfg["name"], len(instrs), i)
	}
	return instrs[i].(map[string]any)
}

func want(t *testing.T, what string, got, want any) {
	t.Helper()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

func checkMultiStage(t *testing.T, doc *normalizers.Document) {
	want(t, "addresses", []string{doc.Resources[0].Address, doc.Resources[1].Address, doc.Resources[2].Address},
		[]string{"stage.build", "stage.test", "stage[2]"})
	test := resource(t, doc, "stage.test")
	want(t, "from_stage", test.Config["from_stage"], true)
	want(t, "image of a stage base", test.Config["image"], map[string]any{})
	want(t, "references", test.References, map[string][]string{"base_image": {"stage.build"}})
	final := resource(t, doc, "stage[2]")
	want(t, "final refs", final.References, map[string][]string{
		"instructions[0]": {"stage.build"},
		"instructions[1]": {"stage.build"},
		"instructions[3]": {"stage.test"},
	})
	want(t, "final", final.Config["final"], true)
	want(t, "stages", doc.Extra["stages"], []any{"build", "test", ""})
	want(t, "exec form", instruction(t, final.Config, 5)["json"], true)
}

func checkArgs(t *testing.T, doc *normalizers.Document) {
	type exp struct {
		base    string
		unknown []string
	}
	unknown := []string{"base_image", "image", "from_stage"}
	for addr, e := range map[string]exp{
		"stage.build":              {base: "golang:1.22-alpine"},
		"stage.fallback":           {base: "alpine:3.19"},
		"stage.unknown-tag":        {base: "registry.example.com:5000/base:${TAG}", unknown: unknown},
		"stage.defaulted":          {base: "registry.example.com:5000/base:latest"},
		"stage.undeclared-default": {base: "debian:bookworm-slim"},
		"stage.platform-arg":       {base: "${TARGETARCH}/alpine:3.19", unknown: unknown},
		"stage.undeclared":         {base: "$UNDECLARED", unknown: unknown},
	} {
		r := resource(t, doc, addr)
		want(t, addr+" base_image", r.Config["base_image"], e.base)
		want(t, addr+" unknown", r.Unknown, e.unknown)
	}
	want(t, "platform as written", stageConfig(t, doc, "stage.build")["platform"], "$BUILDPLATFORM")
	want(t, "defaulted image", stageConfig(t, doc, "stage.defaulted")["image"], map[string]any{
		"registry": "registry.example.com:5000", "name": "base", "tag": "latest", "digest": "",
	})
	want(t, "args", doc.Extra["args"], []any{
		map[string]any{"key": "REGISTRY", "value": "registry.example.com:5000"},
		map[string]any{"key": "GO_VERSION", "value": "1.22"},
		map[string]any{"key": "ALPINE_VERSION", "value": nil},
		map[string]any{"key": "IMAGE", "value": "${REGISTRY}/base"},
		map[string]any{"key": "TAG", "value": nil},
		map[string]any{"key": "QUOTED", "value": "a b"},
	})
	want(t, "stage ARG pairs", instruction(t, stageConfig(t, doc, "stage.build"), 0)["pairs"], []any{
		map[string]any{"key": "TARGETOS", "value": nil},
		map[string]any{"key": "TARGETARCH", "value": nil},
	})
}

func checkImages(t *testing.T, doc *normalizers.Document) {
	for addr, img := range map[string]map[string]any{
		"stage.local-registry": {"registry": "localhost:5000", "name": "app", "tag": "1.0", "digest": ""},
		"stage.digest":         {"registry": "ghcr.io", "name": "x/y", "tag": "", "digest": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
		"stage.tag-and-digest": {"registry": "docker.io", "name": "library/nginx", "tag": "1.25.3", "digest": "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"},
		"stage.no-tag":         {"registry": "", "name": "myorg/app", "tag": "", "digest": ""},
		"stage.upper-registry": {"registry": "Registry.Example", "name": "app", "tag": "2", "digest": ""},
		"stage[5]":             {"registry": "", "name": "scratch", "tag": "", "digest": ""},
	} {
		want(t, addr+" image", stageConfig(t, doc, addr)["image"], img)
	}
	want(t, "copy --from refs", resource(t, doc, "stage[5]").References, map[string][]string{"instructions[0]": {"stage.local-registry"}})
}

func checkForms(t *testing.T, doc *normalizers.Document) {
	cfg := doc.Resources[0].Config
	shell := instruction(t, cfg, 0)
	want(t, "SHELL", shell["value"], []any{"/bin/bash", "-o", "pipefail", "-c"})
	want(t, "SHELL json", shell["json"], true)
	run := instruction(t, cfg, 1)
	want(t, "RUN shell form", run["value"], []any{"apt-get update && apt-get install -y --no-install-recommends curl"})
	want(t, "RUN shell json", run["json"], false)
	want(t, "RUN exec form", instruction(t, cfg, 2)["value"], []any{"/bin/echo", "exec form"})
	want(t, "EXPOSE", instruction(t, cfg, 3)["value"], []any{"80/tcp", "443", "8080/udp"})
	want(t, "USER", instruction(t, cfg, 8)["value"], []any{"1000:1000"})
	hc := instruction(t, cfg, 10)
	want(t, "HEALTHCHECK", hc["value"], []any{"CMD", "curl -f http://localhost/ || exit 1"})
	want(t, "HEALTHCHECK flags", hc["flags"], []any{"--interval=30s", "--timeout=3s", "--retries=3"})
	want(t, "HEALTHCHECK exec", instruction(t, cfg, 11)["value"], []any{"CMD", "curl", "-f", "http://localhost/"})
	want(t, "HEALTHCHECK NONE", instruction(t, cfg, 12)["value"], []any{"NONE"})
	want(t, "CMD exec", instruction(t, cfg, 14)["value"], []any{"nginx", "-g", "daemon off;"})
	want(t, "CMD shell", instruction(t, cfg, 15)["value"], []any{`echo "shell form"`})
}

func checkEnvLabel(t *testing.T, doc *normalizers.Document) {
	cfg := doc.Resources[0].Config
	pairs := func(i int) any { return instruction(t, cfg, i)["pairs"] }
	kv := func(k string, v any) map[string]any { return map[string]any{"key": k, "value": v} }
	want(t, "ENV old form", pairs(0), []any{kv("PYTHONDONTWRITEBYTECODE", "1")})
	want(t, "ENV old form quoted", pairs(1), []any{kv("MSG", "hello world")})
	want(t, "ENV new form", pairs(2), []any{
		kv("PATH", "/opt/venv/bin:$PATH"), kv("LANG", "C.UTF-8"), kv("K2", "v 2"),
		kv("K3", "single $quoted"), kv("K4", "a b"),
	})
	want(t, "ENV value", instruction(t, cfg, 2)["value"], []any{
		"PATH=/opt/venv/bin:$PATH", "LANG=C.UTF-8", `K2="v 2"`, `K3='single $quoted'`, `K4=a\ b`,
	})
	want(t, "LABEL", pairs(3), []any{
		kv("org.opencontainers.image.source", "https://github.com/example/app"),
		kv("com.example.vendor", "ACME Inc."), kv("version", "1.0"),
	})
	want(t, "ARG", pairs(5), []any{kv("BUILD_DATE", nil)})
	want(t, "ENV with default reference", pairs(7), []any{kv("API_TOKEN", "${TOKEN:-changeme}")})
}

func checkHeredoc(t *testing.T, doc *normalizers.Document) {
	want(t, "directives", doc.Extra["directives"], map[string]any{"syntax": "docker/dockerfile:1.7"})
	cfg := doc.Resources[0].Config
	run := instruction(t, cfg, 0)
	want(t, "heredoc", run["heredocs"], []any{map[string]any{"name": "EOF", "content": "set -eux\napt-get update\napt-get install -y curl\n"}})
	want(t, "heredoc lines", []any{run["start_line"], run["end_line"]}, []any{int64(3), int64(7)})
	want(t, "chomped heredoc", instruction(t, cfg, 1)["heredocs"], []any{map[string]any{"name": "EOT", "content": "echo \"tabs are removed\"\necho done\n"}})
	two := instruction(t, cfg, 3)
	want(t, "two heredocs", two["heredocs"], []any{
		map[string]any{"name": "SCRIPT", "content": "#!/bin/sh\necho $HOME\n"},
		map[string]any{"name": "CONF", "content": "key=value\n"},
	})
	want(t, "two heredocs value", two["value"], []any{`<<"SCRIPT"`, "<<CONF", "/usr/local/bin/"})
	want(t, "flags", two["flags"], []any{"--chmod=0755"})
}

func checkEscape(t *testing.T, doc *normalizers.Document) {
	want(t, "directives", doc.Extra["directives"], map[string]any{"escape": "`"})
	cfg := doc.Resources[0].Config
	run := instruction(t, cfg, 1)
	want(t, "continued RUN", run["value"], []any{"Write-Host one;     Write-Host two"})
	want(t, "RUN lines", []any{run["start_line"], run["end_line"]}, []any{int64(4), int64(5)})
	want(t, "COPY keeps backslashes", instruction(t, cfg, 2)["value"], []any{`C:\src\app`, `C:\app`})
	want(t, "ENV keeps backslashes", instruction(t, cfg, 3)["pairs"], []any{map[string]any{"key": "APP_HOME", "value": `C:\app`}})
}

func checkContinuation(t *testing.T, doc *normalizers.Document) {
	r := doc.Resources[0]
	want(t, "lower-case FROM AS", r.Address, "stage.deps")
	run := instruction(t, r.Config, 1)
	want(t, "cmd", run["cmd"], "run")
	want(t, "RUN lines", []any{run["start_line"], run["end_line"]}, []any{int64(3), int64(9)})
	want(t, "RUN value", run["value"], []any{"set -eux;     apk add --no-cache         git         python3;     npm ci"})
	cp := instruction(t, r.Config, 2)
	want(t, "COPY lines", []any{cp["start_line"], cp["end_line"]}, []any{int64(10), int64(12)})
	want(t, "COPY flags", cp["flags"], []any{"--chown=node:node"})
	ob := instruction(t, r.Config, 3)
	want(t, "ONBUILD value", ob["value"], []any{"RUN", "npm run build"})
	want(t, "ONBUILD trigger", ob["trigger"], map[string]any{
		"cmd": "run", "original": "RUN npm run build", "value": []any{"npm run build"},
		"flags": []any{}, "json": false, "heredocs": []any{},
	})
	trig := instruction(t, r.Config, 4)["trigger"].(map[string]any)
	want(t, "ONBUILD COPY flags", trig["flags"], []any{"--from=deps"})
	env := instruction(t, r.Config, 5)["trigger"].(map[string]any)
	want(t, "ONBUILD ENV pairs", env["pairs"], []any{map[string]any{"key": "NODE_ENV", "value": "production"}})
	loc, _ := r.Lines.Lookup([]any{"instructions", 1})
	want(t, "Lookup multi-line RUN", [2]int{loc.StartLine, loc.EndLine}, [2]int{3, 9})
}

func checkAdd(t *testing.T, doc *normalizers.Document) {
	cfg := doc.Resources[0].Config
	want(t, "ADD URL", instruction(t, cfg, 0)["value"], []any{"https://example.com/releases/tool-1.0.tar.gz", "/tmp/"})
	want(t, "ADD checksum", instruction(t, cfg, 1)["flags"], []any{"--checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d"})
	want(t, "ADD archive", instruction(t, cfg, 2)["value"], []any{"app.tar.gz", "/opt/app/"})
	want(t, "ADD chown", instruction(t, cfg, 3)["flags"], []any{"--chown=1000:1000", "--chmod=644"})
	want(t, "COPY quoted chown", instruction(t, cfg, 5)["flags"], []any{"--link", "--chown=1000:1000"})
	run := instruction(t, cfg, 6)
	want(t, "RUN mounts", run["flags"], []any{"--mount=type=cache,target=/root/.cache", "--mount=type=secret,id=npmrc,target=/root/.npmrc", "--network=none"})
	want(t, "RUN lines", []any{run["start_line"], run["end_line"]}, []any{int64(8), int64(10)})
}

func checkCRLF(t *testing.T, doc *normalizers.Document) {
	cfg := doc.Resources[0].Config
	want(t, "BOM stripped", cfg["base_image"], "alpine:3.19")
	want(t, "CR stripped", instruction(t, cfg, 0)["value"], []any{"echo one     two"})
	want(t, "heredoc without CR", instruction(t, cfg, 1)["heredocs"], []any{map[string]any{"name": "EOF", "content": "echo heredoc\n"}})
	want(t, "exec form", instruction(t, cfg, 2)["value"], []any{"sh"})
}

func checkOnbuild(t *testing.T, doc *normalizers.Document) {
	cfg := doc.Resources[0].Config
	arg := instruction(t, cfg, 0)["trigger"].(map[string]any)
	want(t, "ONBUILD ARG pairs", arg["pairs"], []any{map[string]any{"key": "NPM_TOKEN", "value": nil}})
	run := instruction(t, cfg, 1)["trigger"].(map[string]any)
	want(t, "ONBUILD RUN flags", run["flags"], []any{"--mount=type=secret,id=npm"})
	hd := instruction(t, cfg, 2)
	want(t, "ONBUILD heredoc", hd["heredocs"], []any{map[string]any{"name": "EOF", "content": "npm run build\n"}})
	want(t, "ONBUILD heredoc lines", []any{hd["start_line"], hd["end_line"]}, []any{int64(4), int64(6)})
}

func checkUnknownFlag(t *testing.T, doc *normalizers.Document) {
	want(t, "rejected instruction kept", instruction(t, doc.Resources[0].Config, 1)["flags"], []any{"--chwon=1000"})
	want(t, "rejected FROM kept", doc.Resources[1].Config["platform"], "")
	want(t, "instruction after kept", instruction(t, doc.Resources[1].Config, 0)["value"], []any{"app"})
}

func checkParseError(t *testing.T, doc *normalizers.Document) {
	cfg := doc.Resources[0].Config
	want(t, "instructions around the bad lines", len(cfg["instructions"].([]any)), 2)
	want(t, "middle", instruction(t, cfg, 1)["value"], []any{"echo middle"})
	want(t, "after", instruction(t, doc.Resources[1].Config, 0)["value"], []any{"echo after"})
	want(t, "second stage lines", []int{doc.Resources[1].Location.StartLine, doc.Resources[1].Location.EndLine}, []int{6, 8})
}

func checkDirectives(t *testing.T, doc *normalizers.Document) {
	want(t, "directives", doc.Extra["directives"], map[string]any{"syntax": "docker/dockerfile:1", "escape": "`"})
	run := instruction(t, doc.Resources[0].Config, 0)
	want(t, "escape after a bad directive applies", run["value"], []any{"echo one     two"})
	want(t, "lines", []any{run["start_line"], run["end_line"]}, []any{int64(6), int64(7)})
}

func checkBadArguments(t *testing.T, doc *normalizers.Document) {
	want(t, "addresses", []string{doc.Resources[0].Address, doc.Resources[1].Address, doc.Resources[2].Address, doc.Resources[3].Address},
		[]string{"stage.1st", "stage[1]", "stage.build", "stage.build#2"})
}

// TestCRLFAndBOM checks that CRLF line ends and a byte-order mark change
// nothing but the bytes: every valid file gives the same document.
func TestCRLFAndBOM(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "valid", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := New()
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lf := bytes.ReplaceAll(bytes.TrimPrefix(content, []byte("\xEF\xBB\xBF")), []byte("\r\n"), []byte("\n"))
		crlf := append([]byte("\xEF\xBB\xBF"), bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))...)
		d1, g1 := n.Normalize(context.Background(), normalizers.File{Path: "Dockerfile", Content: lf})
		d2, g2 := n.Normalize(context.Background(), normalizers.File{Path: "Dockerfile", Content: crlf})
		if len(d1) != 1 || len(d2) != 1 {
			t.Fatalf("%s: %d and %d documents", file, len(d1), len(d2))
		}
		if diff := cmp.Diff(d1[0].Input(), d2[0].Input()); diff != "" {
			t.Errorf("%s: CRLF+BOM changes the document (-lf +crlf):\n%s", file, diff)
		}
		if diff := cmp.Diff(g1, g2); diff != "" {
			t.Errorf("%s: CRLF+BOM changes the diagnostics:\n%s", file, diff)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		path    string
		content string
		want    bool
	}{
		{"Dockerfile", "", true},
		{"dockerfile", "", true},
		{"DOCKERFILE", "", true},
		{"Containerfile", "", true},
		{"src/app/Dockerfile", "", true},
		{`C:\src\Dockerfile`, "", true},
		{"Dockerfile.prod", "", true},
		{"Dockerfile.debug", "", true},
		{"Dockerfile.alpine", "", true},
		{"Dockerfile.template", "", true},
		{"Dockerfile-alpine.template", "", true},
		{"Dockerfile-dev", "", true},
		{"Dockerfile_prod", "", true},
		{"Containerfile.fedora", "", true},
		{"api.Dockerfile", "", true},
		{"api.dockerfile", "", true},
		{"worker.containerfile", "", true},
		{"Dockerfile.md", "", false},
		{"Dockerfile.txt", "", false},
		{"Dockerfile.dockerignore", "", false},
		{"Dockerfile-lint.json", "", false},
		{"dockerfile_test.go", "", false},
		{"Dockerfile.prod.yaml", "", false},
		{"Dockerfile.", "", false},
		{"Dockerfile-", "", false},
		{"Dockerfiles", "", false},
		{"MyDockerfile", "", false},
		{".dockerfile", "", false},
		{"Dockerfile/README.md", "", false},
		{"docker-compose.yml", "", false},
		{"main.tf", "", false},
		{"Dockerfile", "FROM x\x00\x01", false},
	}
	n := New()
	for _, tt := range tests {
		if got := n.Detect(tt.path, []byte(tt.content)); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestName(t *testing.T) {
	if got := New().Name(); got != "dockerfile" {
		t.Errorf("Name() = %q", got)
	}
}

func TestLinesLookup(t *testing.T) {
	src := "FROM alpine AS a\nRUN one\nRUN two \\\n  three\n\nFROM \\\n  a\nUSER x\n"
	docs, diags := New().Normalize(context.Background(), normalizers.File{Path: "x/Dockerfile", Content: []byte(src)})
	if len(diags) != 0 || len(docs) != 1 {
		t.Fatalf("docs %d diags %v", len(docs), diags)
	}
	first, second := docs[0].Resources[0], docs[0].Resources[1]
	tests := []struct {
		r          *normalizers.Resource
		path       []any
		start, end int
	}{
		{first, []any{"instructions", 0}, 2, 2},
		{first, []any{"instructions", int64(1)}, 3, 4},
		{first, []any{"instructions", 1.0, "value", 0}, 3, 4},
		{first, []any{"instructions", "1"}, 3, 4},
		{first, []any{"instructions", json.Number("1")}, 3, 4},
		{first, []any{"instructions", 7}, 1, 1},
		{first, []any{"instructions", -1}, 1, 1},
		{first, []any{"instructions"}, 1, 1},
		{first, []any{"from"}, 1, 1},
		{first, []any{"base_image"}, 1, 1},
		{first, []any{"image", "tag"}, 1, 1},
		{first, []any{"name"}, 1, 1},
		{first, nil, 1, 1},
		{second, []any{"base_image"}, 6, 7},
		{second, []any{"instructions", 0}, 8, 8},
	}
	for _, tt := range tests {
		loc, ok := tt.r.Lines.Lookup(tt.path)
		if !ok || loc.StartLine != tt.start || loc.EndLine != tt.end || loc.Path != "x/Dockerfile" {
			t.Errorf("%s Lookup(%v) = %+v, %v; want %d-%d", tt.r.Address, tt.path, loc, ok, tt.start, tt.end)
		}
	}
	want(t, "stage location", []int{first.Location.StartLine, first.Location.EndLine, second.Location.StartLine, second.Location.EndLine}, []int{1, 4, 6, 8})
}

func TestContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	docs, diags := New().Normalize(ctx, normalizers.File{Path: "Dockerfile", Content: []byte("FROM x\n")})
	if len(docs) != 0 || len(diags) != 1 || diags[0].Severity != normalizers.SeverityError {
		t.Errorf("docs %d diags %v", len(docs), diags)
	}
}

// TestLongLine checks that a line longer than buildkit's scanner accepts is
// reported and skipped instead of failing the file.
func TestLongLine(t *testing.T) {
	src := "FROM alpine\nRUN echo " + strings.Repeat("x", 70000) + "\nUSER nobody\n"
	docs, diags := New().Normalize(context.Background(), normalizers.File{Path: "Dockerfile", Content: []byte(src)})
	checkDiags(t, diags, []wantDiag{errAt(2, "longer than")})
	if len(docs) != 1 || len(docs[0].Resources[0].Config["instructions"].([]any)) != 1 {
		t.Fatalf("want one stage with the USER instruction")
	}
}

// TestTooManyErrors checks that a file with more parse errors than
// maxRecoveries is given up on with a diagnostic, and one with exactly
// that many is still read.
func TestTooManyErrors(t *testing.T) {
	limit := "FROM alpine\n" + strings.Repeat("ENV X\n", maxRecoveries) + "USER nobody\n"
	docs, diags := New().Normalize(context.Background(), normalizers.File{Path: "Dockerfile", Content: []byte(limit)})
	if len(docs) != 1 || len(diags) != maxRecoveries {
		t.Errorf("at the limit: %d documents, %d diagnostics", len(docs), len(diags))
	}

	src := "FROM alpine\n" + strings.Repeat("ENV X\n", maxRecoveries+1)
	docs, diags = New().Normalize(context.Background(), normalizers.File{Path: "Dockerfile", Content: []byte(src)})
	if len(docs) != 0 || len(diags) != maxRecoveries+2 || !strings.Contains(diags[len(diags)-1].Message, "file skipped") {
		t.Errorf("docs %d, %d diags, last %v", len(docs), len(diags), diags[len(diags)-1])
	}
}

// TestPathologicalInputs runs inputs that once took quadratic or
// exponential time or memory; they must finish and keep the invariants.
func TestPathologicalInputs(t *testing.T) {
	inputs := map[string]string{
		"many parse errors":      "FROM a\n" + strings.Repeat("ENV X\n", 5000),
		"many heredocs":          "FROM a\n" + strings.Repeat("RUN <<A <<B\n", 5000),
		"long continuation":      "FROM a\nRUN " + strings.Repeat("x \\\n", 20000) + "y\n",
		"nested substitution":    "ARG A=" + strings.Repeat("${A:-", 2000) + "\nFROM $A\n",
		"doubling ARG":           "ARG A=xy\n" + strings.Repeat("ARG A=$A$A$A$A\n", 100) + "FROM $A\n",
		"many stages, one name":  strings.Repeat("FROM a AS b\n", 5000),
		"many stage references":  strings.Repeat("FROM a\nCOPY --from=0 a b\n", 5000),
		"many quoted words":      "FROM a\nENV " + strings.Repeat(`k="v w" `, 5000) + "\n",
		"many unknown stages":    strings.Repeat("FROM scratch\nRUNN x\n", 5000),
		"only directives":        strings.Repeat("# syntax=x\n", 5000),
		"deep ONBUILD":           "FROM a\n" + strings.Repeat("ONBUILD ", 2000) + "RUN x\n",
		"many continuation only": strings.Repeat("\\\n", 20000),
	}
	for name, src := range inputs {
		docs, diags := normalize(context.Background(), normalizers.File{Path: "Dockerfile", Content: []byte(src)})
		if len(docs) == 1 {
			checkInvariants(t, docs[0], []byte(src))
		} else if len(diags) == 0 {
			t.Errorf("%s: no document and no diagnostic", name)
		}
	}
}

// TestConcurrentUse normalizes the valid files from several goroutines at
// once with one Normalizer; run with -race.
func TestConcurrentUse(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "valid", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := New()
	var wg sync.WaitGroup
	for range 4 {
		for _, file := range files {
			content, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			wg.Go(func() {
				docs, diags := n.Normalize(context.Background(), normalizers.File{Path: file, Content: content})
				if len(docs) != 1 || len(diags) != 0 {
					t.Errorf("%s: %d documents, %v", file, len(docs), diags)
				}
			})
		}
	}
	wg.Wait()
}
