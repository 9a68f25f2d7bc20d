package normalizers

// Registry picks the normalizer for a file. Normalizers are asked in the
// order they were registered; the first whose Detect accepts the file wins.
type Registry struct {
	list []Normalizer
}

// NewRegistry returns a registry of the given normalizers, in priority order.
func NewRegistry(ns ...Normalizer) *Registry {
	return &Registry{list: append([]Normalizer(nil), ns...)}
}

// Detect returns the normalizer for the file, or nil when no format matches.
func (r *Registry) Detect(path string, content []byte) Normalizer {
	for _, n := range r.list {
		if n.Detect(path, content) {
			return n
		}
	}
	return nil
}

// Lookup returns the normalizer with the given name.
func (r *Registry) Lookup(name string) Normalizer {
	for _, n := range r.list {
		if n.Name() == name {
			return n
		}
	}
	return nil
}

// Names lists the registered formats in priority order.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.list))
	for _, n := range r.list {
		names = append(names, n.Name())
	}
	return names
}
