package suricata

import (
	"fmt"
	"math"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("fast_pattern", valueOptional, func(b *builder, o *syntax.Option) error {
		if b.fastSeen {
			return fmt.Errorf("only one fast_pattern per rule: %w", diag.ErrConflict)
		}
		b.fastSeen = true
		return modifyContent(b, "fast_pattern", func(c *ir.Content) error {
			fp := &ir.FastPattern{}
			switch args := splitArgs(o.Value); {
			case !o.HasValue:
			case o.Value == "only":
				fp.Only = true
			case len(args) == 2:
				off, err := intIn("fast_pattern offset", args[0], 0, math.MaxUint16)
				if err != nil {
					return err
				}
				n, err := intIn("fast_pattern length", args[1], 1, math.MaxUint16)
				if err != nil {
					return err
				}
				fp.Offset, fp.Length = int(off), int(n)
			default:
				return badValue("fast_pattern, want only or offset,length", o.Value)
			}
			c.FastPattern = fp
			return nil
		})
	})
}
