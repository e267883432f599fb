package suricata

import syntax "github.com/rulec/rulec/grammar/suricata"

// The header sticky buffers hold a packet's raw protocol header, options
// and IPv6 extension headers included; a transport header buffer needs a
// rule whose protocol can carry it.
func init() {
	for name, l4 := range map[string][]string{
		"ipv4.hdr":   nil,
		"ipv6.hdr":   nil,
		"tcp.hdr":    {"tcp"},
		"udp.hdr":    {"udp"},
		"icmpv4.hdr": {"icmp", "icmpv4"},
		"icmpv6.hdr": {"icmp", "icmpv6"},
	} {
		register(name, valueNone, func(b *builder, _ *syntax.Option) error {
			if l4 != nil {
				if err := needL4(b, name, l4...); err != nil {
					return err
				}
			}
			return b.setBuffer(name, "")
		})
	}
}
