package suricata

import (
	"fmt"
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("bypass", valueNone, func(b *builder, _ *syntax.Option) error {
		if slices.ContainsFunc(b.rule.Matchers, func(m ir.Matcher) bool { _, ok := m.(*ir.Filestore); return ok }) {
			return fmt.Errorf("bypass with filestore: %w", diag.ErrConflict)
		}
		b.rule.Bypass = true
		return nil
	})
}
