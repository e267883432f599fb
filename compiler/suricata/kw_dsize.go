package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("dsize", valueRequired, func(b *builder, o *syntax.Option) error {
		c, err := parseCmp("dsize", o.Value, 65535)
		if err != nil {
			return err
		}
		payload := ir.Buffer{Name: ir.BufPayload}
		b.add(&ir.Size{Buffer: payload, What: "dsize", Cmp: c})
		if c.Op == "!=" && c.A != 0 {
			// Suricata's signature mask: a dsize:!N rule requires a
			// payload, so it never matches a packet without one.
			b.add(&ir.IsDataAt{Buffer: payload})
		}
		return nil
	})
}
