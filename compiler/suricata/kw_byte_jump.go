package suricata

import (
	"fmt"
	"math"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("byte_jump", valueRequired, func(b *builder, o *syntax.Option) error {
		args := splitArgs(o.Value)
		if len(args) < 2 {
			return badValue("byte_jump, want bytes,offset[,options]", o.Value)
		}
		j := &ir.ByteJump{Multiplier: 1}
		a := byteArgs{kw: "byte_jump"}
		err := a.parse(args[2:], func(words []string) (bool, error) {
			key := strings.ToLower(words[0])
			if len(words) == 2 {
				var err error
				switch key {
				case "multiplier":
					j.Multiplier, err = intIn("byte_jump multiplier", words[1], 1, math.MaxUint32)
				case "post_offset":
					j.PostOffset, err = intIn("byte_jump post_offset", words[1], math.MinInt32, math.MaxInt32)
				default:
					return false, nil
				}
				return true, err
			}
			if len(words) != 1 {
				return false, nil
			}
			switch key {
			case "align":
				j.Align = true
			case "from_beginning":
				j.FromBeginning = true
			case "from_end":
				j.FromEnd = true
			default:
				return false, nil
			}
			return true, nil
		})
		if err != nil {
			return err
		}
		switch {
		case j.FromBeginning && j.FromEnd:
			return fmt.Errorf("from_beginning and from_end are exclusive: %w", diag.ErrConflict)
		case a.dce && (j.FromBeginning || j.FromEnd):
			return fmt.Errorf("dce cannot be combined with from_beginning or from_end: %w", diag.ErrConflict)
		}
		if j.Opts, err = a.finish(b, args[0], args[1]); err != nil {
			return err
		}
		j.Buffer = byteBuf(b, j.Opts.Relative)
		b.add(j)
		return nil
	})
}
