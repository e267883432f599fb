package kernel

import "testing"

// TestFlowDrop: after a drop verdict the classifier drops the flow's
// later packets, both ways, without alerts or copies, and counts them;
// another flow of the same hosts is classified as before.
func TestFlowDrop(t *testing.T) {
	c := load(t, build(testRules), Options{})
	first := packet{src: "192.0.2.1", dst: "10.1.2.3", proto: ipUDP, sport: 30000, dport: 53, payload: "xxabcxx"}
	if r := run(t, c, first.bytes()); r.Verdict != VerdictShot || len(r.Events) != 1 || r.Events[0].Kind != Alert {
		t.Fatalf("drop rule: %+v", r)
	}
	later := first
	later.payload = "nothing to see"
	reply := packet{src: "10.1.2.3", dst: "192.0.2.1", proto: ipUDP, sport: 53, dport: 30000, payload: "answer"}
	for _, p := range []packet{first, later, reply} {
		if r := run(t, c, p.bytes()); r.Verdict != VerdictShot || len(r.Events) != 0 {
			t.Errorf("%+v: %+v, want dropped without events", p, r)
		}
	}
	other := first
	other.sport = 30001
	other.payload = "no match"
	if r := run(t, c, other.bytes()); r.Verdict != VerdictOK {
		t.Errorf("another flow: %+v", r)
	}
	if n := counters(t, c); n.FlowDrops != 1 || n.FlowDropped != 3 {
		t.Errorf("flow drops %d, dropped %d; want 1 and 3", n.FlowDrops, n.FlowDropped)
	}
}
