package seclang

import syntax "github.com/rulec/rulec/grammar/seclang"

// Descriptive actions kept as Meta.Metadata entries under their own name.
func init() {
	for _, name := range []string{"tag", "ver", "maturity", "accuracy"} {
		registerAction(name, valueRequired, func(b *builder, a *syntax.Action) error {
			b.addMeta(name, a.Value)
			return nil
		})
	}
}
