package suricata

import (
	"math"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("isdataat", valueRequired, func(b *builder, o *syntax.Option) error {
		args := splitArgs(o.Value)
		m := &ir.IsDataAt{}
		at := args[0]
		if rest, ok := strings.CutPrefix(at, "!"); ok {
			m.Negated, at = true, strings.TrimSpace(rest)
		}
		rest := args[1:]
		if len(rest) > 0 && rest[0] == "relative" {
			m.Relative, rest = true, rest[1:]
		}
		if len(rest) > 0 && rest[0] == "rawbytes" {
			m.RawBytes, rest = true, rest[1:]
		}
		if len(rest) > 0 {
			return badValue("isdataat, want [!]N|var[,relative][,rawbytes]", o.Value)
		}
		var err error
		if m.At, err = b.num(at); err != nil {
			return err
		}
		if m.At.Var == "" {
			if err := checkRange("isdataat", m.At.Val, 0, math.MaxUint16); err != nil {
				return err
			}
		}
		m.Buffer = byteBuf(b, m.Relative)
		b.add(m)
		return nil
	})
}
