package engine

import (
	"testing"

	"github.com/rulec/rulec/runtime/refeval"
)

// Deciding a frame does not move its outcome to the heap: Decide keeps
// it in the engine, one slot per nesting level.
func TestDecideKeepsOutcomeOffHeap(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any any (msg:"m"; content:"x"; sid:1;)`, fakeKernel{}, nil)
	h.tracker.script = append(h.tracker.script, nil)
	frame := []byte{
		0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0x08, 0x00, // Ethernet: the script's frame 0
		0x45, 0, 0, 40, 0, 1, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
		0x30, 0x39, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0,
	}
	o := Outcome{TS: h.ts, Frame: frame, Result: refeval.Result{Events: []refeval.Event{{Kind: refeval.EventCopy}}}}
	allocs := testing.AllocsPerRun(50, func() {
		if err := h.e.Decide(o); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Decide made %v allocations per frame, want 0", allocs)
	}
	if h.e.outDepth != 0 || h.e.cur != nil {
		t.Errorf("after Decide: depth %d, current outcome %v", h.e.outDepth, h.e.cur)
	}
}
