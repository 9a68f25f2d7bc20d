package report

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/findings"
)

// sarifSchemaID is the id of the vendored schema: the OASIS SARIF 2.1.0
// Errata 01 schema (JSON Schema draft-04), copied verbatim from
// oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json.
const sarifSchemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// officialSARIFSchema is the OASIS SARIF 2.1.0 schema, vendored verbatim.
func officialSARIFSchema(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSARIFValidatesAgainstOfficialSchema(t *testing.T) {
	s := compileSchema(t, sarifSchemaID, officialSARIFSchema(t))
	for _, tc := range []struct {
		name string
		r    *Report
		opts SARIFOptions
	}{
		{"sample", sampleReport(), SARIFOptions{}},
		{"sample with source root", sampleReport(), SARIFOptions{SourceRoot: "/home/ci/work/infra repo"}},
		{"empty", emptyReport(), SARIFOptions{}},
		{"odd paths", oddPathsReport(), SARIFOptions{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := render(t, func(b *bytes.Buffer) error { return WriteSARIF(b, tc.r, tc.opts) })
			if err := s.Validate(instance(t, data)); err != nil {
				t.Fatalf("SARIF log does not validate against the SARIF 2.1.0 schema:\n%v", err)
			}
		})
	}
}

// TestSARIFSchemaCatchesMistakes makes sure the vendored schema is strict
// enough to be worth validating against.
func TestSARIFSchemaCatchesMistakes(t *testing.T) {
	s := compileSchema(t, sarifSchemaID, officialSARIFSchema(t))
	data := render(t, func(b *bytes.Buffer) error { return WriteSARIF(b, sampleReport(), SARIFOptions{}) })
	for _, tc := range []struct {
		name   string
		break_ func(log map[string]any)
	}{
		{"bad level", func(log map[string]any) { sarifResults(log)[0].(map[string]any)["level"] = "critical" }},
		{"region line 0", func(log map[string]any) {
			loc := sarifResults(log)[0].(map[string]any)["locations"].([]any)[0].(map[string]any)
			loc["physicalLocation"].(map[string]any)["region"].(map[string]any)["startLine"] = json.Number("0")
		}},
		{"unknown result property", func(log map[string]any) { sarifResults(log)[0].(map[string]any)["severity"] = "high" }},
		{"bad suppression kind", func(log map[string]any) {
			for _, r := range sarifResults(log) {
				if sup, ok := r.(map[string]any)["suppressions"].([]any); ok {
					sup[0].(map[string]any)["kind"] = "inline"
				}
			}
		}},
		{"wrong version", func(log map[string]any) { log["version"] = "2.0.0" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := instance(t, data).(map[string]any)
			tc.break_(log)
			if err := s.Validate(log); err == nil {
				t.Fatal("broken SARIF log validates")
			}
		})
	}
}

func sarifResults(log map[string]any) []any {
	return log["runs"].([]any)[0].(map[string]any)["results"].([]any)
}

func decodeSARIF(t *testing.T, r *Report, opts SARIFOptions) *sarifLog {
	t.Helper()
	data := render(t, func(b *bytes.Buffer) error { return WriteSARIF(b, r, opts) })
	var log sarifLog
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatal(err)
	}
	return &log
}

func TestSARIFContent(t *testing.T) {
	r := sampleReport()
	log := decodeSARIF(t, r, SARIFOptions{})
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	drv := run.Tool.Driver
	if drv.Name != "rampart" || drv.Version != "0.9.0" || drv.InformationURI != InformationURI {
		t.Errorf("driver = %+v", drv)
	}
	if len(run.Tool.Extensions) != 2 || run.Tool.Extensions[0].Name != "rampart-builtin" || run.Tool.Extensions[0].Version != "2026.11.2" {
		t.Errorf("extensions = %+v", run.Tool.Extensions)
	}

	// Rules: exactly those that produced a result, sorted, with their metadata.
	var wantRules []string
	for _, f := range r.Findings {
		if !slices.Contains(wantRules, f.RuleID) {
			wantRules = append(wantRules, f.RuleID)
		}
	}
	slices.Sort(wantRules)
	var gotRules []string
	for _, rule := range drv.Rules {
		gotRules = append(gotRules, rule.ID)
	}
	if !slices.Equal(gotRules, wantRules) {
		t.Errorf("rules = %v, want %v", gotRules, wantRules)
	}
	rule := drv.Rules[slices.Index(gotRules, "RMP-K8S-001")]
	if rule.Name != "ContainerRunsPrivileged" || rule.ShortDescription.Text != "Container runs privileged" ||
		rule.FullDescription == nil || !strings.HasPrefix(rule.FullDescription.Text, "Reports every container") {
		t.Errorf("rule descriptor = %+v", rule)
	}
	if rule.HelpURI != "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline" {
		t.Errorf("helpUri = %q", rule.HelpURI)
	}
	if rule.Help == nil || !strings.Contains(rule.Help.Text, "Remediation: Remove securityContext.privileged") ||
		!strings.Contains(rule.Help.Text, "Risk: A privileged container") || !strings.Contains(rule.Help.Markdown, "**References**") {
		t.Errorf("help = %+v", rule.Help)
	}
	wantProps := sarifRuleProperties{
		SecuritySeverity: "9.5", Precision: "high", ProblemSeverity: "error",
		Tags: []string{"security", "Compute", "CIS Kubernetes 1.8.0 5.2.2"},
	}
	if !slices.Equal(rule.Properties.Tags, wantProps.Tags) || rule.Properties.SecuritySeverity != wantProps.SecuritySeverity ||
		rule.Properties.Precision != wantProps.Precision || rule.Properties.ProblemSeverity != wantProps.ProblemSeverity {
		t.Errorf("properties = %+v, want %+v", rule.Properties, wantProps)
	}
	if rule.DefaultConfiguration.Level != "error" {
		t.Errorf("defaultConfiguration.level = %q", rule.DefaultConfiguration.Level)
	}

	// One result per finding, in report order, pointing at its rule.
	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results, want %d", len(run.Results), len(r.Findings))
	}
	for i, res := range run.Results {
		f := r.Findings[i]
		if res.RuleID != f.RuleID || drv.Rules[res.RuleIndex].ID != f.RuleID {
			t.Errorf("result %d: ruleId %s, ruleIndex %d → %s; want %s", i, res.RuleID, res.RuleIndex, drv.Rules[res.RuleIndex].ID, f.RuleID)
		}
		if res.Message.Text != f.Message {
			t.Errorf("result %d: message %q", i, res.Message.Text)
		}
		if res.PartialFingerprints[FingerprintKey] != f.Fingerprint {
			t.Errorf("result %d: fingerprint %v", i, res.PartialFingerprints)
		}
		loc := res.Locations[0]
		al := loc.PhysicalLocation.ArtifactLocation
		if al.URI != f.Location.Path || al.URIBaseID != SourceRootID {
			t.Errorf("result %d: artifactLocation %+v", i, al)
		}
		if reg := loc.PhysicalLocation.Region; reg.StartLine != f.Location.StartLine || reg.EndLine != f.Location.EndLine {
			t.Errorf("result %d: region %+v, want lines %d-%d", i, reg, f.Location.StartLine, f.Location.EndLine)
		}
		if ll := loc.LogicalLocations; len(ll) != 1 || ll[0].FullyQualifiedName != f.Resource.Address || ll[0].Kind != "resource" {
			t.Errorf("result %d: logicalLocations %+v", i, ll)
		}
		if (f.Suppressed != nil) != (len(res.Suppressions) == 1) {
			t.Errorf("result %d: suppressions %+v for %+v", i, res.Suppressions, f.Suppressed)
		}
	}

	// Levels follow severity; warn-level findings are at most warnings.
	levels := map[string]string{}
	for _, res := range run.Results {
		levels[res.RuleID] = res.Level
	}
	for rule, want := range map[string]string{
		"RMP-K8S-001": "error", "RMP-AWS-S3-001": "error", "RMP-AWS-EBS-001": "warning",
		"RMP-K8S-010": "warning", "RMP-DOCKER-003": "note",
	} {
		if levels[rule] != want {
			t.Errorf("%s: level %q, want %q", rule, levels[rule], want)
		}
	}

	// Input errors and warnings are notifications with locations.
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful {
		t.Fatalf("invocations = %+v, want one unsuccessful", run.Invocations)
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) != 2 || notes[0].Level != "error" || notes[1].Level != "warning" {
		t.Fatalf("notifications = %+v", notes)
	}
	pl := notes[0].Locations[0].PhysicalLocation
	if pl.ArtifactLocation.URI != "infra/broken.tf" || pl.Region.StartLine != 12 || pl.Region.StartColumn != 3 {
		t.Errorf("error notification location = %+v", pl)
	}
	if run.OriginalURIBaseIDs != nil {
		t.Errorf("originalUriBaseIds without a source root: %+v", run.OriginalURIBaseIDs)
	}
}

func TestSARIFSuppressions(t *testing.T) {
	for _, tc := range []struct {
		source, reason string
		kind           string
	}{
		{"inline", "false positive", "inSource"},
		{"config", "accepted risk", "external"},
		{"baseline", "", "external"},
	} {
		t.Run(tc.source, func(t *testing.T) {
			r := sampleReport()
			r.Findings[0].Suppressed = &findings.Suppression{Source: tc.source, Reason: tc.reason}
			res := decodeSARIF(t, r, SARIFOptions{}).Runs[0].Results[0]
			want := []sarifSuppression{{Kind: tc.kind, Status: "accepted", Justification: tc.reason}}
			if !slices.Equal(res.Suppressions, want) {
				t.Errorf("suppressions = %+v, want %+v", res.Suppressions, want)
			}
		})
	}
}

func TestSARIFSourceRoot(t *testing.T) {
	log := decodeSARIF(t, sampleReport(), SARIFOptions{SourceRoot: "/home/ci/work/infra repo"})
	got := log.Runs[0].OriginalURIBaseIDs[SourceRootID].URI
	if want := "file:///home/ci/work/infra%20repo/"; got != want {
		t.Errorf("%%SRCROOT%% = %q, want %q", got, want)
	}
	if err := WriteSARIF(&bytes.Buffer{}, sampleReport(), SARIFOptions{SourceRoot: "relative/dir"}); err == nil {
		t.Error("relative source root accepted")
	}
}

func TestArtifactURI(t *testing.T) {
	for _, tc := range []struct {
		path, uri, base string
	}{
		{"deploy/web.yaml", "deploy/web.yaml", SourceRootID},
		{"./main.tf", "main.tf", SourceRootID},
		{"envs/prod east/main.tf", "envs/prod%20east/main.tf", SourceRootID},
		{"charts/über/values.yaml", "charts/%C3%BCber/values.yaml", SourceRootID},
		{"a:b/c.tf", "./a:b/c.tf", SourceRootID},
		{"100%/x.tf", "100%25/x.tf", SourceRootID},
		{"/srv/infra/main.tf", "file:///srv/infra/main.tf", ""},
		{`C:\infra\main.tf`, "file:///C:/infra/main.tf", ""},
	} {
		uri, base := artifactURI(tc.path)
		if uri != tc.uri || base != tc.base {
			t.Errorf("artifactURI(%q) = %q, %q; want %q, %q", tc.path, uri, base, tc.uri, tc.base)
		}
	}
}

func TestRuleName(t *testing.T) {
	for title, want := range map[string]string{
		"Container runs privileged":                  "ContainerRunsPrivileged",
		"S3 bucket allows public access":             "S3BucketAllowsPublicAccess",
		"Security group allows 0.0.0.0/0 on port 22": "SecurityGroupAllows00000OnPort22",
		"":    "RMP-X-001",
		"---": "RMP-X-001",
	} {
		if got := ruleName(title, "RMP-X-001"); got != want {
			t.Errorf("ruleName(%q) = %q, want %q", title, got, want)
		}
	}
}

func TestSARIFGolden(t *testing.T) {
	golden(t, "report.sarif", render(t, func(b *bytes.Buffer) error { return WriteSARIF(b, sampleReport(), SARIFOptions{}) }))
}

// oddPathsReport has paths and text that need escaping in every format.
func oddPathsReport() *Report {
	r := sampleReport()
	f := &r.Findings[0]
	f.Location.Path = "envs/prod east/a:b|(c)[d].yaml"
	f.Resource.Path = f.Location.Path
	f.Resource.Address = "Deployment/`web`|*x*"
	f.Message = "Container <script>alert(1)</script> | **bold** & \"quoted\" @security-team\x1b[31m"
	f.References = append(f.References, "javascript:alert(1)", "see the CIS benchmark")
	r.Errors = append(r.Errors, r.Errors[0])
	r.Errors[1].Path = "/abs/path/with space.tf"
	return r
}
