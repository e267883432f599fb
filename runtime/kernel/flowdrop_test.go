package kernel

import (
	"testing"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/refeval"
)

// TestFlowDropScope: a drop acts on what its rule's kind says, as in
// Suricata: a packet rule's drop (UDP content) drops the packet alone; a
// drop or reject of flow scope (IP-only and app-layer rules) marks the
// flow, whose later packets, both ways, are dropped without alerts or
// copies. The reference evaluator agrees on every packet.
func TestFlowDropScope(t *testing.T) {
	rules := []rule{
		{Slot: slot(1, kernelgen.ActDrop), protos: udp, dports: port(53), items: []itemRef{content("abc")}},
		{Slot: with(slot(2, kernelgen.ActDrop), func(s *kernelgen.Slot) { s.DropScope = kernelgen.DropFlow }),
			protos: udp, dports: port(54), items: []itemRef{content("abc")}},
		{Slot: with(slot(3, kernelgen.ActReject), func(s *kernelgen.Slot) { s.DropScope = kernelgen.DropFlow }),
			protos: tcp, dports: port(80)},
	}
	tb := build(rules)
	c := load(t, tb, Options{})
	ref := refeval.New(tb)
	udpTo := func(sport, dport uint16, payload string) packet {
		return packet{src: "192.0.2.1", dst: "10.1.2.3", proto: ipUDP, sport: sport, dport: dport, payload: payload}
	}
	reply := func(p packet) packet {
		p.src, p.dst, p.sport, p.dport, p.payload = p.dst, p.src, p.dport, p.sport, "answer"
		return p
	}
	tcpTo := func(sport uint16, flags uint8, seq uint32, payload string) packet {
		return packet{src: "192.0.2.1", dst: "10.1.2.3", proto: ipTCP, sport: sport, dport: 80, flags: flags, seq: seq, payload: payload}
	}
	type step struct {
		p      packet
		shot   bool
		events int
	}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"packet scope", []step{{udpTo(30000, 53, "xxabcxx"), true, 1}, {udpTo(30000, 53, "nothing"), false, 0},
			{reply(udpTo(30000, 53, "")), false, 0}, {udpTo(30000, 53, "abc"), true, 1}}},
		{"flow scope", []step{{udpTo(30001, 54, "xxabcxx"), true, 1}, {udpTo(30001, 54, "nothing"), true, 0},
			{reply(udpTo(30001, 54, "")), true, 0}}},
		{"flow scope, reject", []step{{tcpTo(30002, flagSYN, 100, ""), true, 1},
			{reply(tcpTo(30002, flagSYN|flagACK, 500, "")), true, 0}}},
	} {
		for i, s := range tc.steps {
			frame := s.p.bytes()
			got := run(t, c, frame)
			want := ref.Run(frame)
			if (got.Verdict == VerdictShot) != s.shot || len(got.Events) != s.events {
				t.Errorf("%s, packet %d: verdict %d, %d events; want shot %v, %d events", tc.name, i, got.Verdict, len(got.Events), s.shot, s.events)
			}
			if (want.Verdict == refeval.ActShot) != s.shot || len(want.Events) != s.events {
				t.Errorf("%s, packet %d: reference verdict %d, %d events; want shot %v, %d events", tc.name, i, want.Verdict, len(want.Events), s.shot, s.events)
			}
		}
	}
	if n := counters(t, c); n.FlowDrops != 2 || n.FlowDropped != 3 {
		t.Errorf("flow drops %d, dropped %d; want 2 and 3", n.FlowDrops, n.FlowDropped)
	}
}
