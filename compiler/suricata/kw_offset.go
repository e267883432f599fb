package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("offset", valueRequired, func(b *builder, o *syntax.Option) error {
		return setNum(b, "offset", func(c *ir.Content) **ir.Num { return &c.Offset }, o, 0)
	})
}
