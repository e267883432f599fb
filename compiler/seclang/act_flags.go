package seclang

import syntax "github.com/rulec/rulec/grammar/seclang"

// Flag-like actions: no value, one field each.
func init() {
	flags := map[string]func(b *builder){
		"capture":    func(b *builder) { b.part.Actions.Capture = true },
		"multiMatch": func(b *builder) { b.part.Actions.MultiMatch = true },
		"chain":      func(b *builder) { b.part.Actions.Chain = true },
		"log":        func(b *builder) { b.part.Actions.Log = boolPtr(true) },
		"nolog":      func(b *builder) { b.part.Actions.Log = boolPtr(false) },
		"auditlog":   func(b *builder) { b.part.Actions.AuditLog = boolPtr(true) },
		"noauditlog": func(b *builder) { b.part.Actions.AuditLog = boolPtr(false) },
	}
	for name, set := range flags {
		registerAction(name, valueNone, func(b *builder, _ *syntax.Action) error {
			set(b)
			return nil
		})
	}
}
