package suricata

import (
	"math"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("distance", valueRequired, func(b *builder, o *syntax.Option) error {
		return setNum(b, "distance", func(c *ir.Content) **ir.Num { return &c.Distance }, o, math.MinInt32)
	})
}
