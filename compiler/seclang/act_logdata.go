package seclang

import syntax "github.com/rulec/rulec/grammar/seclang"

func init() {
	registerAction("logdata", valueRequired, func(b *builder, a *syntax.Action) error {
		b.part.Actions.LogData = a.Value
		return checkMacros(a.Value)
	})
}
