package transform

import "github.com/rulec/rulec/compiler/registry"

// Func is one transformation.
type Func func(s string) string

var funcs = registry.New[Func]("transformation")

// register adds a transformation under its SecLang name; it panics on a
// duplicate.
func register(name string, f Func) { funcs.Register(name, f) }

// Lookup returns the transformation registered under name, as the
// compiler spells it (compiler/seclang canonicalises the case).
func Lookup(name string) (Func, bool) { return funcs.Lookup(name) }

// Names returns every registered name, sorted.
func Names() []string { return funcs.Names() }
