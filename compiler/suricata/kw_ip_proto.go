package suricata

import (
	"strconv"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// ipProtoNames maps the protocol names ip_proto accepts to numbers.
var ipProtoNames = map[string]int{"icmp": 1, "igmp": 2, "tcp": 6, "udp": 17, "gre": 47, "esp": 50, "ah": 51, "ipv6-icmp": 58, "icmpv6": 58, "sctp": 132}

// l4ByNumber is the rule protocol an exact ip_proto narrows an ip rule to.
var l4ByNumber = map[int64]string{1: "icmpv4", 6: "tcp", 17: "udp", 58: "icmpv6", 132: "sctp"}

func init() {
	register("ip_proto", valueRequired, func(b *builder, o *syntax.Option) error {
		v := strings.TrimSpace(o.Value)
		op := ""
		for _, p := range []string{"!", "<", ">"} {
			if rest, ok := strings.CutPrefix(v, p); ok {
				op, v = p, strings.TrimSpace(rest)
				break
			}
		}
		if n, ok := ipProtoNames[strings.ToLower(v)]; ok {
			v = strconv.Itoa(n)
		}
		c, err := parseCmp("ip_proto", op+v, 255)
		if err != nil {
			return err
		}
		if l4, ok := l4ByNumber[c.A]; ok && c.Op == "=" && b.rule.Header.Proto.L4 == "ip" {
			b.rule.Header.Proto.L4 = l4
			return nil
		}
		b.add(&ir.Field{Name: "ip_proto", Cmp: c})
		return nil
	})
}
