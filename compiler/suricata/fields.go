package suricata

import (
	"fmt"
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// needL4 checks that a rule whose transport is not "ip" (any) runs on one
// of the transports a keyword applies to.
func needL4(b *builder, kw string, l4 ...string) error {
	p := b.rule.Header.Proto.L4
	if p == "ip" || slices.Contains(l4, p) {
		return nil
	}
	return fmt.Errorf("%s in a %s rule: %w", kw, p, diag.ErrConflict)
}

// registerField registers a keyword comparing a packet header field whose
// value is at most max; l4, when given, lists the transports it needs.
func registerField(name string, max int64, l4 ...string) {
	register(name, valueRequired, func(b *builder, o *syntax.Option) error {
		if len(l4) > 0 {
			if err := needL4(b, name, l4...); err != nil {
				return err
			}
		}
		c, err := parseCmp(name, o.Value, max)
		if err != nil {
			return err
		}
		b.add(&ir.Field{Name: name, Cmp: c})
		return nil
	})
}
