package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/rampart-iac/rampart/engine"
	"github.com/rampart-iac/rampart/findings"
	"github.com/rampart-iac/rampart/normalizers"
)

// SARIF constants.
const (
	// SARIFSchemaURI is the $schema of the SARIF logs WriteSARIF writes.
	SARIFSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// InformationURI is where the tool is documented.
	InformationURI = "https://github.com/rampart-iac/rampart"
	// FingerprintKey names the finding fingerprint in result.partialFingerprints.
	FingerprintKey = "rampart/v1"
	// SourceRootID is the uriBaseId that result locations are relative to.
	SourceRootID = "%SRCROOT%"
)

// SARIFOptions tune the SARIF report.
type SARIFOptions struct {
	// SourceRoot is the absolute directory the scanned paths are relative
	// to. When set it is recorded in run.originalUriBaseIds so that viewers
	// outside a checkout can resolve locations; leave it empty for GitHub
	// code scanning, which resolves %SRCROOT% to the repository root.
	SourceRoot string
}

// securitySeverity maps severities to GitHub's security-severity scale
// (critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9).
var securitySeverity = map[engine.Severity]string{
	engine.Critical: "9.5",
	engine.High:     "8.0",
	engine.Medium:   "5.5",
	engine.Low:      "3.0",
}

// sarifLevel is the SARIF level of a severity: error for critical and high,
// warning for medium, note for low.
func sarifLevel(s engine.Severity) string {
	switch s {
	case engine.Critical, engine.High:
		return "error"
	case engine.Medium:
		return "warning"
	}
	return "note"
}

// problemSeverity is GitHub's problem.severity of a severity.
func problemSeverity(s engine.Severity) string {
	switch s {
	case engine.Critical, engine.High:
		return "error"
	case engine.Medium:
		return "warning"
	}
	return "recommendation"
}

// resultLevel is a finding's level: its severity's, but at most warning for
// warn-level (advisory) findings.
func resultLevel(f *findings.Finding) string {
	l := sarifLevel(f.Severity)
	if f.Level == engine.LevelWarn && l == "error" {
		return "warning"
	}
	return l
}

// WriteSARIF writes the report as a SARIF 2.1.0 log with a single run: the
// rules that produced a result, one result per finding (suppressed findings
// carry a suppression), and input errors and warnings as tool execution
// notifications.
func WriteSARIF(w io.Writer, r *Report, opts SARIFOptions) error {
	log, err := buildSARIF(r, opts)
	if err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

func buildSARIF(r *Report, opts SARIFOptions) (*sarifLog, error) {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifComponent{
			Name:           toolName(r),
			Version:        r.Tool.Version,
			InformationURI: InformationURI,
			Rules:          []sarifRule{},
		}},
		Results:    []sarifResult{},
		Properties: map[string]any{"failOn": r.FailOn, "passed": r.Passed},
	}
	for _, b := range r.Bundles {
		run.Tool.Extensions = append(run.Tool.Extensions, sarifComponent{Name: b.Name, Version: b.Revision})
	}
	if opts.SourceRoot != "" {
		root, err := dirURI(opts.SourceRoot)
		if err != nil {
			return nil, err
		}
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{SourceRootID: {URI: root}}
	}

	// Rules in id order; a rule's metadata comes from its first finding.
	all := make([]*findings.Finding, len(r.Findings))
	for i := range r.Findings {
		all[i] = &r.Findings[i]
	}
	groups := groupByRule(all)
	sort.Slice(groups, func(i, j int) bool { return groups[i].RuleID < groups[j].RuleID })
	index := map[string]int{}
	for i, g := range groups {
		index[g.RuleID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(g.First))
	}

	for i := range r.Findings {
		f := &r.Findings[i]
		run.Results = append(run.Results, sarifResultOf(f, index[f.RuleID]))
	}

	inv := sarifInvocation{ExecutionSuccessful: len(r.Errors) == 0}
	for _, d := range r.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotificationOf(d, "error", "input-error"))
	}
	for _, d := range r.Warnings {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotificationOf(d, "warning", "input-warning"))
	}
	run.Invocations = []sarifInvocation{inv}

	return &sarifLog{Schema: SARIFSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}}, nil
}

func toolName(r *Report) string {
	if r.Tool.Name != "" {
		return r.Tool.Name
	}
	return "rampart"
}

func sarifRuleOf(f *findings.Finding) sarifRule {
	rule := sarifRule{
		ID:                   f.RuleID,
		Name:                 ruleName(f.Title, f.RuleID),
		ShortDescription:     sarifText{Text: nonEmpty(oneLine(f.Title), f.RuleID)},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(f.Severity)},
		Properties: sarifRuleProperties{
			SecuritySeverity: securitySeverity[f.Severity],
			Tags:             ruleTags(f),
			Precision:        "high",
			ProblemSeverity:  problemSeverity(f.Severity),
		},
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		rule.FullDescription = &sarifText{Text: d}
	}
	if text, md := ruleHelp(f); text != "" {
		rule.Help = &sarifText{Text: text, Markdown: md}
	}
	for _, ref := range f.References {
		if isWebURL(ref) {
			rule.HelpURI = ref
			break
		}
	}
	return rule
}

// ruleName turns a title into the PascalCase identifier SARIF expects in
// reportingDescriptor.name: "Container runs privileged" → ContainerRunsPrivileged.
func ruleName(title, fallback string) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(word)
		b.WriteRune(unicode.ToUpper(rs[0]))
		b.WriteString(string(rs[1:]))
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}

// ruleTags are "security", the category and one tag per framework control.
func ruleTags(f *findings.Finding) []string {
	tags := []string{"security"}
	if f.Category != "" {
		tags = append(tags, f.Category)
	}
	for _, t := range frameworkTags(f.Frameworks) {
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

// ruleHelp renders remediation, risk and references as text and Markdown.
func ruleHelp(f *findings.Finding) (text, md string) {
	var t, m strings.Builder
	section := func(title, body string) {
		body = strings.TrimSpace(body)
		if body == "" {
			return
		}
		if t.Len() > 0 {
			t.WriteString("\n\n")
			m.WriteString("\n\n")
		}
		t.WriteString(title + ": " + body)
		m.WriteString("**" + title + "**\n\n" + mdText(body))
	}
	section("Remediation", f.Remediation)
	section("Risk", f.Risk)
	if len(f.References) > 0 {
		if t.Len() > 0 {
			t.WriteString("\n\n")
			m.WriteString("\n\n")
		}
		t.WriteString("References:")
		m.WriteString("**References**\n")
		for _, ref := range f.References {
			t.WriteString("\n- " + ref)
			if isWebURL(ref) {
				m.WriteString("\n- <" + ref + ">")
			} else {
				m.WriteString("\n- " + mdText(ref))
			}
		}
	}
	return t.String(), m.String()
}

func sarifResultOf(f *findings.Finding, ruleIndex int) sarifResult {
	res := sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: ruleIndex,
		Level:     resultLevel(f),
		Message:   sarifText{Text: nonEmpty(strings.TrimSpace(f.Message), f.Title)},
		Locations: []sarifLocation{},
		Properties: sarifResultProperties{
			ID:       f.ID,
			Severity: string(f.Severity),
			Category: f.Category,
			Level:    f.Level,
			Kind:     f.Resource.Kind,
			Type:     f.Resource.Type,
			Attr:     f.Attribute,
		},
	}
	loc := sarifLocation{}
	if f.Location.Path != "" {
		loc.PhysicalLocation = physicalLocation(f.Location.Path, f.Location.StartLine, f.Location.EndLine, 0)
	}
	if f.Resource.Address != "" {
		loc.LogicalLocations = []sarifLogicalLocation{{FullyQualifiedName: f.Resource.Address, Kind: "resource"}}
	}
	if loc.PhysicalLocation != nil || loc.LogicalLocations != nil {
		res.Locations = append(res.Locations, loc)
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]string{FingerprintKey: f.Fingerprint}
	}
	if s := f.Suppressed; s != nil {
		kind := "external"
		if s.Source == "inline" {
			kind = "inSource"
		}
		res.Suppressions = []sarifSuppression{{Kind: kind, Status: "accepted", Justification: s.Reason}}
	}
	return res
}

func sarifNotificationOf(d normalizers.Diagnostic, level, id string) sarifNotification {
	n := sarifNotification{
		Level:      level,
		Message:    sarifText{Text: nonEmpty(d.Message, id)},
		Descriptor: &sarifDescriptorReference{ID: id},
	}
	if d.Path != "" {
		n.Locations = []sarifLocation{{PhysicalLocation: physicalLocation(d.Path, d.Line, 0, d.Column)}}
	}
	return n
}

// physicalLocation points at lines start..end (or the whole file when start
// is not known) of a slash-separated path.
func physicalLocation(p string, start, end, column int) *sarifPhysicalLocation {
	uri, base := artifactURI(p)
	pl := &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{URI: uri, URIBaseID: base}}
	if start > 0 {
		reg := &sarifRegion{StartLine: start}
		if end >= start {
			reg.EndLine = end
		}
		if column > 0 {
			reg.StartColumn = column
		}
		pl.Region = reg
	}
	return pl
}

// artifactURI turns a report path into a URI: relative paths become
// percent-encoded relative references against %SRCROOT%, absolute ones
// file URIs.
func artifactURI(p string) (uri, base string) {
	p = strings.ReplaceAll(p, "\\", "/")
	if isDrivePath(p) {
		p = "/" + p
	}
	if path.IsAbs(p) {
		return (&url.URL{Scheme: "file", Path: p}).String(), ""
	}
	p = strings.TrimPrefix(p, "./")
	u := (&url.URL{Path: p}).EscapedPath()
	// A colon in the first segment would read as a scheme.
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u
	}
	return u, SourceRootID
}

// dirURI is the file URI of a directory, with the trailing slash SARIF
// requires of originalUriBaseIds.
func dirURI(dir string) (string, error) {
	d := strings.ReplaceAll(dir, "\\", "/")
	if isDrivePath(d) {
		d = "/" + d
	}
	if !path.IsAbs(d) {
		return "", fmt.Errorf("source root %q is not an absolute path", dir)
	}
	if !strings.HasSuffix(d, "/") {
		d += "/"
	}
	return (&url.URL{Scheme: "file", Path: d}).String(), nil
}

// isDrivePath reports whether a slash path starts with a Windows drive,
// as in C:/infra.
func isDrivePath(p string) bool {
	return len(p) >= 3 && p[1] == ':' && p[2] == '/' && unicode.IsLetter(rune(p[0]))
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

func nonEmpty(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// The SARIF object model, limited to what WriteSARIF writes.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult                    `json:"results"`
	Properties         map[string]any                   `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver     sarifComponent   `json:"driver"`
	Extensions []sarifComponent `json:"extensions,omitempty"`
}

type sarifComponent struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules,omitempty"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifText           `json:"shortDescription"`
	FullDescription      *sarifText          `json:"fullDescription,omitempty"`
	Help                 *sarifText          `json:"help,omitempty"`
	HelpURI              string              `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	SecuritySeverity string   `json:"security-severity"`
	Tags             []string `json:"tags"`
	Precision        string   `json:"precision"`
	ProblemSeverity  string   `json:"problem.severity"`
}

type sarifResult struct {
	RuleID              string                `json:"ruleId"`
	RuleIndex           int                   `json:"ruleIndex"`
	Level               string                `json:"level"`
	Message             sarifText             `json:"message"`
	Locations           []sarifLocation       `json:"locations"`
	PartialFingerprints map[string]string     `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression    `json:"suppressions,omitempty"`
	Properties          sarifResultProperties `json:"properties"`
}

type sarifResultProperties struct {
	ID       string `json:"rampart-id,omitempty"`
	Severity string `json:"rampart-severity"`
	Category string `json:"rampart-category,omitempty"`
	Level    string `json:"rampart-level,omitempty"`
	Kind     string `json:"resource-kind,omitempty"`
	Type     string `json:"resource-type,omitempty"`
	Attr     string `json:"attribute,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string                    `json:"level"`
	Message    sarifText                 `json:"message"`
	Locations  []sarifLocation           `json:"locations,omitempty"`
	Descriptor *sarifDescriptorReference `json:"descriptor,omitempty"`
}

type sarifDescriptorReference struct {
	ID string `json:"id"`
}
