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
		b.add(&ir.Size{Buffer: ir.Buffer{Name: ir.BufPayload}, What: "dsize", Cmp: c})
		return nil
	})
}
