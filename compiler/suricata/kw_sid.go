package suricata

import (
	"math"

	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("sid", valueRequired, func(b *builder, o *syntax.Option) error {
		n, err := intIn("sid", o.Value, 1, math.MaxUint32)
		b.rule.Meta.SID = uint64(n)
		return err
	})
}
