package decode

import (
	"errors"
	"net/netip"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
)

// pppoeFrame puts the IP packet of frame in a PPPoE session frame whose
// PPP protocol field is proto (one or two bytes).
func pppoeFrame(frame, proto []byte) []byte {
	out := append([]byte(nil), frame[:12]...)
	out = append(out, 0x88, 0x64, 0x11, 0, 0, 0x2d, 0, 1)
	out = append(out, proto...)
	return append(out, frame[14:]...)
}

// TestPPPoESession: a PPPoE session frame's IPv4 or IPv6 packet decodes
// (one- or two-byte PPP protocol field), control protocols carry none, an
// unsupported protocol is an event and an unknown one makes the frame
// invalid, as Suricata's DecodePPPOESession.
func TestPPPoESession(t *testing.T) {
	v4 := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("10.0.0.1"), Dst: netip.MustParseAddr("10.0.0.2"), Proto: 6, Sport: 1, Dport: 80, TCPFlags: 2, Payload: []byte("x")})
	v6 := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("2001:db8::1"), Dst: netip.MustParseAddr("2001:db8::2"), Proto: 17, Sport: 1, Dport: 53, Payload: []byte("y")})
	for _, c := range []struct {
		name   string
		frame  []byte
		family uint8
		event  Event
		err    error
	}{
		{"ipv4, one-byte protocol", pppoeFrame(v4, []byte{0x21}), 4, NumEvents, nil},
		{"ipv4, two-byte protocol", pppoeFrame(v4, []byte{0, 0x21}), 4, NumEvents, nil},
		{"ipv6", pppoeFrame(v6, []byte{0, 0x57}), 6, NumEvents, nil},
		{"lcp", pppoeFrame(v4, []byte{0xc0, 0x21}), 0, NumEvents, nil},
		{"ipx", pppoeFrame(v4, []byte{0, 0x2b}), 0, PPPUnsupProto, nil},
		{"unknown protocol", pppoeFrame(v4, []byte{0x12, 0x34}), 0, PPPWrongType, ErrCorrupt},
		{"ipv4 too small", pppoeFrame(v4[:30], []byte{0x21}), 0, PPPIPv4PktTooSmall, ErrTruncated},
		{"header too small", pppoeFrame(v4, nil)[:19], 0, PPPoEPktTooSmall, ErrTruncated},
	} {
		var p Packet
		err := Decode(c.frame, &p)
		var want Events
		if c.event != NumEvents {
			want.Set(c.event)
		}
		if !errors.Is(err, c.err) || err == nil && c.err != nil || p.Family != c.family || p.Events != want {
			t.Errorf("%s: error %v family %d events %v, want %v %d %v", c.name, err, p.Family, p.Events.List(), c.err, c.family, want.List())
		}
		if c.family != 0 && (p.L4 == L4None || p.L4 == L4Invalid || len(p.Payload) != 1) {
			t.Errorf("%s: l4 %d payload %q", c.name, p.L4, p.Payload)
		}
	}
}
