package refeval

import (
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
)

const (
	syn    = 0x02
	synAck = 0x12
	ack    = 0x10
	pshAck = 0x18
	rst    = 0x04
	finAck = 0x11
)

// step is one packet of a flow sequence and what the flow map must say
// of it.
type step struct {
	name     string
	fromA    bool // from 10.0.0.1:1000, else from 10.0.0.2:80
	flags    uint8
	seq, ack uint32
	payload  string
	want     FlowView
}

const (
	ts    = FlowTracked | FlowToServer
	tc    = FlowTracked | FlowToClient
	tsEst = ts | FlowEstablished
	tcEst = tc | FlowEstablished
)

func tcpFrame(s step) []byte {
	sp := pktgen.Spec{Src: addr("10.0.0.1"), Dst: addr("10.0.0.2"), Proto: 6, Sport: 1000, Dport: 80,
		TCPFlags: s.flags, Seq: s.seq, Ack: s.ack, Payload: []byte(s.payload)}
	if !s.fromA {
		sp.Src, sp.Dst, sp.Sport, sp.Dport = sp.Dst, sp.Src, sp.Dport, sp.Sport
	}
	return pktgen.Build(sp)
}

// TestFlowStateTCP checks the flow map's TCP direction and established
// state against Suricata 8 with its default configuration (midstream
// off): established after a valid handshake, from the packet after the
// ACK completing it (or that ACK when it carries data); never for a
// session picked up without a SYN; a pure SYN restarts a handshake-less
// or closed flow.
func TestFlowStateTCP(t *testing.T) {
	handshake := []step{
		{"SYN", true, syn, 100, 0, "", ts},
		{"SYN/ACK", false, synAck, 500, 101, "", tc},
		{"ACK", true, ack, 101, 501, "", ts},
	}
	cases := map[string][]step{
		"handshake": append(append([]step(nil), handshake...),
			step{"data", true, pshAck, 101, 501, "GET", tsEst},
			step{"reply", false, pshAck, 501, 104, "200", tcEst}),
		"ACK completing the handshake with data": {
			handshake[0], handshake[1],
			{"ACK+data", true, pshAck, 101, 501, "GET", tsEst},
		},
		"SYN/ACK acking the wrong seq": {
			handshake[0],
			{"SYN/ACK", false, synAck, 500, 999, "", tc},
			{"ACK", true, ack, 101, 501, "", ts},
			{"data", true, pshAck, 101, 501, "x", ts},
		},
		"ACK with the wrong ack": {
			handshake[0], handshake[1],
			{"ACK", true, ack, 101, 777, "", ts},
			{"data, wrong ack", true, pshAck, 101, 778, "x", ts},
			{"data completing it", true, pshAck, 101, 501, "x", tsEst},
		},
		"ACK from the server side": {
			handshake[0], handshake[1],
			{"ACK", false, ack, 101, 501, "", tc},
			{"reply", false, pshAck, 501, 101, "x", tc},
		},
		"midstream: never established": {
			{"data", true, pshAck, 5, 9, "GET", ts},
			{"reply", false, pshAck, 9, 8, "200", tc},
			{"data", true, pshAck, 8, 12, "x", ts},
		},
		"SYN/ACK first: its sender is the client": {
			{"SYN/ACK", false, synAck, 500, 101, "", ts},
			{"ACK", true, ack, 101, 501, "", tc},
			{"data", true, pshAck, 101, 501, "x", tc},
		},
		"pure SYN restarts a handshake-less flow": {
			{"data", false, pshAck, 9, 8, "x", ts},
			{"SYN", true, syn, 100, 0, "", ts},
			{"SYN/ACK", false, synAck, 500, 101, "", tc},
			{"ACK", true, ack, 101, 501, "", ts},
			{"data", true, pshAck, 101, 501, "x", tsEst},
		},
		"retransmitted SYN keeps the flow": {
			handshake[0],
			{"SYN again", true, syn, 100, 0, "", ts},
			handshake[1], handshake[2],
			{"data", true, pshAck, 101, 501, "x", tsEst},
		},
		"reset then a new SYN": append(append([]step(nil), handshake...),
			step{"data", true, pshAck, 101, 501, "x", tsEst},
			step{"RST", false, rst, 501, 0, "", tcEst},
			step{"after RST", true, ack, 102, 501, "", tsEst},
			step{"new SYN", true, syn, 9000, 0, "", ts},
			step{"SYN/ACK", false, synAck, 7000, 9001, "", tc}),
		"FIN both ways then a new SYN": append(append([]step(nil), handshake...),
			step{"FIN", true, finAck, 101, 501, "", tsEst},
			step{"FIN back", false, finAck, 501, 102, "", tcEst},
			step{"SYN with the old ISN", true, syn, 100, 0, "", tsEst},
			step{"new SYN", true, syn, 3000, 0, "", ts}),
		"SYN in an established flow is not a restart": append(append([]step(nil), handshake...),
			step{"SYN", true, syn, 4000, 0, "", tsEst}),
	}
	tb := compileTables(t, testRules)
	for name, steps := range cases {
		e := New(tb)
		for _, s := range steps {
			if got := e.Run(tcpFrame(s)).Flow; got != s.want {
				t.Errorf("%s: %s: flow %04b, want %04b", name, s.name, got, s.want)
			}
		}
	}
}

// TestFlowStateOther: UDP and ICMP flows are established once packets
// went both ways, the answering packet included; ICMPv4 errors and other
// protocols have no flow state.
func TestFlowStateOther(t *testing.T) {
	a, b := addr("192.0.2.1"), addr("192.0.2.9")
	udp := func(fwd bool) []byte {
		s := pktgen.Spec{Src: a, Dst: b, Proto: 17, Sport: 5353, Dport: 53}
		if !fwd {
			s.Src, s.Dst, s.Sport, s.Dport = b, a, 53, 5353
		}
		return pktgen.Build(s)
	}
	icmp := func(src, dst, typ uint8) []byte {
		s := pktgen.Spec{Src: a, Dst: b, Proto: 1, IType: typ}
		if src == 1 {
			s.Src, s.Dst = b, a
		}
		return pktgen.Build(s)
	}
	cases := []struct {
		name  string
		frame []byte
		want  FlowView
	}{
		{"UDP query", udp(true), ts},
		{"UDP answer", udp(false), tcEst},
		{"UDP again", udp(true), tsEst},
		{"echo request", icmp(0, 1, 8), ts},
		{"echo reply", icmp(1, 0, 0), tcEst},
		{"unreachable", icmp(1, 0, 3), 0},
		{"time exceeded", icmp(1, 0, 11), 0},
		{"GRE", pktgen.Build(pktgen.Spec{Src: a, Dst: b, Proto: 47, Payload: []byte{0, 0, 8, 0}}), 0},
	}
	e := New(compileTables(t, testRules))
	for _, c := range cases {
		if got := e.Run(c.frame).Flow; got != c.want {
			t.Errorf("%s: flow %04b, want %04b", c.name, got, c.want)
		}
	}
}

// TestFlowTableBound: past its bound the table forgets the least recently
// used flow, whose next packet starts a new flow.
func TestFlowTableBound(t *testing.T) {
	ft := newFlowTable(2)
	frame := func(sport uint16, fwd bool) []byte {
		s := pktgen.Spec{Src: addr("10.1.0.1"), Dst: addr("10.1.0.2"), Proto: 17, Sport: sport, Dport: 53}
		if !fwd {
			s.Src, s.Dst, s.Sport, s.Dport = s.Dst, s.Src, s.Dport, s.Sport
		}
		return pktgen.Build(s)
	}
	for _, p := range []uint16{1, 2} {
		Track(frame(p, true), ft, false)
	}
	Track(frame(1, true), ft, false) // 1 is now the most recent
	Track(frame(3, true), ft, false) // evicts 2
	if got := Track(frame(1, false), ft, false); got != tcEst {
		t.Errorf("flow 1 answer: %04b, want %04b", got, tcEst)
	}
	if got := Track(frame(2, false), ft, false); got != ts {
		t.Errorf("evicted flow 2 answer: %04b, want a new flow %04b", got, ts)
	}
	if len(ft.flows) != 2 {
		t.Errorf("%d flows, bound 2", len(ft.flows))
	}
}

// TestBypass: a bypassed direction is no longer copied for userspace
// rules (kernel rules still alert) but for the payload lengths kept, the
// other direction still is, and a new flow on the tuple starts
// unbypassed.
func TestBypass(t *testing.T) {
	e := New(compileTables(t, `alert tcp any any -> any any (msg:"user"; pcre:"/x/"; sid:1;)
alert tcp any any -> any any (msg:"kernel"; flow:established,to_server; sid:2;)
`))
	copied := func(r Result) bool {
		for _, ev := range r.Events {
			if ev.Kind == EventCopy && ev.Reason&CopyUserspace != 0 {
				return true
			}
		}
		return false
	}
	alerted := func(r Result) bool { return len(r.Events) > 0 && r.Events[0].Kind == EventAlert }
	for _, s := range []step{{"SYN", true, syn, 100, 0, "", ts}, {"SYN/ACK", false, synAck, 500, 101, "", tc}, {"ACK", true, ack, 101, 501, "", ts}} {
		e.Run(tcpFrame(s))
	}
	data := tcpFrame(step{"data", true, pshAck, 101, 501, "GET", tsEst})
	reply := tcpFrame(step{"reply", false, pshAck, 501, 104, "200", tcEst})
	if r := e.Run(data); !copied(r) || !alerted(r) {
		t.Fatalf("before bypass: %+v", r)
	}
	if !e.Bypass(data, false, NoKeep) {
		t.Fatal("flow not found")
	}
	if r := e.Run(data); copied(r) || !alerted(r) || r.Flow&FlowBypassed == 0 {
		t.Errorf("bypassed direction: %+v", r)
	}
	if r := e.Run(reply); !copied(r) || r.Flow&FlowBypassed != 0 {
		t.Errorf("other direction: %+v", r)
	}
	e.Bypass(reply, true, Keep{Min: 1, Max: 2})
	if r := e.Run(reply); copied(r) {
		t.Errorf("both bypassed, reply: %+v", r)
	}
	// the payload lengths kept are still copied (a userspace packet rule
	// with dsize may match them)
	if r := e.Run(tcpFrame(step{"short reply", false, pshAck, 504, 104, "ok", tcEst})); !copied(r) || r.Flow&FlowBypassed != 0 {
		t.Errorf("kept length: %+v", r)
	}
	e.Run(tcpFrame(step{"RST", true, rst, 104, 0, "", tsEst}))
	if r := e.Run(tcpFrame(step{"new SYN", true, syn, 7000, 0, "", ts})); !copied(r) || r.Flow != ts {
		t.Errorf("new flow after reuse: %+v", r)
	}
	if !e.Bypass(tcpFrame(step{"new SYN", true, syn, 7000, 0, "", ts}), true, NoKeep) {
		t.Error("bypass of the new flow not found")
	}
}
