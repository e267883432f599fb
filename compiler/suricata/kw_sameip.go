package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// sameip holds when the source and destination addresses are equal
// (the field is 1).
func init() {
	register("sameip", valueNone, func(b *builder, _ *syntax.Option) error {
		b.add(&ir.Field{Name: "sameip", Cmp: ir.Cmp{Op: "=", A: 1}})
		return nil
	})
}
