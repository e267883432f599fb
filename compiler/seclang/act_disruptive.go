package seclang

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// disruptive maps each disruptive action onto an ir.Action; block has none
// of its own (see resolveBlock).
var disruptive = map[string]ir.Action{
	"pass":     ir.ActAlert,
	"allow":    ir.ActPass,
	"deny":     ir.ActDrop,
	"drop":     ir.ActDrop,
	"redirect": ir.ActDrop,
	"block":    "",
}

func init() {
	for name := range disruptive {
		value := valueNone
		switch name {
		case "allow":
			value = valueOptional
		case "redirect":
			value = valueRequired
		}
		registerAction(name, value, func(b *builder, _ *syntax.Action) error {
			b.disruptive = name
			return nil
		})
	}
}
