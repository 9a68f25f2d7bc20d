// Package config reads .rampart.yaml, the project configuration of a scan:
// gate threshold, path excludes, rule overrides and parameters, suppressions
// and the frameworks to report.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/rampart-iac/rampart/engine"
)

// FileName is the configuration file looked up in the scan root.
const FileName = ".rampart.yaml"

// Config is the parsed configuration file.
type Config struct {
	// Path the configuration was read from ("" when none was found).
	Path string `yaml:"-"`
	// FailOn is the default --fail-on threshold ("none" disables the gate).
	FailOn string `yaml:"fail_on"`
	// Exclude are path globs left out of the scan, like --exclude.
	Exclude []string `yaml:"exclude"`
	// Policies are extra policy directories or bundles, like --policy,
	// relative to the configuration file.
	Policies []string `yaml:"policies"`
	// Frameworks limits the frameworks reported (e.g. cis-kubernetes); empty
	// means every framework a loaded rule maps to.
	Frameworks []string `yaml:"frameworks"`
	// Rules holds per-rule settings by rule id.
	Rules map[string]RuleConfig `yaml:"rules"`
	// Ignore lists suppressions that live in the configuration rather than
	// in the scanned files.
	Ignore []Ignore `yaml:"ignore"`
}

// RuleConfig changes one rule.
type RuleConfig struct {
	// Enabled false turns the rule off.
	Enabled *bool `yaml:"enabled"`
	// Severity replaces the rule's severity.
	Severity string `yaml:"severity"`
	// Parameters are passed to the rule as data.rampart.parameters[id].
	Parameters map[string]any `yaml:"parameters"`
}

// Ignore suppresses one rule (or every rule, with "*") for the matching
// paths and resources until a date.
type Ignore struct {
	Rule      string   `yaml:"rule"`
	Paths     []string `yaml:"paths"`
	Resources []string `yaml:"resources"`
	Reason    string   `yaml:"reason"`
	Until     string   `yaml:"until"`
	// Expires is Until parsed; zero when Until is empty.
	Expires time.Time `yaml:"-"`
	// Line is where the entry starts in the configuration file.
	Line int `yaml:"-"`
}

var ruleID = regexp.MustCompile(`^([A-Z][A-Z0-9]*(-[A-Z0-9]+)+|\*)$`)

// Find returns the configuration file for a scan: explicit when given,
// else .rampart.yaml in the first scanned directory (or the directory of a
// scanned file). It returns "" when there is none.
func Find(explicit string, paths []string) (string, error) {
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", fmt.Errorf("config: %w", err)
		}
		return explicit, nil
	}
	root := "."
	if len(paths) > 0 {
		root = paths[0]
	}
	if info, err := os.Stat(root); err == nil && !info.IsDir() {
		root = filepath.Dir(root)
	}
	p := filepath.Join(root, FileName)
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	return "", nil
}

// Load reads and validates a configuration file. Every problem is reported
// with the file and line.
func Load(path string) (*Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, raw)
}

// Parse validates configuration bytes read from path.
func Parse(path string, raw []byte) (*Config, error) {
	c := &Config{Path: path}
	if len(bytes.TrimSpace(raw)) == 0 {
		return c, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("%s: %s", path, strings.Join(te.Errors, "; "))
		}
		return nil, fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	c.Path = path
	lines := ignoreLines(&root)
	var problems []string
	problem := func(line int, format string, args ...any) {
		loc := path
		if line > 0 {
			loc = fmt.Sprintf("%s:%d", path, line)
		}
		problems = append(problems, loc+": "+fmt.Sprintf(format, args...))
	}
	if c.FailOn != "" && !strings.EqualFold(c.FailOn, "none") {
		if _, err := engine.ParseSeverity(c.FailOn); err != nil {
			problem(keyLine(&root, "fail_on"), "fail_on: %v", err)
		}
	}
	for _, fw := range c.Frameworks {
		if !contains(engine.Frameworks, fw) {
			problem(keyLine(&root, "frameworks"), "frameworks: unknown framework %q (known: %s)", fw, strings.Join(engine.Frameworks, ", "))
		}
	}
	for id, rc := range c.Rules {
		if !ruleID.MatchString(id) || id == "*" {
			problem(keyLine(&root, "rules"), "rules: %q is not a rule id", id)
		}
		if rc.Severity != "" {
			if _, err := engine.ParseSeverity(rc.Severity); err != nil {
				problem(keyLine(&root, "rules"), "rules.%s.severity: %v", id, err)
			}
		}
	}
	for i := range c.Ignore {
		ig := &c.Ignore[i]
		if i < len(lines) {
			ig.Line = lines[i]
		}
		if !ruleID.MatchString(ig.Rule) {
			problem(ig.Line, "ignore: rule %q is not a rule id (or * for every rule)", ig.Rule)
		}
		if len(ig.Paths) == 0 && len(ig.Resources) == 0 {
			problem(ig.Line, "ignore: give paths or resources, or the entry would silence %s everywhere", ig.Rule)
		}
		if strings.TrimSpace(ig.Reason) == "" {
			problem(ig.Line, "ignore: a reason is required")
		}
		if ig.Until != "" {
			t, err := time.Parse(time.DateOnly, ig.Until)
			if err != nil {
				problem(ig.Line, "ignore: until %q is not a date (YYYY-MM-DD)", ig.Until)
			}
			ig.Expires = t
		}
	}
	if len(problems) > 0 {
		return nil, errors.New("invalid configuration:\n  " + strings.Join(problems, "\n  "))
	}
	return c, nil
}

// Overrides converts the rules section for the engine.
func (c *Config) Overrides() map[string]engine.Override {
	out := map[string]engine.Override{}
	for id, rc := range c.Rules {
		o := engine.Override{}
		if rc.Enabled != nil && !*rc.Enabled {
			o.Disabled = true
		}
		if rc.Severity != "" {
			o.Severity, _ = engine.ParseSeverity(rc.Severity)
		}
		if o.Disabled || o.Severity != "" {
			out[id] = o
		}
	}
	return out
}

// Parameters returns rule parameters by rule id.
func (c *Config) Parameters() map[string]map[string]any {
	out := map[string]map[string]any{}
	for id, rc := range c.Rules {
		if len(rc.Parameters) > 0 {
			out[id] = rc.Parameters
		}
	}
	return out
}

// PolicyPaths returns the policies entries resolved against the file's directory.
func (c *Config) PolicyPaths() []string {
	out := make([]string, 0, len(c.Policies))
	for _, p := range c.Policies {
		if !filepath.IsAbs(p) && c.Path != "" {
			p = filepath.Join(filepath.Dir(c.Path), p)
		}
		out = append(out, p)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// keyLine returns the line of a top-level key, 0 when absent.
func keyLine(root *yaml.Node, key string) int {
	if root == nil || len(root.Content) == 0 {
		return 0
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

// ignoreLines returns the line of each entry of the top-level ignore list.
func ignoreLines(root *yaml.Node) []int {
	if root == nil || len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "ignore" && m.Content[i+1].Kind == yaml.SequenceNode {
			var out []int
			for _, item := range m.Content[i+1].Content {
				out = append(out, item.Line)
			}
			return out
		}
	}
	return nil
}
