package suricata

import (
	"github.com/rulec/rulec/compiler/registry"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// valueRule says whether a keyword takes a value.
type valueRule uint8

const (
	valueRequired valueRule = iota
	valueNone
	valueOptional
)

// keyword maps one rule option onto the rule being built. Apply returns a
// plain error wrapping a diag sentinel; the compiler positions it.
type keyword struct {
	value valueRule
	apply func(b *builder, o *syntax.Option) error
}

var keywords = registry.New[keyword]("suricata keyword")

func register(name string, value valueRule, apply func(*builder, *syntax.Option) error) {
	keywords.Register(name, keyword{value: value, apply: apply})
}

// Keywords returns the names of every supported keyword, sorted.
func Keywords() []string { return keywords.Names() }
