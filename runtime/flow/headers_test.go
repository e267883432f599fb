package flow

import (
	"bytes"
	"net"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

func serialize(t *testing.T, ls ...gopacket.SerializableLayer) []byte {
	t.Helper()
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true}, ls...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func eth(v6 bool) *layers.Ethernet {
	e := &layers.Ethernet{SrcMAC: net.HardwareAddr{2, 0, 0, 0, 0, 1}, DstMAC: net.HardwareAddr{2, 0, 0, 0, 0, 2}, EthernetType: layers.EthernetTypeIPv4}
	if v6 {
		e.EthernetType = layers.EthernetTypeIPv6
	}
	return e
}

func ip4(proto layers.IPProtocol, opts ...layers.IPv4Option) *layers.IPv4 {
	return &layers.IPv4{Version: 4, TTL: 64, Protocol: proto, SrcIP: net.IP{10, 0, 0, 1}, DstIP: net.IP{10, 0, 0, 2}, Options: opts}
}

func ip6(next layers.IPProtocol) *layers.IPv6 {
	return &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: next, SrcIP: net.ParseIP("2001:db8::1"), DstIP: net.ParseIP("2001:db8::2")}
}

// TestHeaderBuffers checks the bytes of each header buffer as Suricata 8
// takes them: IPv4 and TCP headers with their options, IPv6 with its
// extension headers, the ICMPv4 header with a timestamp message's
// timestamps, and no buffer for a header the packet does not carry.
func TestHeaderBuffers(t *testing.T) {
	mss := layers.TCPOption{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{0x05, 0xb4}}
	hop := &layers.IPv6HopByHop{}
	hop.NextHeader = layers.IPProtocolUDP
	hop.Options = []*layers.IPv6HopByHopOption{{OptionType: 1, OptionLength: 4, OptionData: []byte{0, 0, 0, 0}}}
	cases := []struct {
		name  string
		frame []byte
		want  map[string]int // buffer -> length; absent buffers must be absent
		first map[string]byte
	}{
		{"tcp over ipv4 with options", serialize(t, eth(false),
			ip4(layers.IPProtocolTCP, layers.IPv4Option{OptionType: 7, OptionLength: 7, OptionData: []byte{4, 0, 0, 0, 0}}, layers.IPv4Option{OptionType: 0}),
			&layers.TCP{SrcPort: 1234, DstPort: 80, SYN: true, Window: 1024, Options: []layers.TCPOption{mss}}, gopacket.Payload("data")),
			map[string]int{"ipv4.hdr": 28, "tcp.hdr": 24}, map[string]byte{"ipv4.hdr": 0x47}},
		{"udp over ipv6 with hop-by-hop", serialize(t, eth(true), ip6(layers.IPProtocolIPv6HopByHop), hop,
			&layers.UDP{SrcPort: 53, DstPort: 53}, gopacket.Payload("q")),
			map[string]int{"ipv6.hdr": 48, "udp.hdr": 8}, map[string]byte{"ipv6.hdr": 0x60}},
		{"icmpv4 timestamp", serialize(t, eth(false), ip4(layers.IPProtocolICMPv4),
			&layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(13, 0)}, gopacket.Payload(make([]byte, 12))),
			map[string]int{"ipv4.hdr": 20, "icmpv4.hdr": 20}, map[string]byte{"icmpv4.hdr": 13}},
		{"icmpv4 echo", serialize(t, eth(false), ip4(layers.IPProtocolICMPv4),
			&layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(8, 0)}, gopacket.Payload(make([]byte, 12))),
			map[string]int{"ipv4.hdr": 20, "icmpv4.hdr": 8}, nil},
		{"icmpv6 echo", serialize(t, eth(true), ip6(layers.IPProtocolICMPv6),
			&layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(128, 0)}, gopacket.Payload(make([]byte, 12))),
			map[string]int{"ipv6.hdr": 40, "icmpv6.hdr": 8}, map[string]byte{"icmpv6.hdr": 128}},
	}
	all := []string{"ipv4.hdr", "ipv6.hdr", "tcp.hdr", "udp.hdr", "icmpv4.hdr", "icmpv6.hdr"}
	for _, c := range cases {
		tr, _ := newTracker(Config{})
		p, err := tr.Frame(t0, c.frame)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, name := range all {
			b, ok := p.Header(name)
			n, want := c.want[name]
			switch {
			case ok != want:
				t.Errorf("%s: %s present %v, want %v", c.name, name, ok, want)
			case ok && len(b) != n:
				t.Errorf("%s: %s is %d bytes, want %d", c.name, name, len(b), n)
			case ok && c.first[name] != 0 && b[0] != c.first[name]:
				t.Errorf("%s: %s starts % x", c.name, name, b)
			case ok && !bytes.Contains(c.frame, b):
				t.Errorf("%s: %s is not the frame's bytes", c.name, name)
			}
		}
	}
}
