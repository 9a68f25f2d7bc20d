package cloudformation

import "strings"

// dynamicRefs returns the dynamic references ("{{resolve:ssm:name}}",
// "{{resolve:ssm-secure:...}}", "{{resolve:secretsmanager:...}}") a string
// holds, or nil. CloudFormation replaces them with values read at
// deployment, so the string is unknown.
func dynamicRefs(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "{{resolve:")
		if i < 0 {
			return out
		}
		s = s[i:]
		end := strings.Index(s, "}}")
		if end < 0 {
			return append(out, s)
		}
		out = append(out, s[:end+2])
		s = s[end+2:]
	}
}

// dynamicService returns the service of a dynamic reference: "ssm",
// "ssm-secure" or "secretsmanager".
func dynamicService(ref string) string {
	rest := strings.TrimPrefix(ref, "{{resolve:")
	service, _, _ := strings.Cut(rest, ":")
	return strings.TrimSuffix(service, "}}")
}
