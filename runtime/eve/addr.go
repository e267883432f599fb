package eve

import (
	"encoding/hex"
	"net/netip"
)

// AddrString writes an address as Suricata's EVE does: IPv4 in dotted
// quads, IPv6 in full, every group of four hex digits kept
// ("2001:0db8:0000:...").
func AddrString(a netip.Addr) string {
	a = a.Unmap()
	if !a.Is6() {
		return a.String()
	}
	b := a.As16()
	out := make([]byte, 0, 39)
	for i := 0; i < 16; i += 2 {
		if i > 0 {
			out = append(out, ':')
		}
		out = hex.AppendEncode(out, b[i:i+2])
	}
	return string(out)
}
