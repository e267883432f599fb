package seclang

import syntax "github.com/rulec/rulec/grammar/seclang"

func init() {
	registerAction("msg", valueRequired, func(b *builder, a *syntax.Action) error {
		b.rule.Meta.Msg = a.Value
		return checkMacros(a.Value)
	})
}
