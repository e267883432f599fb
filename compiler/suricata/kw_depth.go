package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("depth", valueRequired, func(b *builder, o *syntax.Option) error {
		return setNum(b, "depth", func(c *ir.Content) **ir.Num { return &c.Depth }, o, 1)
	})
}
