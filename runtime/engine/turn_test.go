package engine

import (
	"math"
	"testing"

	"github.com/rulec/rulec/runtime/eve"

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

// fakePos is a worker's Positioned sequencer at a position set by the
// test, counting its waits.
type fakePos struct {
	at, past uint64
	waits    int
}

func (p *fakePos) Wait() { p.waits++ }

func (p *fakePos) At() (uint64, int) { return p.at, 0 }

func (p *fakePos) Past() uint64 { return p.past }

const limitRule = `alert tcp any any -> any 80 (msg:"lim"; content:"x"; threshold:type limit, track by_rule, count 1, seconds 60; sid:1;)
`

// TestAlertOnlyThresholdsDeferred: a worker does not wait for its turn
// on the thresholds of a rule that only alerts; its matches are decided
// in capture order once every worker is past them.
func TestAlertOnlyThresholdsDeferred(t *testing.T) {
	h := newHarness(t, limitRule, fakeKernel{}, nil)
	pos := &fakePos{}
	h.e.Sequence(pos)
	f := tcpFlow(1)
	for _, at := range []uint64{11, 13, 15} {
		pos.at = at
		h.frame(t, streamUnit(f, inspect.ToServer, "x"))
	}
	if pos.waits != 0 || h.out.Len() != 0 {
		t.Fatalf("%d waits, EVE %q before the workers are past the matches", pos.waits, h.out.String())
	}
	pos.at, pos.past = math.MaxUint64, math.MaxUint64
	if got := h.alerts(t); len(got) != 1 || got[0].PcapCnt != 1 {
		t.Errorf("alerts %+v, want the first match's only", got)
	}
	if s := h.e.DeferredStats(); s.Alerts != 1 || s.BySID[1] != 1 {
		t.Errorf("deferred alerts counted %d (sid 1: %d), want 1", s.Alerts, s.BySID[1])
	}
}

// TestThresholdsDecidedAtOnceForFlowRecords: with flow records, a match
// that would decide its flow's alerted flag takes its turn instead.
func TestThresholdsDecidedAtOnceForFlowRecords(t *testing.T) {
	h := newHarness(t, limitRule, fakeKernel{}, nil)
	h.e.opts.Records = eve.Types{"alert": true, "flow": true}
	pos := &fakePos{at: 11}
	h.e.Sequence(pos)
	h.frame(t, streamUnit(tcpFlow(1), inspect.ToServer, "x"))
	if pos.waits != 1 {
		t.Errorf("%d waits: want the match decided in its turn", pos.waits)
	}
	if got := h.alerts(t); len(got) != 1 {
		t.Errorf("alerts %+v, want one", got)
	}
}
