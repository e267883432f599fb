package decode

import (
	"encoding/binary"
	"testing"
)

// rawIP is an Ethernet frame around a hand-made IP header (version 4 or
// 6) carrying proto and payload, with no other header checked.
func rawIP(version int, proto uint8, payload []byte) []byte {
	f := make([]byte, 12, 64)
	if version == 4 {
		f = append(f, 0x08, 0x00, 0x45, 0, 0, 0, 0, 1, 0, 0, 64, proto, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2)
		binary.BigEndian.PutUint16(f[16:], uint16(20+len(payload)))
	} else {
		f = append(f, 0x86, 0xdd, 0x60, 0, 0, 0, 0, 0, proto, 64)
		binary.BigEndian.PutUint16(f[18:], uint16(len(payload)))
		f = append(f, make([]byte, 32)...)
	}
	return append(f, payload...)
}

// TestTransportHeadersTooSmall: Suricata's events for transport headers
// cut short, on IPv4 and on IPv6 without extension headers (where no
// extension header walk asks for its two bytes first).
func TestTransportHeadersTooSmall(t *testing.T) {
	for _, version := range []int{4, 6} {
		for _, c := range []struct {
			proto   uint8
			payload []byte
			event   Event
		}{
			{6, nil, TCPPktTooSmall},
			{17, nil, UDPHlenTooSmall},
			{17, []byte{0x81, 0x58, 0, 0x35}, UDPHlenTooSmall},
			{47, []byte{0, 0}, GREPktTooSmall},
		} {
			var p Packet
			if err := Decode(rawIP(version, c.proto, c.payload), &p); err != nil {
				t.Fatalf("ipv%d proto %d: %v", version, c.proto, err)
			}
			if !p.Events.Has(c.event) || p.L4 != L4Invalid || p.Proto != c.proto {
				t.Errorf("ipv%d proto %d %d bytes: events %v l4 %d proto %d, want %v", version, c.proto, len(c.payload), p.Events.List(), p.L4, p.Proto, c.event)
			}
		}
	}
}
