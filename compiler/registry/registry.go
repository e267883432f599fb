package registry

import (
	"fmt"
	"slices"
	"sort"
)

// Registry maps names to entries of one kind.
type Registry[T any] struct {
	kind    string
	entries map[string]T
}

// New returns an empty registry; kind names its entries in panics.
func New[T any](kind string) *Registry[T] {
	return &Registry[T]{kind: kind, entries: map[string]T{}}
}

// Register adds an entry. It panics if name is empty or already taken.
func (r *Registry[T]) Register(name string, entry T) {
	if name == "" {
		panic(fmt.Sprintf("registry: %s with an empty name", r.kind))
	}
	if _, dup := r.entries[name]; dup {
		panic(fmt.Sprintf("registry: %s %q registered twice", r.kind, name))
	}
	r.entries[name] = entry
}

// Lookup returns the entry registered under name.
func (r *Registry[T]) Lookup(name string) (T, bool) {
	e, ok := r.entries[name]
	return e, ok
}

// Names returns every registered name, sorted.
func (r *Registry[T]) Names() []string {
	names := make([]string, 0, len(r.entries))
	for n := range r.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	return slices.Clip(names)
}
