package kernel

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/refeval"
)

// TestDifferential runs random packets through the classifier and the
// reference evaluator of the kernel tier; they must agree on every packet
// BPF_PROG_TEST_RUN accepts.
func TestDifferential(t *testing.T) {
	tb := build(testRules)
	c := load(t, tb, Options{})
	ref := refeval.New(tb)
	r := rand.New(rand.NewPCG(1, 2))
	ports := []uint16{1, 22, 53, 80, 443, 2222, 3333, 4444, 4445, 5353, 5555, 6000, 6666, 7000, 8080, 8081, 8082, 8083, 8888, 9000}
	words := []string{"abc", "ABC", "xyz", "XyZ", "foo", "bar", "GET", "end", "mid", "evil", "zzz", longPattern, ".", "..", "0123"}
	addrs := [][2]string{{"192.0.2.1", "10.1.2.3"}, {"10.1.2.3", "10.2.0.1"}, {"2001:db8::1", "2001:db8::2"}, {"2001:db9::5", "2001:db8::2"}, {"203.0.113.5", "10.1.2.3"}}
	runs, events := 0, 0
	for range 20_000 {
		a := addrs[r.IntN(len(addrs))]
		p := packet{
			src: a[r.IntN(2)], dst: a[r.IntN(2)], ttl: uint8(1 + r.IntN(10)),
			proto: []uint8{ipTCP, ipUDP, ipICMP, ipICMPv6, 47, 4, 41, 50, 132, 89}[r.IntN(10)],
			sport: ports[r.IntN(len(ports))], dport: ports[r.IntN(len(ports))],
			flags: uint8(r.IntN(256)), icmpType: uint8(r.IntN(3)) * 64, icmpCode: uint8(r.IntN(2)),
		}
		for range r.IntN(6) {
			p.payload += words[r.IntN(len(words))]
		}
		switch r.IntN(13) {
		case 0:
			p.vlans = []uint16{0x8100, 0x88a8, 0x9100, 0x8100, 0x8100}[:1+r.IntN(5)]
		case 1:
			p.fragOffset = 5
		case 2:
			p.ipOptions, p.tcpOptions = 4, 8
		case 3:
			p.ext = []uint8{0, 60, 43, extFrag, extAH, 60, 135, 139, 140, 60}[:1+r.IntN(10)]
		case 4:
			p.more = true
		case 5:
			p.ext = []uint8{0, extFrag}
			p.more = r.IntN(2) == 0
		case 6:
			p.l4Keep = 1 + r.IntN(24)
			p.tcpOptions = 4 * r.IntN(3)
		case 7:
			p.udpDelta = r.IntN(12) - 8 - len(p.payload)
		case 8:
			p.pppoe, p.pppoeWide = []uint16{0x21, 0x57, 0x2f, 0xc021}[r.IntN(4)], r.IntN(2) == 0
		case 9:
			p.ipLenDelta = r.IntN(41) - 20
		case 10:
			p.ipOpt = make([]byte, 4*(1+r.IntN(2)))
			for i := range p.ipOpt {
				p.ipOpt[i] = []byte{0, 1, 2, 7, 0x94, byte(r.IntN(256))}[r.IntN(6)]
			}
		case 11:
			p.ihl = uint8(r.IntN(16))
		}
		frame := p.bytes()
		if r.IntN(8) == 0 {
			frame = frame[:max(15, len(frame)-1-r.IntN(30))]
		}
		got, err := c.Run(frame)
		if err != nil {
			continue // a frame the test-run interface refuses
		}
		runs++
		events += len(got.Events)
		for _, e := range got.Events {
			checkFlowID(t, e, frame)
		}
		want := ref.Run(frame)
		if g := asRef(got); got.Verdict != want.Verdict || !slices.Equal(g, want.Events) {
			t.Fatalf("%+v (frame of %d bytes):\nclassifier %d %v\n reference %d %v", p, len(frame), got.Verdict, g, want.Verdict, want.Events)
		}
	}
	t.Logf("%d packets, %d events agree", runs, events)
}

func asRef(r Result) []refeval.Event {
	var out []refeval.Event
	for _, e := range r.Events {
		ev := refeval.Event{Kind: uint8(e.Kind)}
		switch e.Kind {
		case Alert:
			ev.Rule, ev.Verdict = e.Rule, uint8(e.Action)
		case Block:
			ev.Rule = e.Rule
		case Copy:
			ev.Reason = uint8(e.Reason)
		}
		out = append(out, ev)
	}
	return out
}
