// Package baseline records the findings a project has accepted, so that later
// scans only report what is new.
//
// A baseline is a JSON file listing findings by fingerprint (see
// findings.Fingerprint: rule id, file path, resource address and message, but
// no line numbers, so a finding keeps its fingerprint when lines are inserted
// above it):
//
//	{
//	  "version": 1,
//	  "tool": "rampart",
//	  "created_at": "2025-01-02T03:04:05Z",
//	  "findings": [
//	    {
//	      "fingerprint": "9f2c…",
//	      "rule_id": "RMP-AWS-S3-001",
//	      "path": "infra/s3.tf",
//	      "address": "aws_s3_bucket.logs",
//	      "message": "S3 bucket logs is not encrypted"
//	    }
//	  ]
//	}
//
// Only the fingerprint is used for matching; the other fields are there for
// the people reviewing the file. Because the fingerprint includes the file
// path as the scanner reported it, a baseline only matches scans run with the
// same paths (in practice: from the same directory).
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/rampart-iac/rampart/findings"
)

// Version is the file format version Write produces and Read accepts.
const Version = 1

// Tool is the default value of File.Tool.
const Tool = "rampart"

// Source is the findings.Suppression.Source Apply sets.
const Source = "baseline"

// File is a baseline: the accepted findings of a scan.
type File struct {
	// Version is the file format version; Write fills in Version when zero.
	Version int `json:"version"`
	// Tool names the program that wrote the file.
	Tool string `json:"tool"`
	// CreatedAt is written only when set.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// Findings are the accepted findings, sorted by path, rule id, address
	// and fingerprint.
	Findings []Entry `json:"findings"`

	// path is where Read found the file; Apply names it in the reason.
	path string
}

// Entry is one accepted finding.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"rule_id"`
	Path        string `json:"path"`
	Address     string `json:"address,omitempty"`
	Message     string `json:"message"`
}

// FromFindings builds a baseline of fs: every finding that is not
// suppressed, plus those already suppressed by a baseline (so that writing a
// new baseline while applying an old one keeps the old entries that still
// occur). Findings suppressed inline or by the configuration file are left
// out: they are accepted elsewhere, and should come back if that suppression
// is removed. Entries are de-duplicated by fingerprint and sorted.
func FromFindings(fs []findings.Finding) *File {
	seen := make(map[string]bool, len(fs))
	entries := make([]Entry, 0, len(fs))
	for i := range fs {
		f := &fs[i]
		if f.Suppressed != nil && f.Suppressed.Source != Source {
			continue
		}
		fp := fingerprint(f)
		if seen[fp] {
			continue
		}
		seen[fp] = true
		entries = append(entries, Entry{
			Fingerprint: fp,
			RuleID:      f.RuleID,
			Path:        findingPath(f),
			Address:     f.Resource.Address,
			Message:     f.Message,
		})
	}
	sortEntries(entries)
	return &File{Version: Version, Tool: Tool, Findings: entries}
}

// Path returns the file Read loaded the baseline from, or "" for a baseline
// built in memory.
func (f *File) Path() string {
	if f == nil {
		return ""
	}
	return f.path
}

// Write stores f at path as indented JSON, atomically: it writes a temporary
// file in the same directory and renames it over path, so readers never see
// a partial baseline. The file gets mode 0644. Entries are written sorted.
func Write(path string, f *File) error {
	if f == nil {
		return fmt.Errorf("write baseline %s: no baseline", path)
	}
	out := *f
	if out.Version == 0 {
		out.Version = Version
	}
	if out.Version != Version {
		return fmt.Errorf("write baseline %s: unsupported version %d (this rampart writes version %d)", path, out.Version, Version)
	}
	if out.Tool == "" {
		out.Tool = Tool
	}
	out.Findings = append([]Entry{}, f.Findings...)
	sortEntries(out.Findings)
	data, err := json.MarshalIndent(&out, "", "  ")
	if err != nil {
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	data = append(data, '\n')
	if err := writeAtomic(path, data, 0o644); err != nil {
		return fmt.Errorf("write baseline %s: %w", path, err)
	}
	return nil
}

// writeAtomic writes data to a temporary file next to path and renames it to
// path.
func writeAtomic(path string, data []byte, perm os.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Read loads the baseline at path. It fails, naming the file, when the file
// cannot be read, is not a baseline, has a version other than Version or has
// an entry without a fingerprint.
func Read(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	f, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("read baseline %s: %w", path, err)
	}
	f.path = path
	return f, nil
}

func parse(data []byte) (*File, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("file is empty")
	}
	// Check the version before the rest, so that a future format is
	// reported as such rather than as whatever field changed shape.
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("not a baseline file: %w", err)
	}
	switch {
	case head.Version == nil:
		return nil, errors.New("not a baseline file: no version")
	case *head.Version != Version:
		return nil, fmt.Errorf("unsupported version %d (this rampart reads version %d; rewrite it with --write-baseline)", *head.Version, Version)
	}
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("not a baseline file: %w", err)
	}
	for i, e := range f.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("finding %d (rule %q, path %q) has no fingerprint", i+1, e.RuleID, e.Path)
		}
	}
	return &f, nil
}

// Apply marks the findings of fs whose fingerprint is in the baseline as
// suppressed, with Source "baseline" and Reason "in baseline <path>". A
// finding that is already suppressed keeps its suppression. Apply returns how
// many findings the baseline suppresses: those it marked plus those a
// previous Apply marked, so calling it twice gives the same answer.
func (f *File) Apply(fs []findings.Finding) (matched int) {
	if f == nil || len(f.Findings) == 0 {
		return 0
	}
	in := f.fingerprints()
	reason := "in baseline"
	if f.path != "" {
		reason += " " + f.path
	}
	for i := range fs {
		fd := &fs[i]
		if !in[fingerprint(fd)] {
			continue
		}
		if fd.Suppressed != nil {
			if fd.Suppressed.Source == Source {
				matched++
			}
			continue
		}
		fd.Suppressed = &findings.Suppression{Source: Source, Reason: reason}
		matched++
	}
	return matched
}

// Stale returns the baseline entries that no finding of fs matches any more,
// suppressed or not: accepted issues that have been fixed (or whose file,
// resource or message changed), in the baseline's order. Reporting them lets
// users prune the baseline.
func (f *File) Stale(fs []findings.Finding) []Entry {
	if f == nil {
		return nil
	}
	present := make(map[string]bool, len(fs))
	for i := range fs {
		present[fingerprint(&fs[i])] = true
	}
	var stale []Entry
	for _, e := range f.Findings {
		if !present[e.Fingerprint] {
			stale = append(stale, e)
		}
	}
	return stale
}

func (f *File) fingerprints() map[string]bool {
	in := make(map[string]bool, len(f.Findings))
	for _, e := range f.Findings {
		in[e.Fingerprint] = true
	}
	return in
}

// fingerprint returns the finding's fingerprint, computing it the way
// findings.Build does when the finding has none.
func fingerprint(f *findings.Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return findings.Fingerprint(f.RuleID, f.Resource.Path, f.Resource.Address, f.Message)
}

// findingPath is the file a finding is about.
func findingPath(f *findings.Finding) string {
	if f.Resource.Path != "" {
		return f.Resource.Path
	}
	return f.Location.Path
}

func sortEntries(es []Entry) {
	sort.Slice(es, func(i, j int) bool {
		a, b := &es[i], &es[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		return a.Fingerprint < b.Fingerprint
	})
}
