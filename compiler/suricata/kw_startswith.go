package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("startswith", valueNone, func(b *builder, _ *syntax.Option) error {
		return modifyContent(b, "startswith", func(c *ir.Content) error {
			c.StartsWith = true
			return nil
		})
	})
}
