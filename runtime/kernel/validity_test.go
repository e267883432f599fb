package kernel

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/refeval"
)

// validityRules: an IP rule that matches every IP packet, a TCP rule on
// any port, rules needing ports, an ICMP type or payload.
var validityRules = []rule{
	{Slot: slot(1, kernelgen.ActAlert)},
	{Slot: slot(2, kernelgen.ActAlert), protos: tcp},
	{Slot: slot(3, kernelgen.ActAlert), protos: udp, dports: port(53)},
	{Slot: with(slot(4, kernelgen.ActAlert), func(s *kernelgen.Slot) { s.IType = kernelgen.Cmp{Op: kernelgen.CmpEq, A: 8} }), protos: []uint8{ipICMP}},
	{Slot: with(slot(5, kernelgen.ActAlert), func(s *kernelgen.Slot) { s.IType = kernelgen.Cmp{Op: kernelgen.CmpEq, A: 128} }), protos: []uint8{ipICMPv6}},
	{Slot: slot(6, kernelgen.ActAlert), items: []itemRef{content("ab")}},
	{Slot: slot(7, kernelgen.ActAlert), protos: tcp, dports: port(80)},
}

// mutate breaks a valid frame the ways Suricata's decoders check:
// truncation, IP length, IPv4 header length and options, transport
// header length, UDP length, protocol numbers, any header byte.
func mutate(r *rand.Rand, p packet) []byte {
	switch r.IntN(8) {
	case 0:
		p.ipLenDelta = r.IntN(61) - 30
	case 1:
		p.ipOpt = make([]byte, 4*(1+r.IntN(3)))
		for i := range p.ipOpt {
			p.ipOpt[i] = []byte{0, 1, 2, 3, 7, 0x44, 0x82, 0x94, byte(r.IntN(256))}[r.IntN(9)]
		}
	case 2:
		p.ihl = uint8(r.IntN(16))
	case 3:
		p.l4Keep = 1 + r.IntN(30)
		p.tcpOptions = 4 * r.IntN(4)
	case 4:
		p.udpDelta = r.IntN(24) - 12
	case 5:
		p.proto = []uint8{ipTCP, ipUDP, ipICMP, ipICMPv6, 59, 50, 132, 89}[r.IntN(8)]
	case 6:
		p.ext = []uint8{0, 60, 43, extAH, 135}[:r.IntN(6)]
	}
	frame := p.bytes()
	switch r.IntN(4) {
	case 0:
		frame = frame[:max(ethHeaderLen, len(frame)-1-r.IntN(40))]
	case 1:
		i := ethHeaderLen + r.IntN(min(80, len(frame)-ethHeaderLen))
		frame[i] = byte(r.IntN(256))
	}
	return frame
}

// TestValidityAgrees runs mutated frames through the classifier
// (BPF_PROG_TEST_RUN), the reference evaluator and the userspace decoder.
// The classifier and the evaluator agree on every frame. A frame the
// decoder refuses (Suricata's decoders do: only its decoder-event rules
// see it) matches no rule and goes up for its decoder events; one whose
// transport header does not decode matches IP-level rules only (no
// ports, ICMP type or payload) and goes up; a valid one within the
// parser's bounds matches the IP rule and does not go up for decoding.
func TestValidityAgrees(t *testing.T) {
	tb := build(validityRules)
	c := load(t, tb, Options{})
	ref := refeval.New(tb)
	r := rand.New(rand.NewPCG(11, 13))
	addrs := [][2]string{{"192.0.2.1", "10.1.2.3"}, {"2001:db8::1", "2001:db8::2"}}
	var runs, invalid, l4Invalid, valid int
	for range 20_000 {
		a := addrs[r.IntN(2)]
		p := packet{src: a[0], dst: a[1], proto: []uint8{ipTCP, ipUDP, ipICMP, ipICMPv6}[r.IntN(4)],
			sport: 1024, dport: []uint16{53, 80}[r.IntN(2)], flags: flagACK,
			icmpType: []uint8{8, 128, 13, 135}[r.IntN(4)], payload: []string{"", "ab", "xxab", "0123456789abcdefab"}[r.IntN(4)]}
		if r.IntN(4) == 0 {
			p.vlans = []uint16{0x8100}
		}
		frame := mutate(r, p)
		got, err := c.Run(frame)
		if errors.Is(err, ErrFrameSize) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		runs++
		want := ref.Run(frame)
		if g := asRef(got); got.Verdict != want.Verdict || !slices.Equal(g, want.Events) {
			t.Fatalf("%+v (frame %x):\nclassifier %d %v\n reference %d %v", p, frame, got.Verdict, g, want.Verdict, want.Events)
		}
		var alerts []uint32
		var reason CopyReason
		for _, e := range got.Events {
			switch e.Kind {
			case Alert:
				alerts = append(alerts, e.Rule)
			case Copy:
				reason |= e.Reason
			}
		}
		var d decode.Packet
		derr := decode.Decode(frame, &d)
		switch {
		case derr != nil:
			invalid++
			if len(alerts) > 0 || reason&CopyDecode == 0 {
				t.Fatalf("frame %x the decoder refuses (%v, events %v): alerts %v, copy reason %d", frame, derr, d.Events.List(), alerts, reason)
			}
		case d.L4 == decode.L4Invalid:
			l4Invalid++
			for _, a := range alerts {
				if a != 1 && !(a == 2 && d.Proto == ipTCP) {
					t.Fatalf("frame %x with a malformed transport header (events %v): rule %d matched", frame, d.Events.List(), a)
				}
			}
			// a tunnel's header is checked by the decoder
			if reason&(CopyDecode|CopyTunnel) == 0 {
				t.Fatalf("frame %x with a malformed transport header (events %v) does not go up", frame, d.Events.List())
			}
		case d.Family != 0 && d.ExtHdrs <= 8:
			valid++
			if !slices.Contains(alerts, 1) || reason&CopyDecode != 0 {
				t.Fatalf("valid frame %x (events %v): alerts %v, copy reason %d", frame, d.Events.List(), alerts, reason)
			}
		}
	}
	t.Logf("%d frames: %d invalid, %d with a malformed transport header, %d valid", runs, invalid, l4Invalid, valid)
	if invalid < 1000 || l4Invalid < 500 || valid < 1000 {
		t.Fatalf("mutations cover too little: %d invalid, %d malformed transport, %d valid", invalid, l4Invalid, valid)
	}
}
