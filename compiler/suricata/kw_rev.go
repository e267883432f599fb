package suricata

import (
	"math"

	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("rev", valueRequired, func(b *builder, o *syntax.Option) error {
		n, err := intIn("rev", o.Value, 0, math.MaxUint32)
		b.rule.Meta.Rev = uint64(n)
		return err
	})
}
