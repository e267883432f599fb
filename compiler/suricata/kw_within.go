package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("within", valueRequired, func(b *builder, o *syntax.Option) error {
		return setNum(b, "within", func(c *ir.Content) **ir.Num { return &c.Within }, o, 1)
	})
}
