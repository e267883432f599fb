package suricata

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("flowbits", valueRequired, func(b *builder, o *syntax.Option) error {
		cmd, names, _ := strings.Cut(o.Value, ",")
		cmd, names = strings.TrimSpace(cmd), strings.TrimSpace(names)
		bit := ir.Bit{Kind: "flowbits", Cmd: cmd}
		switch cmd {
		case "noalert":
			if names != "" {
				return badValue("flowbits:noalert takes no name", o.Value)
			}
			b.rule.NoAlert = true
			return nil
		case "set", "unset", "toggle", "isset", "isnotset":
		default:
			return badValue("flowbits command", cmd)
		}
		sep := "&"
		if strings.Contains(names, "|") {
			sep, bit.Any = "|", true
		}
		if bit.Any && strings.Contains(names, "&") {
			return fmt.Errorf("flowbits mixes & and |: %w", diag.ErrBadValue)
		}
		if bit.Any && cmd != "isset" && cmd != "isnotset" {
			return fmt.Errorf("| only applies to isset and isnotset: %w", diag.ErrBadValue)
		}
		for _, n := range strings.Split(names, sep) {
			n = strings.TrimSpace(n)
			if n == "" || strings.ContainsAny(n, " \t,") {
				return badValue("flowbit name", n)
			}
			bit.Names = append(bit.Names, n)
		}
		b.rule.Bits = append(b.rule.Bits, bit)
		return nil
	})
}
