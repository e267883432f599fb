package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// l3_proto:ipv4|ip4|ipv6|ip6 limits the rule to one IP version (the field
// is 4 or 6).
func init() {
	register("l3_proto", valueRequired, func(b *builder, o *syntax.Option) error {
		v := 0
		switch strings.ToLower(strings.TrimSpace(o.Value)) {
		case "ipv4", "ip4":
			v = 4
		case "ipv6", "ip6":
			v = 6
		default:
			return badValue("l3_proto, want ipv4 or ipv6", o.Value)
		}
		b.add(&ir.Field{Name: "l3_proto", Cmp: ir.Cmp{Op: "=", A: int64(v)}})
		return nil
	})
}
