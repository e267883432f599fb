package suricata

import (
	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// dns.opcode, dns.rcode and dns.rrtype compare the DNS message's header
// codes and the record types of its queries (requests) or answers
// (responses).
func init() {
	for name, max := range map[string]int64{"dns.opcode": 15, "dns.rcode": 15, "dns.rrtype": 65535} {
		register(name, valueRequired, func(b *builder, o *syntax.Option) error {
			if err := b.needApp("dns"); err != nil {
				return err
			}
			c, err := parseCmp(name, o.Value, max)
			if err != nil {
				return err
			}
			b.add(&ir.Field{Name: name, Cmp: c})
			return nil
		})
	}
}
