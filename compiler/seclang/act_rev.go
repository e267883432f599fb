package seclang

import (
	"strconv"

	syntax "github.com/rulec/rulec/grammar/seclang"
)

// rev is free text in SecLang; only a number carries over to Meta.Rev.
func init() {
	registerAction("rev", valueRequired, func(b *builder, a *syntax.Action) error {
		n, err := strconv.ParseUint(a.Value, 10, 32)
		if err != nil {
			n = 0
		}
		b.rule.Meta.Rev = n
		return nil
	})
}
