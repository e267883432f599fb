package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("endswith", valueNone, func(b *builder, _ *syntax.Option) error {
		return modifyContent(b, "endswith", func(c *ir.Content) error {
			c.EndsWith = true
			return nil
		})
	})
}
