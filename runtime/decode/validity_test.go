package decode

import (
	"errors"
	"testing"
)

// TestProtocolMismatches: Suricata decodes neither ICMPv6 in IPv4 (an IP
// packet without a transport header) nor ICMPv4 in IPv6 (no protocol at
// all right after the IPv6 header or hop-by-hop options: an invalid
// packet; after another extension header, that header's protocol); data
// after "no next header" right after the IPv6 header leaves the packet
// without a protocol too.
func TestProtocolMismatches(t *testing.T) {
	icmp := []byte{8, 0, 0, 0, 0, 1, 0, 1, 'a', 'b'}
	dstOpts := append([]byte{1, 0, 1, 4, 0, 0, 0, 0}, icmp...)
	hopByHop := append([]byte{1, 0, 1, 4, 0, 0, 0, 0}, icmp...)
	withNext := func(f []byte, nh uint8) []byte { f[14+6] = nh; return f }
	for _, c := range []struct {
		name    string
		frame   []byte
		invalid bool // an error: decoder-event rules only
		proto   uint8
		event   Event
	}{
		{"icmpv6 in ipv4", rawIP(4, 58, icmp), false, 58, IPv4WithICMPv6},
		{"icmpv4 in ipv6", rawIP(6, 1, icmp), true, 0, IPv6WithICMPv4},
		{"icmpv4 after destination options", withNext(rawIP(6, 1, dstOpts), nhDstOpts), false, nhDstOpts, IPv6WithICMPv4},
		{"icmpv4 after hop-by-hop options", withNext(rawIP(6, 1, hopByHop), nhHopByHop), true, 0, IPv6WithICMPv4},
		{"data after no next header", rawIP(6, nhNone, []byte("x")), true, 0, IPv6DataAfterNoneHeader},
		{"data after no next header after destination options", withNext(rawIP(6, nhNone, append([]byte{nhNone, 0, 1, 4, 0, 0, 0, 0}, 'x')), nhDstOpts), false, nhNone, IPv6DataAfterNoneHeader},
	} {
		var p Packet
		err := Decode(c.frame, &p)
		if c.invalid != (err != nil) || c.invalid && !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: error %v, want invalid %v", c.name, err, c.invalid)
		}
		if !p.Events.Has(c.event) {
			t.Errorf("%s: events %v, want %v", c.name, p.Events.List(), c.event)
		}
		if c.invalid {
			continue
		}
		if p.Proto != c.proto || p.IType != 0 || len(p.Payload) > 1 {
			t.Errorf("%s: proto %d type %d payload %q, want proto %d without an icmp header", c.name, p.Proto, p.IType, p.Payload, c.proto)
		}
	}
}

// TestTCPHeaderLength: a header length past the segment is Suricata's
// tcp.hlen_too_small, one below 20 bytes its tcp.invalid_optlen (the
// option length wraps).
func TestTCPHeaderLength(t *testing.T) {
	seg := func(doff byte, n int) []byte {
		b := make([]byte, n)
		b[12] = doff << 4
		return b
	}
	for _, c := range []struct {
		name  string
		seg   []byte
		event Event
	}{
		{"header length 24 in 20 bytes", seg(6, 20), TCPHlenTooSmall},
		{"header length 16", seg(4, 24), TCPInvalidOptlen},
		{"header length 0", seg(0, 20), TCPInvalidOptlen},
	} {
		var p Packet
		if err := Decode(rawIP(4, 6, c.seg), &p); err != nil {
			t.Fatal(err)
		}
		if p.L4 != L4Invalid || !p.Events.Has(c.event) {
			t.Errorf("%s: l4 %d events %v, want invalid with %v", c.name, p.L4, p.Events.List(), c.event)
		}
	}
}

// TestICMPPayload: the payload Suricata gives ICMP messages. ICMPv4:
// after the timestamps of a timestamp request or reply and the addresses
// of a router advertisement. ICMPv6: after 8 bytes for errors and echo
// with a known code, else from byte 4 to 8 bytes short of the end.
func TestICMPPayload(t *testing.T) {
	msg := func(typ, code byte, rest ...byte) []byte {
		return append([]byte{typ, code, 0, 0, 2, 1, 0, 0}, rest...)
	}
	data := []byte("0123456789abcdefghij")
	for _, c := range []struct {
		name    string
		version int
		msg     []byte
		payload string
	}{
		{"echo", 4, msg(8, 0, data...), string(data)},
		{"timestamp", 4, msg(13, 0, data...), "cdefghij"},
		{"timestamp reply, cut", 4, msg(14, 0, data[:10]...), "0123456789"},
		{"router advertisement of two addresses of one word", 4, msg(9, 0, data...), "89abcdefghij"},
		{"router advertisement past the message", 4, msg(9, 0, data[:6]...), "012345"},
		{"icmpv6 echo request", 6, msg(128, 0, data...), string(data)},
		{"icmpv6 echo request with a code", 6, msg(128, 1, data...), "\x02\x01\x00\x00" + string(data[:12])},
		{"icmpv6 unreachable", 6, msg(1, 4, data...), string(data)},
		{"icmpv6 neighbor solicitation", 6, msg(135, 0, data...), "\x02\x01\x00\x00" + string(data[:12])},
		{"icmpv6 neighbor solicitation of 10 bytes", 6, msg(135, 0, 'x', 'y'), ""},
	} {
		proto := uint8(1)
		if c.version == 6 {
			proto = 58
		}
		var p Packet
		if err := Decode(rawIP(c.version, proto, c.msg), &p); err != nil {
			t.Fatal(err)
		}
		if p.L4 != L4ICMP || string(p.Payload) != c.payload {
			t.Errorf("%s: l4 %d payload %q, want %q", c.name, p.L4, p.Payload, c.payload)
		}
	}
}

// TestOtherPayloads: Suricata's payload of ESP and SCTP starts after
// their 8- and 12-byte headers (a shorter one makes the transport
// invalid); the protocols it does not decode have none.
func TestOtherPayloads(t *testing.T) {
	for _, c := range []struct {
		proto   uint8
		data    string
		payload string
		invalid bool
	}{
		{protoESP, "12345678GET", "GET", false},
		{protoESP, "1234567", "", true},
		{protoSCTP, "123456789012GET", "GET", false},
		{protoSCTP, "12345678901", "", true},
		{89, "GET", "", false},
	} {
		var p Packet
		if err := Decode(rawIP(4, c.proto, []byte(c.data)), &p); err != nil {
			t.Fatal(err)
		}
		if string(p.Payload) != c.payload || (p.L4 == L4Invalid) != c.invalid {
			t.Errorf("proto %d %q: payload %q l4 %d, want %q invalid %v", c.proto, c.data, p.Payload, p.L4, c.payload, c.invalid)
		}
	}
}
