package suricata

import (
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// ipv4-csum, tcpv4-csum, ... :valid|invalid (quotes allowed, any case).
func init() {
	for _, proto := range ir.ChecksumProtos {
		name := proto + "-csum"
		register(name, valueRequired, func(b *builder, o *syntax.Option) error {
			v := strings.ToLower(strings.Trim(strings.TrimSpace(o.Value), `"`))
			if v != "valid" && v != "invalid" {
				return badValue(name+", want valid or invalid", o.Value)
			}
			b.add(&ir.Checksum{Proto: proto, Valid: v == "valid"})
			return nil
		})
	}
}
