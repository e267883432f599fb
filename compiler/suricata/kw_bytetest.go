package suricata

import (
	"math"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("byte_test", valueRequired, func(b *builder, o *syntax.Option) error {
		args := splitArgs(o.Value)
		if len(args) < 4 {
			return badValue("byte_test, want bytes,[!]op,value,offset[,options]", o.Value)
		}
		t := &ir.ByteTest{Op: args[1]}
		if rest, ok := strings.CutPrefix(t.Op, "!"); ok {
			t.Negated, t.Op = true, strings.TrimSpace(rest)
			if t.Op == "" {
				t.Op = "="
			}
		}
		switch t.Op {
		case "=", "<", ">", "<=", ">=", "&", "^":
		default:
			return badValue("byte_test operator", args[1])
		}
		a := byteArgs{kw: "byte_test"}
		if err := a.parse(args[4:], nil); err != nil {
			return err
		}
		var err error
		if t.Opts, err = a.finish(b, args[0], args[3]); err != nil {
			return err
		}
		if t.Value, err = byteNum(b, "byte_test value", args[2], 0, math.MaxInt64); err != nil {
			return err
		}
		t.Buffer = byteBuf(b, t.Opts.Relative)
		b.add(t)
		return nil
	})
}
