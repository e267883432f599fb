package suricata

import (
	"math"

	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("gid", valueRequired, func(b *builder, o *syntax.Option) error {
		n, err := intIn("gid", o.Value, 1, math.MaxUint32)
		b.rule.Meta.GID = uint64(n)
		return err
	})
}
