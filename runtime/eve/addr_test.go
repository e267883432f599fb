package eve

import (
	"net/netip"
	"testing"
)

// TestAddrString: IPv6 addresses are written in full, as Suricata's EVE
// writes them; IPv4 ones (mapped ones too) in dotted quads.
func TestAddrString(t *testing.T) {
	for in, want := range map[string]string{
		"2001:db8:85a3::8a2e:370:7334": "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
		"::1":                          "0000:0000:0000:0000:0000:0000:0000:0001",
		"10.1.2.3":                     "10.1.2.3",
		"::ffff:10.1.2.3":              "10.1.2.3",
	} {
		if got := AddrString(netip.MustParseAddr(in)); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}
