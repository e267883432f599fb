package decode

import (
	"encoding/binary"
	"slices"
	"testing"
)

// gre is a GRE header with the flags and protocol type given, and a key
// and sequence number when the flags ask for them.
func gre(flags, proto uint16) []byte {
	h := binary.BigEndian.AppendUint16(nil, flags)
	h = binary.BigEndian.AppendUint16(h, proto)
	if flags&greFlagKey != 0 {
		h = append(h, 0, 0, 0, 7)
	}
	if flags&greFlagSeq != 0 {
		h = append(h, 0, 0, 0, 9)
	}
	return h
}

func carrying(outer frame, proto uint8, inner []byte) frame {
	outer.proto, outer.payload = proto, string(inner)
	return outer
}

func TestTunnels(t *testing.T) {
	in4 := v4(6).bytes()
	in6 := v6(6).bytes()
	outer4 := frame{src: "192.0.2.1", dst: "192.0.2.2"}
	outer6 := frame{src: "2001:db8:1::1", dst: "2001:db8:1::2"}
	erspan := func(verVLAN uint16) []byte {
		tagged := v4(6)
		tagged.tpids, tagged.ids = []uint16{0x8100}, []uint16{5}
		h := append(gre(greFlagSeq, greERSPAN), byte(verVLAN>>8), byte(verVLAN), 0, 0, 0, 0, 0, 0)
		return append(h, tagged.bytes()...)
	}
	cases := []struct {
		name  string
		f     frame
		via   Via
		src   string
		vlans []uint16
	}{
		{"ipv6 in ipv6", carrying(outer6, protoIPv6, in6[ethHeaderLen:]), ViaIPv6, "2001:db8::1", nil},
		{"ipv4 in ipv6", carrying(outer6, protoIPIP, in4[ethHeaderLen:]), ViaIPv6, "10.0.0.1", nil},
		{"ipv4 in ipv4", carrying(outer4, protoIPIP, in4[ethHeaderLen:]), ViaIPv4, "10.0.0.1", nil},
		{"ipv6 in ipv4", carrying(outer4, protoIPv6, in6[ethHeaderLen:]), ViaIPv4, "2001:db8::1", nil},
		{"ipv4 in ipv6 encapsulation: wrong version", carrying(outer6, protoIPv6, in4[ethHeaderLen:]), ViaNone, "", nil},
		{"gre ipv4 with key and sequence", carrying(outer4, protoGRE, append(gre(greFlagKey|greFlagSeq, etherIPv4), in4[ethHeaderLen:]...)), ViaGRE, "10.0.0.1", nil},
		{"gre ipv6 over ipv6", carrying(outer6, protoGRE, append(gre(0, etherIPv6), in6[ethHeaderLen:]...)), ViaGRE, "2001:db8::1", nil},
		{"gre ethernet", carrying(outer4, protoGRE, append(gre(0, greTEB), in4...)), ViaGRE, "10.0.0.1", nil},
		{"gre version 1", carrying(outer4, protoGRE, append(gre(1, etherIPv4), in4[ethHeaderLen:]...)), ViaNone, "", nil},
		{"gre ppp, hdlc header", carrying(outer4, protoGRE, cat(gre(0, grePPP), []byte{0xff, 0x03, 0x00, 0x21}, in4[ethHeaderLen:])), ViaGRE, "10.0.0.1", nil},
		{"gre ppp, one-byte protocol", carrying(outer4, protoGRE, cat(gre(0, grePPP), []byte{0x21}, in4[ethHeaderLen:])), ViaGRE, "10.0.0.1", nil},
		{"gre ppp ipv6", carrying(outer4, protoGRE, cat(gre(0, grePPP), []byte{0x00, 0x57}, in6[ethHeaderLen:])), ViaGRE, "2001:db8::1", nil},
		{"gre ppp lcp", carrying(outer4, protoGRE, cat(gre(0, grePPP), []byte{0xc0, 0x21}, in4[ethHeaderLen:])), ViaNone, "", nil},
		{"pptp: gre version 1 ppp", carrying(outer4, protoGRE, cat([]byte{0x30, 0x01, 0x88, 0x0b, 0, 60, 0, 1, 0, 0, 0, 1}, []byte{0xff, 0x03, 0x00, 0x21}, in4[ethHeaderLen:])), ViaGRE, "10.0.0.1", nil},
		{"pptp: payload length 0", carrying(outer4, protoGRE, cat([]byte{0x30, 0x01, 0x88, 0x0b, 0, 0, 0, 1, 0, 0, 0, 1}, []byte{0xff, 0x03, 0x00, 0x21}, in4[ethHeaderLen:])), ViaNone, "", nil},
		{"pptp: no key", carrying(outer4, protoGRE, cat([]byte{0x10, 0x01, 0x88, 0x0b, 0, 0, 0, 1}, []byte{0xff, 0x03, 0x00, 0x21}, in4[ethHeaderLen:])), ViaNone, "", nil},
		{"gre recursion control", carrying(outer4, protoGRE, append(gre(0x0100, etherIPv4), in4[ethHeaderLen:]...)), ViaNone, "", nil},
		{"erspan type II: session vlan, then the frame's", carrying(outer4, protoGRE, erspan(0x1017)), ViaGRE, "10.0.0.1", []uint16{23, 5}},
		{"erspan type II version 2", carrying(outer4, protoGRE, erspan(0x2017)), ViaNone, "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := decoded(t, c.f)
			if p.Tunnel.Via != c.via || p.Payload != nil {
				t.Fatalf("via %d payload %q, want via %d and no payload", p.Tunnel.Via, p.Payload, c.via)
			}
			inner := p.InnerFrame()
			if c.via == ViaNone {
				if inner != nil {
					t.Fatalf("inner frame %x", inner)
				}
				return
			}
			var q Packet
			if err := Decode(inner, &q); err != nil {
				t.Fatal(err)
			}
			if q.Src.String() != c.src || q.L4 != L4TCP || q.Dport != 80 || string(q.Payload) != "GET /" || !slices.Equal(q.VLANList(), c.vlans) {
				t.Errorf("inner %v l4 %d dport %d payload %q vlans %v", q.Src, q.L4, q.Dport, q.Payload, q.VLANList())
			}
		})
	}
}

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, b := range parts {
		out = append(out, b...)
	}
	return out
}
