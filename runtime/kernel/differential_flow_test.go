package kernel

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"github.com/rulec/rulec/codegen/object"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/refeval"
)

// flowRules use every flow predicate; "all" alerts on every packet, so
// every packet's flow bits reach an event.
const flowRules = `alert ip any any -> any any (msg:"all"; sid:100;)
alert tcp any any -> any any (msg:"est"; flow:established; sid:1;)
alert tcp any any -> any any (msg:"est-ts"; flow:established,to_server; flags:PA; sid:2;)
alert tcp any any -> any any (msg:"not-est"; flow:not_established; sid:3;)
alert tcp any any -> any any (msg:"tc"; flow:from_server; sid:4;)
alert udp any any -> any any (msg:"udp-est-tc"; flow:established,to_client; sid:5;)
alert udp any any -> any any (msg:"udp-ts"; flow:to_server; sid:6;)
alert icmp any any -> any any (msg:"icmp-est"; flow:established; sid:7;)
alert ip any any -> any any (msg:"stateless"; flow:stateless; sid:8;)
alert tcp-pkt any any -> any any (msg:"est-content"; flow:established,to_server; content:"abc"; sid:9;)
alert icmp any any -> any any (msg:"icmp-ts"; flow:to_server; sid:10;)
drop udp any any -> any 6666 (msg:"drop est"; flow:established; sid:11;)
alert dns any any -> any any (msg:"dns ts"; flow:to_server; dns.query; content:"evil"; sid:12;)
alert tcp any any -> any 80 (msg:"userspace"; flow:established; content:"abc"; pcre:"/ab/"; sid:13;)
alert udp any any -> any any (msg:"userspace udp"; pcre:"/x/"; sid:14;)
`

func flowTables(t *testing.T) *object.Object {
	t.Helper()
	rules, errs, _ := suricata.New(vars.Defaults()).File("flow.rules", []byte(flowRules))
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	o, err := object.Build(rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// flowSequence makes n frames of a few TCP, UDP, ICMP and GRE flows
// between few endpoints, so that handshakes complete, fail, restart and
// collide: flags, sequence numbers and directions are drawn from values
// that make the handshake checks both pass and fail; some frames are
// truncated, fragmented or VLAN-tagged.
func flowSequence(r *rand.Rand, n int) [][]byte {
	addrs := [][2]string{{"10.0.0.1", "10.0.0.2"}, {"2001:db8::1", "2001:db8::2"}}
	ports := []uint16{1000, 80, 53, 6666}
	isns := []uint32{100, 500, 9000}
	flags := []uint8{0x02, 0x12, 0x10, 0x18, 0x04, 0x11, 0x14, 0x03, 0x06}
	queries := [][]byte{
		{0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 4, 'e', 'v', 'i', 'l', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1},
		[]byte("abc"),
	}
	var out [][]byte
	for range n {
		a := addrs[r.IntN(len(addrs))]
		fwd := r.IntN(2) == 0
		s := pktgen.Spec{Src: netip.MustParseAddr(a[0]), Dst: netip.MustParseAddr(a[1]),
			Sport: ports[r.IntN(2)], Dport: ports[2+r.IntN(2)]}
		switch r.IntN(10) {
		case 0, 1, 2, 3, 4, 5:
			s.Proto, s.Sport, s.Dport = 6, ports[r.IntN(2)], ports[1+r.IntN(2)]
			s.TCPFlags = flags[r.IntN(len(flags))]
			if r.IntN(16) == 0 {
				s.TCPFlags = uint8(r.IntN(256))
			}
			s.Seq = isns[r.IntN(len(isns))] + uint32(r.IntN(2))
			s.Ack = isns[r.IntN(len(isns))] + uint32(r.IntN(2))
			if r.IntN(2) == 0 {
				s.Payload = []byte("abc")
			}
		case 6, 7:
			s.Proto = 17
			s.Payload = queries[r.IntN(len(queries))]
		case 8:
			s.Proto = []uint8{1, 58}[r.IntN(2)]
			s.IType = []uint8{0, 8, 3, 11, 13, 14, 128, 129, 1}[r.IntN(9)]
			if s.Proto == 1 && !s.Src.Is4() {
				s.Proto = 58
			}
			if s.Proto == 58 && s.Src.Is4() {
				s.Proto = 1
			}
		default:
			s.Proto = 47
			s.Payload = []byte{0, 0, 8, 0}
		}
		if !fwd {
			s.Src, s.Dst, s.Sport, s.Dport = s.Dst, s.Src, s.Dport, s.Sport
		}
		if r.IntN(12) == 0 {
			s.VLANs = []uint16{uint16(1 + r.IntN(2))}
		}
		frame := pktgen.Build(s)
		switch r.IntN(16) {
		case 0:
			frame = frame[:max(15, len(frame)-1-r.IntN(30))]
		case 1:
			if s.Src.Is4() && len(s.VLANs) == 0 {
				frame[14+6] |= 0x20 // more fragments
			}
		}
		out = append(out, frame)
	}
	return out
}

// TestDifferentialFlowState runs flow sequences, malformed and truncated
// frames included, through the classifier and the reference evaluator,
// with stream.midstream off and on: the verdicts, events and every
// event's flow bits must agree. Now and then a frame's flow direction (or
// whole flow) is bypassed in both.
func TestDifferentialFlowState(t *testing.T) {
	for _, mid := range []bool{false, true} {
		t.Run(map[bool]string{false: "midstream off", true: "midstream on"}[mid], func(t *testing.T) { diffFlowState(t, mid) })
	}
}

func diffFlowState(t *testing.T, midstream bool) {
	o := flowTables(t)
	c := load(t, o.Kernel, Options{Midstream: midstream})
	ref := refeval.New(o.Kernel)
	ref.SetMidstream(midstream)
	r := rand.New(rand.NewPCG(7, 14))
	runs, established := 0, 0
	for i, frame := range flowSequence(r, 20_000) {
		got, err := c.Run(frame)
		if err != nil {
			continue // a frame the test-run interface refuses: neither side sees it
		}
		want := ref.Run(frame)
		runs++
		if g := asRef(got); got.Verdict != want.Verdict || !slices.Equal(g, want.Events) {
			t.Fatalf("frame %d (%x):\nclassifier %d %v\n reference %d %v", i, frame, got.Verdict, g, want.Verdict, want.Events)
		}
		for _, ev := range got.Events {
			if refeval.FlowView(ev.Flow) != want.Flow {
				t.Fatalf("frame %d (%x): classifier flow %04b, reference %04b", i, frame, ev.Flow, want.Flow)
			}
		}
		if want.Flow&refeval.FlowEstablished != 0 {
			established++
		}
		if r.IntN(40) == 0 {
			both := r.IntN(2) == 0
			keep := []refeval.Keep{refeval.NoKeep, {Min: 0, Max: 0}, {Min: 1, Max: 3}, {Min: 0, Max: 65535}}[r.IntN(4)]
			found, err := c.Bypass(frame, both, keep)
			if err != nil {
				t.Fatal(err)
			}
			if refFound := ref.Bypass(frame, both, keep); found != refFound {
				t.Fatalf("frame %d: bypass found %v in the classifier, %v in the reference", i, found, refFound)
			}
		}
	}
	if established < runs/10 {
		t.Errorf("only %d of %d packets established: the sequences do not exercise the handshake", established, runs)
	}
	n, err := c.Counters()
	if err != nil {
		t.Fatal(err)
	}
	if n.Flows == 0 || n.FlowReused == 0 || n.FlowMidstream == 0 || n.FlowMapFull != 0 || n.Bypassed == 0 || n.BypassedBytes == 0 {
		t.Errorf("flow counters %+v", n)
	}
	t.Logf("%d packets agree, %d established; %d flows, %d reused, %d midstream; %d copies bypassed", runs, established, n.Flows, n.FlowReused, n.FlowMidstream, n.Bypassed)
}

// TestMidstreamPickup: with stream.midstream on, as Suricata's stream
// engine, a flow's first SYN/ACK is to the client (the flow turns
// around) and the client's ACK (without data: not itself) establishes it;
// a first ACK starts it established from the next packet on. Off, the first packet's sender is
// the client and neither is ever established.
func TestMidstreamPickup(t *testing.T) {
	a, b := netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.2")
	seg := func(src, dst netip.Addr, sport, dport uint16, flags uint8, seq, ack uint32) []byte {
		return pktgen.Build(pktgen.Spec{Src: src, Dst: dst, Proto: 6, Sport: sport, Dport: dport, TCPFlags: flags, Seq: seq, Ack: ack})
	}
	flows := [][]byte{
		seg(b, a, 80, 40000, 0x12, 900, 101), // SYN/ACK from the server
		seg(a, b, 40000, 80, 0x10, 101, 901), // the client's ACK
		seg(b, a, 80, 40000, 0x10, 901, 101),
		seg(a, b, 40001, 80, 0x10, 5, 6), // a first ACK
		seg(b, a, 80, 40001, 0x10, 6, 5),
	}
	const (
		ts  = refeval.FlowTracked | refeval.FlowToServer
		tc  = refeval.FlowTracked | refeval.FlowToClient
		est = refeval.FlowEstablished
	)
	for _, c := range []struct {
		midstream bool
		want      []refeval.FlowView
	}{
		{false, []refeval.FlowView{ts, tc, ts, ts, tc}},
		{true, []refeval.FlowView{tc, ts, tc | est, ts, tc | est}},
	} {
		o := flowTables(t)
		cl := load(t, o.Kernel, Options{Midstream: c.midstream})
		ref := refeval.New(o.Kernel)
		ref.SetMidstream(c.midstream)
		for i, frame := range flows {
			got := run(t, cl, frame)
			var pf refeval.FlowView
			for _, ev := range got.Events {
				pf |= refeval.FlowView(ev.Flow)
			}
			if want := ref.Run(frame); pf != c.want[i] || want.Flow != c.want[i] {
				t.Errorf("midstream %v, frame %d: classifier flow %05b, reference %05b, want %05b", c.midstream, i, pf, want.Flow, c.want[i])
			}
		}
	}
}
