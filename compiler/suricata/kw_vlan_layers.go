package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("vlan.layers", valueRequired, func(b *builder, o *syntax.Option) error {
		c, err := parseCmp("vlan.layers", o.Value, 3)
		if err != nil {
			return err
		}
		b.add(&ir.Field{Name: "vlan.layers", Cmp: c})
		return nil
	})
}
