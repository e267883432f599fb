package flow

import (
	"errors"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestIPv4Options decodes option lists as Suricata 8's decoder records
// them: the first valid one of each kind, the walk ending at EOL. A bad
// route pointer is an event on a packet that decodes (its option is not
// recorded); a length past the options makes the packet invalid
// (Suricata's decoder drops its IP layer: an error here).
func TestIPv4Options(t *testing.T) {
	const invalidPacket = 0xffff
	rr := layers.IPv4Option{OptionType: 7, OptionLength: 7, OptionData: []byte{4, 0, 0, 0, 0}}
	badRR := layers.IPv4Option{OptionType: 7, OptionLength: 7, OptionData: []byte{5, 0, 0, 0, 0}}
	ts := layers.IPv4Option{OptionType: 0x44, OptionLength: 8, OptionData: []byte{5, 0, 0, 0, 0, 0}}
	sid := layers.IPv4Option{OptionType: 0x88, OptionLength: 4, OptionData: []byte{0, 1}}
	nop, eol := layers.IPv4Option{OptionType: 1}, layers.IPv4Option{OptionType: 0}
	cases := []struct {
		name string
		opts []layers.IPv4Option
		want uint16
	}{
		{"none", nil, 0},
		{"record route", []layers.IPv4Option{rr, eol}, inspect.OptRR | inspect.OptEOL},
		{"nop, timestamp, stream id, padding", []layers.IPv4Option{nop, ts, sid}, inspect.OptNOP | inspect.OptTS | inspect.OptSID | inspect.OptEOL},
		{"bad route pointer", []layers.IPv4Option{nop, badRR, eol}, inspect.OptNOP | inspect.OptEOL},
		{"length past the options", []layers.IPv4Option{nop, sid, eol}, invalidPacket},
		{"after eol", []layers.IPv4Option{eol, sid}, inspect.OptEOL},
		{"duplicate not checked", []layers.IPv4Option{rr, badRR, eol}, inspect.OptRR | inspect.OptEOL},
	}
	for _, c := range cases {
		frame := serialize(t, eth(false), ip4(layers.IPProtocolUDP, c.opts...), &layers.UDP{SrcPort: 1, DstPort: 2}, gopacket.Payload("x"))
		if c.name == "length past the options" {
			frame[14+20+2] = 40 // the stream id option's length
		}
		tr, _ := newTracker(DefaultConfig())
		p, err := tr.Frame(t0, frame)
		if c.want == invalidPacket {
			if !errors.Is(err, decode.ErrCorrupt) {
				t.Errorf("%s: %v, want an invalid packet", c.name, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := p.IPv4Options(); got != c.want {
			t.Errorf("%s: options %#x, want %#x", c.name, got, c.want)
		}
	}
}

// TestTCPMSSAndICMPv6MTU reads the MSS option after others and the MTU
// of a Packet Too Big message only.
func TestTCPMSSAndICMPv6MTU(t *testing.T) {
	opts := []layers.TCPOption{{OptionType: layers.TCPOptionKindNop}, {OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{7}},
		{OptionType: layers.TCPOptionKindMSS, OptionLength: 4, OptionData: []byte{0x05, 0xb4}}}
	frames := map[string][]byte{
		"mss":      serialize(t, eth(false), ip4(layers.IPProtocolTCP), &layers.TCP{SrcPort: 1, DstPort: 2, SYN: true, Options: opts}),
		"no mss":   serialize(t, eth(false), ip4(layers.IPProtocolTCP), &layers.TCP{SrcPort: 1, DstPort: 2, SYN: true, Options: opts[:2]}),
		"too big":  serialize(t, eth(true), ip6(layers.IPProtocolICMPv6), &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(2, 0)}, gopacket.Payload([]byte{0, 0, 5, 0x00, 0x60})),
		"too big1": serialize(t, eth(true), ip6(layers.IPProtocolICMPv6), &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(2, 1)}, gopacket.Payload([]byte{0, 0, 5, 0x00, 0x60})),
		"echo":     serialize(t, eth(true), ip6(layers.IPProtocolICMPv6), &layers.ICMPv6{TypeCode: layers.CreateICMPv6TypeCode(128, 0)}, gopacket.Payload([]byte{0, 0, 5, 0x00, 0x60})),
	}
	packet := func(name string) *inspect.Packet {
		tr, _ := newTracker(DefaultConfig())
		p, err := tr.Frame(t0, frames[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return p
	}
	if v, ok := packet("mss").TCPMSS(); !ok || v != 1460 {
		t.Errorf("mss %d %v, want 1460", v, ok)
	}
	if _, ok := packet("no mss").TCPMSS(); ok {
		t.Error("mss found without the option")
	}
	if v, ok := packet("too big").ICMPv6MTU(); !ok || v != 1280 {
		t.Errorf("mtu %d %v, want 1280", v, ok)
	}
	for _, n := range []string{"too big1", "echo"} {
		if _, ok := packet(n).ICMPv6MTU(); ok {
			t.Errorf("%s: mtu found", n)
		}
	}
}
