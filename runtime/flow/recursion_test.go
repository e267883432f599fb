package flow

import (
	"net/netip"
	"testing"

	"github.com/rulec/rulec/internal/pktgen"
	"github.com/rulec/rulec/runtime/decode"
)

// TestRecursionLevelSeparatesFlows: a tunnel's inner packet (recursion
// level 1) is not in the flow of the same tuple seen outside any tunnel,
// as Suricata keys flows on the recursion level.
func TestRecursionLevelSeparatesFlows(t *testing.T) {
	tr, _ := newTracker(DefaultConfig())
	req := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("1.1.1.1"), Dst: netip.MustParseAddr("2.2.2.2"), Proto: 1, IType: 8})
	rep := pktgen.Build(pktgen.Spec{Src: netip.MustParseAddr("2.2.2.2"), Dst: netip.MustParseAddr("1.1.1.1"), Proto: 1, IType: 0})
	for i, c := range []struct {
		frame []byte
		level uint8
		flows uint64
	}{{req, 0, 1}, {rep, 1, 2}, {rep, 0, 2}, {req, 1, 2}} {
		var d decode.Packet
		err := decode.Decode(c.frame, &d)
		d.Recursion = c.level
		if _, err := tr.Decoded(nextTS(tr), &d, err); err != nil {
			t.Fatal(err)
		}
		if got := tr.Stats().Flows; got != c.flows {
			t.Errorf("packet %d (level %d): %d flows, want %d", i+1, c.level, got, c.flows)
		}
	}
}
