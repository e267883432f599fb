package suricata

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

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

// registerExact registers names (a keyword and its aliases) comparing a
// packet header field for equality with a decimal value up to max, "!"
// negating it when negatable; a value may be quoted. l4 lists the
// transports the field needs.
func registerExact(names []string, max int64, negatable bool, l4 ...string) {
	for _, name := range names {
		register(name, valueRequired, func(b *builder, o *syntax.Option) error {
			if err := needL4(b, name, l4...); err != nil {
				return err
			}
			v := strings.TrimSpace(o.Value)
			if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = strings.TrimSpace(v[1 : len(v)-1])
			}
			op := "="
			if negatable && strings.HasPrefix(v, "!") {
				op, v = "!=", strings.TrimSpace(v[1:])
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 || n > max {
				return badValue(name, o.Value)
			}
			b.add(&ir.Field{Name: names[0], Cmp: ir.Cmp{Op: op, A: n}})
			return nil
		})
	}
}
