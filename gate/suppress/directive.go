package suppress

import (
	"regexp"
	"strings"
	"time"
)

// Directive is one suppression comment found in a source file.
type Directive struct {
	// Tool is "rampart" or the scanner whose syntax the comment uses
	// ("checkov", "tfsec", "trivy", "kics").
	Tool string
	// Rules are the ids the comment names; "*" (or none, for kics) means any.
	Rules  []string
	Reason string
	Until  time.Time
	// BadUntil holds an until= value that is not a date.
	BadUntil string
	// Line of the comment (1-based).
	Line int
	// Scope says what the comment covers: "line" (the next code line, for
	// kics-scan ignore-line), "block" (the next resource) or "resource"
	// (the resource it is in or above).
	Scope string
}

var (
	rampartRe = regexp.MustCompile(`rampart:ignore(?:[ \t]+|=)([A-Za-z0-9_*,\- \t]*?)(?:[ \t]+([a-z_]+=.*))?$`)
	kvRe      = regexp.MustCompile(`([a-z_]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S+)`)
	checkovRe = regexp.MustCompile(`checkov:skip=([A-Za-z0-9_]+)(?::(.*))?`)
	tfsecRe   = regexp.MustCompile(`(tfsec|trivy):ignore:([A-Za-z0-9_\-]+)(?:\[[^\]]*\])?(?::exp:(\d{4}-\d{2}-\d{2}))?`)
	kicsRe    = regexp.MustCompile(`kics-scan\s+ignore-(line|block)`)
)

// commentText returns the comment part of a source line: after "#", "//"
// or "/*" (the first marker outside quotes), or "" when there is none.
func commentText(line string) string {
	inSingle, inDouble := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\\' && inDouble:
			i++
		case c == '"' && !inSingle:
			inDouble = !inDouble
		case c == '\'' && !inDouble:
			inSingle = !inSingle
		case inSingle || inDouble:
		case c == '#':
			return line[i+1:]
		case c == '/' && i+1 < len(line) && (line[i+1] == '/' || line[i+1] == '*'):
			return strings.TrimSuffix(strings.TrimSpace(line[i+2:]), "*/")
		}
	}
	return ""
}

// isCommentOnly reports a line that holds only a comment.
func isCommentOnly(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*")
}

// parseLine returns the directives of one source line.
func parseLine(line string, n int) []Directive {
	c := commentText(line)
	if c == "" {
		return nil
	}
	var out []Directive
	if m := rampartRe.FindStringSubmatch(strings.TrimSpace(c)); m != nil {
		d := Directive{Tool: "rampart", Line: n, Scope: "resource"}
		for _, id := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			d.Rules = append(d.Rules, strings.ToUpper(id))
		}
		for _, kv := range kvRe.FindAllStringSubmatch(m[2], -1) {
			v := strings.Trim(kv[2], `"'`)
			switch kv[1] {
			case "reason":
				d.Reason = strings.ReplaceAll(v, `\"`, `"`)
			case "until":
				if t, err := time.Parse(time.DateOnly, v); err == nil {
					d.Until = t
				} else {
					d.BadUntil = v
				}
			}
		}
		out = append(out, d)
	}
	for _, m := range checkovRe.FindAllStringSubmatch(c, -1) {
		out = append(out, Directive{Tool: "checkov", Rules: []string{m[1]}, Reason: strings.TrimSpace(m[2]), Line: n, Scope: "resource"})
	}
	for _, m := range tfsecRe.FindAllStringSubmatch(c, -1) {
		d := Directive{Tool: m[1], Rules: []string{m[2]}, Line: n, Scope: "resource", Reason: "suppressed with a " + m[1] + " comment"}
		if m[3] != "" {
			d.Until, _ = time.Parse(time.DateOnly, m[3])
		}
		out = append(out, d)
	}
	if m := kicsRe.FindStringSubmatch(c); m != nil {
		out = append(out, Directive{Tool: "kics", Line: n, Scope: m[1], Reason: "suppressed with a kics-scan comment"})
	}
	return out
}
