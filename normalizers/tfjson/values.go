package tfjson

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Redacted replaces every sensitive value in the documents.
const Redacted = "(sensitive)"

// redactMask replaces the parts of v marked true in mask (a value shaped
// like v: the plan's sensitive_values, after_sensitive) by Redacted and
// returns the result. Containers are changed in place. Null values stay
// null: they hold nothing to hide.
func redactMask(v, mask any) any {
	switch m := mask.(type) {
	case bool:
		if m && v != nil {
			return Redacted
		}
	case map[string]any:
		if obj, ok := v.(map[string]any); ok {
			for k, sub := range m {
				if cur, present := obj[k]; present {
					obj[k] = redactMask(cur, sub)
				}
			}
		}
	case []any:
		if list, ok := v.([]any); ok {
			for i, sub := range m {
				if i < len(list) {
					list[i] = redactMask(list[i], sub)
				}
			}
		}
	}
	return v
}

// removeUnknown takes the parts of v marked true in mask (the plan's
// after_unknown) out of v: an object member is deleted, an array element
// set to null. It returns the dotted paths of the unknown parts, below
// prefix, in a stable order.
func removeUnknown(v, mask any, prefix string, out []string) []string {
	switch m := mask.(type) {
	case map[string]any:
		obj, _ := v.(map[string]any)
		for _, k := range sortedKeys(m) {
			sub := m[k]
			path := joinPath(prefix, k)
			if b, ok := sub.(bool); ok {
				if b {
					if path != "" { // no attribute has an empty name
						out = append(out, path)
					}
					if obj != nil {
						delete(obj, k)
					}
				}
				continue
			}
			var child any
			if obj != nil {
				child = obj[k]
			}
			out = removeUnknown(child, sub, path, out)
		}
	case []any:
		list, _ := v.([]any)
		for i, sub := range m {
			path := joinPath(prefix, strconv.Itoa(i))
			if b, ok := sub.(bool); ok {
				if b {
					out = append(out, path)
					if i < len(list) {
						list[i] = nil
					}
				}
				continue
			}
			var child any
			if i < len(list) {
				child = list[i]
			}
			out = removeUnknown(child, sub, path, out)
		}
	}
	return out
}

// joinPath appends a step to a dotted attribute path.
func joinPath(prefix, step string) string {
	if prefix == "" {
		return step
	}
	return prefix + "." + step
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// providerLocalName derives a provider's local name from its address:
// "registry.terraform.io/hashicorp/aws" gives "aws"; a legacy bare name is
// kept.
func providerLocalName(addr string) string {
	addr = strings.TrimSpace(addr)
	if i := strings.LastIndexByte(addr, '/'); i >= 0 {
		addr = addr[i+1:]
	}
	return addr
}

// stateProviderName reads the local name out of a state's provider
// configuration address: `provider["registry.terraform.io/hashicorp/aws"]`,
// `module.m.provider["..."].west`, or the legacy `provider.aws.west`.
func stateProviderName(s string) string {
	if i := strings.LastIndex(s, `provider["`); i >= 0 {
		rest := s[i+len(`provider["`):]
		if j := strings.IndexByte(rest, '"'); j >= 0 {
			return providerLocalName(rest[:j])
		}
		return ""
	}
	for _, prefix := range []string{"provider.", ".provider."} {
		i := strings.Index(s, prefix)
		if i < 0 || (prefix == "provider." && i != 0) {
			continue
		}
		rest := s[i+len(prefix):]
		if j := strings.IndexByte(rest, '.'); j >= 0 {
			rest = rest[:j]
		}
		return rest
	}
	return ""
}

// typeProvider is the provider implied by a resource type: its prefix
// before the first underscore.
func typeProvider(typ string) string {
	if i := strings.IndexByte(typ, '_'); i > 0 {
		return typ[:i]
	}
	return typ
}

// providerSource turns a provider's fully-qualified name into the source
// address one writes in required_providers: the public registry's host is
// left out.
func providerSource(fullName string) string {
	return strings.TrimPrefix(fullName, "registry.terraform.io/")
}

// resourceAddr builds a resource address from its parts: module is the
// module instance address ("" for the root), key the instance key as it
// appears in the JSON (nil, a number or a string).
func resourceAddr(module, mode, typ, name string, key any) (string, bool) {
	var b strings.Builder
	if module != "" {
		b.WriteString(module)
		b.WriteByte('.')
	}
	if mode == "data" {
		b.WriteString("data.")
	}
	b.WriteString(typ)
	b.WriteByte('.')
	b.WriteString(name)
	k, ok := instanceKey(key)
	b.WriteString(k)
	return b.String(), ok
}

// instanceKey formats an instance key the way Terraform writes it in
// addresses: [0] for a number, ["a"] for a string, nothing for null. ok is
// false for a key of another type.
func instanceKey(key any) (string, bool) {
	switch k := key.(type) {
	case nil:
		return "", true
	case int64:
		return "[" + strconv.FormatInt(k, 10) + "]", true
	case float64:
		return "[" + strconv.FormatFloat(k, 'f', -1, 64) + "]", true
	case string:
		return "[" + quoteKey(k) + "]", true
	}
	return "", false
}

// quoteKey quotes a string instance key with HCL's escapes, as Terraform
// does in addresses.
func quoteKey(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case (r == '$' || r == '%') && i+1 < len(s) && s[i+1] == '{':
			b.WriteRune(r)
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u`)
			h := strconv.FormatInt(int64(r), 16)
			b.WriteString(strings.Repeat("0", 4-len(h)))
			b.WriteString(h)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// stripKeys removes the instance keys ([0], ["a"]) from an address:
// `module.m["a"].aws_s3_bucket.b[0]` gives `module.m.aws_s3_bucket.b`.
func stripKeys(addr string) string {
	if strings.IndexByte(addr, '[') < 0 {
		return addr
	}
	var b strings.Builder
	b.Grow(len(addr))
	for i := 0; i < len(addr); i++ {
		if c := addr[i]; c != '[' {
			b.WriteByte(c)
			continue
		}
		i = closingBracket(addr, i)
	}
	return b.String()
}

// closingBracket returns the offset of the ']' closing the '[' at offset
// open, skipping over a quoted key and its escapes; len(s) when there is
// none.
func closingBracket(s string, open int) int {
	quoted := false
	for i := open + 1; i < len(s); i++ {
		switch c := s[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == ']':
			return i
		}
	}
	return len(s)
}

// nonResourceRoots are the first names of references that do not point at
// a managed resource.
var nonResourceRoots = map[string]bool{
	"var": true, "local": true, "module": true, "each": true, "count": true,
	"path": true, "self": true, "terraform": true, "ephemeral": true,
	"resource": true, "action": true, "check": true, "run": true,
	"output": true, "provider": true, "list": true,
}

// refTarget turns a reference as the plan's configuration lists it
// ("aws_s3_bucket.b.id", `data.aws_iam_policy_document.p["x"].json`) into
// the address of the resource it points at, without instance key and with
// the module prefix of the referring module ("module.m."). ok is false for
// references to anything but a managed or data resource (var.x, local.x,
// module.m.out, count.index, ...).
func refTarget(ref, modPrefix string) (string, bool) {
	names := make([]string, 0, 3)
	i := 0
	for len(names) < 3 {
		j := i
		for j < len(ref) && isIdentChar(ref[j], j == i) {
			j++
		}
		if j == i {
			break
		}
		names = append(names, ref[i:j])
		if j >= len(ref) || ref[j] != '.' {
			break
		}
		i = j + 1
	}
	if len(names) < 2 {
		return "", false
	}
	switch {
	case names[0] == "data":
		if len(names) < 3 {
			return "", false
		}
		return modPrefix + "data." + names[1] + "." + names[2], true
	case nonResourceRoots[names[0]]:
		return "", false
	}
	return modPrefix + names[0] + "." + names[1], true
}

// isIdentChar reports whether c may appear in an HCL identifier (first:
// at its start).
func isIdentChar(c byte, first bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		return true
	case c >= '0' && c <= '9', c == '-':
		return !first
	}
	return false
}

// addTargets adds the resource targets of refs (strings) to out[path],
// deduplicated and sorted.
func addTargets(out map[string][]string, path string, refs []any, modPrefix string) {
	var targets []string
	for _, r := range refs {
		s, ok := r.(string)
		if !ok {
			continue
		}
		if t, ok := refTarget(s, modPrefix); ok {
			targets = append(targets, t)
		}
	}
	if len(targets) == 0 || path == "" {
		return
	}
	all := append(out[path], targets...)
	slices.Sort(all)
	out[path] = slices.Compact(all)
}
