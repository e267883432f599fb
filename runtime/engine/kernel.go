package engine

import (
	"net/netip"
	"slices"
	"time"

	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/refeval"
)

// maxKernelIPOnly bounds the kernel IP-only dedupe set; past it the set
// restarts (a repeated alert rather than a lost one).
const maxKernelIPOnly = 1 << 20

type ipOnlyKey struct {
	rule     uint32
	src, dst netip.Addr
	proto    uint8
	sp, dp   uint16
}

// kernelAlert turns a classifier alert into an EVE event; an IP-only rule
// alerts once per tuple and direction. It reports whether it alerted.
func (e *Engine) kernelAlert(ts time.Time, t refeval.Tuple, flowID uint64, ev refeval.Event) bool {
	if int(ev.Rule) >= len(e.obj.Rules) {
		e.stats.BadEvents++
		return false
	}
	r := e.obj.Rules[ev.Rule]
	if u, _ := prepare(0, r); u.ipOnly {
		k := ipOnlyKey{ev.Rule, t.Src, t.Dst, t.Proto, t.Sport, t.Dport}
		if e.kernelIP[k] {
			return false
		}
		if len(e.kernelIP) >= maxKernelIPOnly {
			clear(e.kernelIP)
		}
		e.kernelIP[k] = true
	}
	e.emit(eve.PacketEvent(ts, flowID, t.Src, t.Dst, t.Sport, t.Dport, t.Proto), r, "kernel", eve.RuleAction(r.Action), r.Meta.Msg)
	return true
}

// undecided returns the alerts of kernel rules the classifier left to
// userspace because the payload was longer than its scan depth: those of
// the unbounded evaluator that the bounded one, equal to the classifier,
// does not raise.
func (e *Engine) undecided(frame []byte) []refeval.Event {
	have := e.bounded.Run(frame).Events
	var out []refeval.Event
	for _, ev := range e.full.Run(frame).Events {
		if ev.Kind == refeval.EventAlert && !slices.Contains(have, ev) {
			out = append(out, ev)
		}
	}
	return out
}
