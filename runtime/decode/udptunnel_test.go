package decode

import (
	"net/netip"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
)

func udpFrame(sport, dport uint16, payload []byte) []byte {
	return pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("192.168.56.11"), Dst: netip.MustParseAddr("192.168.56.12"),
		Proto: 17, Sport: sport, Dport: dport, Payload: payload})
}

// TestUDPTunnels: Teredo (from or to 3544), VXLAN (to 4789) and Geneve
// (from or to 6081) carry a
// packet that decodes on its own, as Suricata's default decoders take
// them; a bad header, another port or an ARP payload under Geneve carry
// none, and the outer packet keeps its payload.
func TestUDPTunnels(t *testing.T) {
	inner := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.2"), Proto: 1, IType: 8, Payload: []byte("ping")})
	innerIP := inner[ethHeaderLen:]
	vxlan := append([]byte{0x08, 0, 0, 0, 0, 0, 0x7b, 0}, inner...)
	geneveIP := append([]byte{0, 0, 0x08, 0x00, 0, 0, 0x7b, 0}, innerIP...)
	inner6 := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("2001::1"), Dst: netip.MustParseAddr("ff02::2"), Proto: 58, IType: 128, Payload: []byte("ping")})
	teredo := inner6[ethHeaderLen:]
	teredoOrigin := append([]byte{0, 0, 0x0d, 0x94, 1, 2, 3, 4}, teredo...)
	hopLimit0 := append([]byte(nil), teredo...)
	hopLimit0[7] = 0
	geneveEth := append([]byte{0x01, 0, 0x65, 0x58, 0, 0, 0x7b, 0, 0x01, 0x02, 0x03, 0x00}, inner...) // one 4-byte option
	for _, c := range []struct {
		name         string
		sport, dport uint16
		payload      []byte
		via          Via
	}{
		{"vxlan", 40000, 4789, vxlan, ViaVXLAN},
		{"vxlan from 4789", 4789, 40000, vxlan, ViaNone},
		{"vxlan without I flag", 40000, 4789, append([]byte{0, 0, 0, 0, 0, 0, 0x7b, 0}, inner...), ViaNone},
		{"vxlan with the last reserved byte set", 40000, 4789, append([]byte{0x08, 0, 0, 0, 0, 0, 0x7b, 1}, inner...), ViaNone},
		{"vxlan carrying arp", 40000, 4789, append([]byte{0x08, 0, 0, 0, 0, 0, 0x7b, 0}, append(append([]byte(nil), inner[:12]...), 0x08, 0x06)...), ViaNone},
		{"geneve ipv4", 40000, 6081, geneveIP, ViaGeneve},
		{"geneve from 6081, ethernet with an option", 6081, 40000, geneveEth, ViaGeneve},
		{"geneve option past its length", 40000, 6081, append([]byte{0x01, 0, 0x65, 0x58, 0, 0, 0x7b, 0, 0x01, 0x02, 0x03, 0x01}, inner...), ViaNone},
		{"geneve version 1", 40000, 6081, append([]byte{0x40, 0, 0x08, 0x00, 0, 0, 0x7b, 0}, innerIP...), ViaNone},
		{"geneve arp", 40000, 6081, append([]byte{0, 0, 0x08, 0x06, 0, 0, 0x7b, 0}, innerIP...), ViaNone},
		{"other port", 40000, 4790, vxlan, ViaNone},
		{"teredo", 3544, 40000, teredo, ViaTeredo},
		{"teredo with an origin indication", 40000, 3544, teredoOrigin, ViaTeredo},
		{"teredo hop limit 0", 40000, 3544, hopLimit0, ViaNone},
		{"teredo with trailing bytes", 40000, 3544, append(append([]byte(nil), teredo...), 0), ViaNone},
		{"teredo authentication", 40000, 3544, append([]byte{0, 1, 0, 0, 0, 0, 0, 0}, teredo...), ViaNone},
	} {
		var p Packet
		if err := Decode(udpFrame(c.sport, c.dport, c.payload), &p); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.Tunnel.Via != c.via || len(p.Payload) != len(c.payload) {
			t.Errorf("%s: via %d payload %d bytes, want via %d and the outer payload", c.name, p.Tunnel.Via, len(p.Payload), c.via)
			continue
		}
		if c.via == ViaNone {
			continue
		}
		var in Packet
		src := netip.MustParseAddr("10.0.0.1")
		if c.via == ViaTeredo {
			src = netip.MustParseAddr("2001::1")
		}
		if err := Decode(p.InnerFrame(), &in); err != nil || in.Src != src || in.L4 != L4ICMP || string(in.Payload) != "ping" {
			t.Errorf("%s: inner %v src %v l4 %d payload %q", c.name, err, in.Src, in.L4, in.Payload)
		}
		if want := len(teredo); c.via == ViaTeredo && p.Tunnel.Len != want {
			t.Errorf("%s: tunnel length %d, want the inner packet's %d", c.name, p.Tunnel.Len, want)
		}
		if want := len(inner); c.via == ViaVXLAN && p.Tunnel.Len != want {
			t.Errorf("%s: tunnel length %d, want the inner frame's %d", c.name, p.Tunnel.Len, want)
		}
	}
}
