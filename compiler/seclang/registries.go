package seclang

import (
	"strings"

	"github.com/rulec/rulec/compiler/registry"
)

// named pairs an entry with the canonical spelling of its name; registries
// are keyed by the lower-cased name so that lookups ignore case.
type named[T any] struct {
	name  string
	entry T
}

type table[T any] struct{ r *registry.Registry[named[T]] }

func newTable[T any](kind string) table[T] {
	return table[T]{registry.New[named[T]](kind)}
}

func (t table[T]) add(name string, entry T) {
	t.r.Register(strings.ToLower(name), named[T]{name, entry})
}

func (t table[T]) lookup(name string) (string, T, bool) {
	n, ok := t.r.Lookup(strings.ToLower(name))
	return n.name, n.entry, ok
}

func (t table[T]) names() []string {
	keys := t.r.Names()
	out := make([]string, len(keys))
	for i, k := range keys {
		n, _ := t.r.Lookup(k)
		out[i] = n.name
	}
	return out
}
