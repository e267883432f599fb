package suricata

import (
	"math"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("id", valueRequired, func(b *builder, o *syntax.Option) error {
		v := o.Value
		if syntax.IsQuoted(v) {
			v = v[1 : len(v)-1]
		}
		c, err := parseCmp("id", v, math.MaxUint16)
		if err != nil {
			return err
		}
		b.add(&ir.Field{Name: "id", Cmp: c})
		return nil
	})
}
