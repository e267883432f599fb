package suricata

import (
	"math"
	"regexp"
	"strconv"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

var tosValue = regexp.MustCompile(`^(!?)\s*(?:([0-9]{1,3})|[xX]([0-9a-fA-F]{1,2}))$`)

func init() {
	register("tos", valueRequired, func(b *builder, o *syntax.Option) error {
		parts := tosValue.FindStringSubmatch(o.Value)
		if parts == nil {
			return badValue("tos, want [!]N or [!]xHH", o.Value)
		}
		c := ir.Cmp{Op: "="}
		if parts[1] != "" {
			c.Op = "!="
		}
		if parts[3] != "" {
			c.A, _ = strconv.ParseInt(parts[3], 16, 64)
		} else {
			n, err := intIn("tos", parts[2], 0, math.MaxUint8)
			if err != nil {
				return err
			}
			c.A = n
		}
		b.add(&ir.Field{Name: "tos", Cmp: c})
		return nil
	})
}
