package changes

import "github.com/rampart-iac/rampart/findings"

// Filter returns the findings of fs in code that changed, in their order:
// a finding about a resource (Resource.StartLine > 0) is kept when a line of
// the resource, Resource.StartLine to Resource.EndLine, changed; a finding
// about a whole file (Resource.StartLine == 0) when the file changed. The
// file is Resource.Path, or Location.Path when that is empty, interpreted
// as s interprets paths (see Rel). A nil s keeps every finding.
func Filter(fs []findings.Finding, s *Set) []findings.Finding {
	if s == nil {
		return fs
	}
	out := make([]findings.Finding, 0, len(fs))
	for _, f := range fs {
		if s.Touches(&f) {
			out = append(out, f)
		}
	}
	return out
}

// Touches reports whether the change touches finding f, as Filter decides.
func (s *Set) Touches(f *findings.Finding) bool {
	p := f.Resource.Path
	if p == "" {
		p = f.Location.Path
	}
	if f.Resource.StartLine > 0 {
		return s.LinesChanged(p, f.Resource.StartLine, f.Resource.EndLine)
	}
	return s.FileChanged(p)
}
