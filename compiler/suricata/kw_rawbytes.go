package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("rawbytes", valueNone, func(b *builder, _ *syntax.Option) error {
		return modifyContent(b, "rawbytes", func(c *ir.Content) error {
			c.RawBytes = true
			return nil
		})
	})
}
