package kernel

import (
	"net/netip"
	"testing"

	"github.com/rulec/rulec/runtime/refeval"
)

// TestShare: a classifier loaded with Options.Share sees the lists of the
// one it shares with, adds to the same counters and writes to the same
// ring buffer, tagging its events with its own generation.
func TestShare(t *testing.T) {
	tb := build(testRules)
	old := load(t, tb, Options{Generation: 1})
	if err := old.AddList(BlockList, netip.MustParsePrefix("192.0.2.0/24"), ListEntry{Rule: 7}); err != nil {
		t.Fatal(err)
	}
	if err := old.AddPortBlock(ipUDP, 9000, ListEntry{Rule: 8}); err != nil {
		t.Fatal(err)
	}
	if _, err := old.Run(v4(ipTCP, 80, "").bytes()); err != nil {
		t.Fatal(err)
	}
	query := packet{src: "10.9.9.9", dst: "10.1.2.3", proto: ipUDP, sport: 5000, dport: 53}
	answer := packet{src: "10.1.2.3", dst: "10.9.9.9", proto: ipUDP, sport: 53, dport: 5000}
	if _, err := old.Run(query.bytes()); err != nil {
		t.Fatal(err)
	}
	next := load(t, tb, Options{Generation: 2, Share: old})
	// the flow map is shared: the answer completes the flow the old
	// classifier saw start
	if pf, err := next.Track(answer.bytes()); err != nil || pf != refeval.FlowTracked|refeval.FlowToClient|refeval.FlowEstablished {
		t.Errorf("flow state after the swap: %04b, %v", pf, err)
	}
	cases := []struct {
		name string
		pkt  packet
		rule uint32
	}{
		{"address block carried over", v4(ipTCP, 80, ""), 7},
		{"port block carried over", packet{src: "10.9.9.9", dst: "10.1.2.3", proto: ipUDP, sport: 1, dport: 9000}, 8},
	}
	for _, c := range cases {
		r, err := next.Run(c.pkt.bytes())
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != VerdictShot || len(r.Events) != 1 || r.Events[0].Kind != Block || r.Events[0].Rule != c.rule || r.Events[0].Gen != 2 {
			t.Errorf("%s: %+v", c.name, r)
		}
	}
	if err := next.RemovePortBlock(ipUDP, 9000); err != nil {
		t.Fatal(err)
	}
	if err := old.RemovePortBlock(ipUDP, 9000); err == nil {
		t.Error("port block removed by the new classifier is still on the old one's map")
	}
	got, err := old.Counters()
	if err != nil {
		t.Fatal(err)
	}
	if got.Packets != 4 || got.Blocked != 3 {
		t.Errorf("shared counters: %d packets, %d blocked; want 4 and 3", got.Packets, got.Blocked)
	}
}
