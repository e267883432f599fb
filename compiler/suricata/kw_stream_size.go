package suricata

import (
	"math"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("stream_size", valueRequired, func(b *builder, o *syntax.Option) error {
		args := splitArgs(o.Value)
		if len(args) != 3 {
			return badValue("stream_size, want server|client|both|either,op,N", o.Value)
		}
		s := &ir.StreamSize{Side: args[0], Cmp: ir.Cmp{Op: args[1]}}
		switch s.Side {
		case "server", "client", "both", "either":
		default:
			return badValue("stream_size side, want server, client, both or either", s.Side)
		}
		switch s.Cmp.Op {
		case "<", ">", "=", "!=", "<=", ">=":
		default:
			return badValue("stream_size operator", s.Cmp.Op)
		}
		var err error
		if s.Cmp.A, err = intIn("stream_size", args[2], 0, math.MaxUint32); err != nil {
			return err
		}
		b.add(s)
		return nil
	})
}
