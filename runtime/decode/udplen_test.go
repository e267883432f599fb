package decode

import (
	"encoding/binary"
	"testing"
)

// TestUDPLength: Suricata's decoder reads the payload up to the UDP
// length (trailing bytes of the IP packet are not payload) and makes a
// packet whose UDP length runs past the IP packet (udp.pkt_too_small) or
// is below the header (udp.len_invalid) invalid: no ports, no payload.
func TestUDPLength(t *testing.T) {
	for _, version := range []int{4, 6} {
		for _, c := range []struct {
			ulen    uint16
			l4      Transport
			payload string
			event   Event
		}{
			{8 + 5, L4UDP, "hello", NumEvents},
			{8 + 3, L4UDP, "hel", NumEvents},
			{8, L4UDP, "", NumEvents},
			{8 + 6, L4Invalid, "", UDPPktTooSmall},
			{7, L4Invalid, "", UDPLenInvalid},
			{0, L4Invalid, "", UDPLenInvalid},
		} {
			udp := append([]byte{0x30, 0x39, 0x00, 0x35, 0, 0, 0, 0}, "hello"...)
			binary.BigEndian.PutUint16(udp[4:], c.ulen)
			var p Packet
			if err := Decode(rawIP(version, 17, udp), &p); err != nil {
				t.Fatalf("ipv%d udp length %d: %v", version, c.ulen, err)
			}
			var want Events
			if c.event != NumEvents {
				want.Set(c.event)
			}
			if p.L4 != c.l4 || string(p.Payload) != c.payload || p.Events != want {
				t.Errorf("ipv%d udp length %d: l4 %d payload %q events %v, want l4 %d payload %q events %v",
					version, c.ulen, p.L4, p.Payload, p.Events.List(), c.l4, c.payload, want.List())
			}
			if c.l4 == L4UDP && (p.Sport != 12345 || p.Dport != 53) {
				t.Errorf("ipv%d udp length %d: ports %d/%d", version, c.ulen, p.Sport, p.Dport)
			}
		}
	}
}
