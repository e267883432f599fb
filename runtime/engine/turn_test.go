package engine

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

type countWaits struct{ n *int }

func (c countWaits) Wait() { *c.n++ }

// TestSharedStateWaitsOnlyWhenUsed: a worker waits for its turn right
// before it uses a threshold or an xbit, not when a rule using them is
// only a candidate whose other conditions fail.
func TestSharedStateWaitsOnlyWhenUsed(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any 80 (msg:"thr"; flowbits:isset,never; content:"x"; threshold:type limit, track by_src, count 9, seconds 60; sid:1;)
alert tcp any any -> any 80 (msg:"xb"; flowbits:isset,never; content:"x"; xbits:isset,seen,track ip_src; sid:2;)
alert tcp any any -> any 80 (msg:"plain"; content:"x"; sid:3;)
alert tcp any any -> any 80 (msg:"xb used"; content:"y"; xbits:isset,seen,track ip_src; sid:4;)
`, fakeKernel{}, func(u *inspect.Unit, sid uint64) bool {
		b, _ := u.Buffer("payload")
		return (sid == 4) == (string(b) == "y")
	})
	var waits int
	h.e.Sequence(countWaits{&waits})
	f := tcpFlow(1)
	h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	if waits != 0 {
		t.Errorf("%d waits on a frame whose shared-state rules fail their flowbits", waits)
	}
	h.frame(t, streamUnit(f, inspect.ToServer, "y"))
	if waits == 0 {
		t.Error("no wait before reading an xbit")
	}
	if got := h.alerts(t); len(got) != 1 || got[0].SID != 3 {
		t.Errorf("alerts %+v, want sid 3's", got)
	}
}
