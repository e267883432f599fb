package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// fragoffset:[<|>]N compares the IPv4 fragment offset field (in 8-byte
// units, 13 bits).
func init() {
	register("fragoffset", valueRequired, func(b *builder, o *syntax.Option) error {
		s := strings.TrimSpace(o.Value)
		op := "="
		if s != "" && (s[0] == '<' || s[0] == '>') {
			op, s = s[:1], strings.TrimSpace(s[1:])
		}
		n, err := intIn("fragoffset", s, 0, 0x1fff)
		if err != nil {
			return err
		}
		b.add(&ir.Field{Name: "fragoffset", Cmp: ir.Cmp{Op: op, A: n}})
		return nil
	})
}
