package dockerfile

import "strings"

// imageRef is an image reference split the way Docker reads one:
// [registry/]name[:tag][@digest].
type imageRef struct {
	registry, name, tag, digest string
}

// splitImage splits ref without validating it. The first path component is
// the registry when it contains a '.' or a ':' (a port), is "localhost", or
// has upper-case letters (repository paths are lower case), as in Docker's
// reference grammar. Names are kept as written: "golang" is not expanded to
// "docker.io/library/golang".
func splitImage(ref string) imageRef {
	var r imageRef
	rest := ref
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		first := rest[:i]
		if strings.ContainsAny(first, ".:") || first == "localhost" || strings.ToLower(first) != first {
			r.registry, rest = first, rest[i+1:]
		}
	}
	if i := strings.IndexByte(rest, '@'); i >= 0 {
		rest, r.digest = rest[:i], rest[i+1:]
	}
	lastSlash := strings.LastIndexByte(rest, '/')
	if i := strings.LastIndexByte(rest, ':'); i > lastSlash {
		rest, r.tag = rest[:i], rest[i+1:]
	}
	r.name = rest
	return r
}

func (r imageRef) value() map[string]any {
	return map[string]any{
		"registry": r.registry,
		"name":     r.name,
		"tag":      r.tag,
		"digest":   r.digest,
	}
}
