package engine

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/eve"
)

// deOnly reports whether u is a decoder-event-only rule, Suricata's
// SIG_TYPE_DEONLY: decode-event keywords and nothing else to match, on
// any protocol ("ip", "pkthdr"), addresses and ports. Suricata inspects a
// packet whose IP layer did not decode (an event says why) with these
// rules only.
func deOnly(u *urule) bool {
	r, h := u.r, u.r.Header
	if u.matchIdx >= 0 || u.app || u.frame || u.payload || len(u.conds) == 0 || h.Proto.L4 != "ip" || h.Proto.App != "" ||
		!h.Src.IsAny() || !h.Dst.IsAny() || !h.SrcPorts.IsAny() || !h.DstPorts.IsAny() ||
		r.Flow != (ir.Flow{}) || len(r.Bits) > 0 || len(r.Limits) > 0 {
		return false
	}
	for _, m := range u.conds {
		if ev, ok := m.(*ir.Event); !ok || ev.Layer != ir.EventDecoder {
			return false
		}
	}
	return true
}

// decoderEventsOnly inspects a frame whose IP layer did not decode with
// the decoder-event-only rules, as Suricata's decoder event rule group:
// the packet has no addresses, ports or flow, so neither have its alerts.
func (e *Engine) decoderEventsOnly(o *Outcome) {
	d := o.Decoded
	if d == nil || d.Events == 0 {
		return
	}
	for _, c := range e.deOnly {
		if !eventsHold(c.conds, d.Events) {
			continue
		}
		r := c.r
		ev := e.alertEvent(&eve.Event{Timestamp: o.TS, Detail: e.frameDetail()}, r, "userspace", e.alertAction(r.Action), r.Meta.Msg)
		e.enqueue(queued{r: r, rank: e.rank[c.idx], ev: ev})
	}
}

// eventsHold checks a decoder-event-only rule's decode-event keywords on
// a packet's events.
func eventsHold(conds []ir.Matcher, events decode.Events) bool {
	for _, m := range conds {
		ev, ok := decode.EventByName(m.(*ir.Event).Name)
		if !ok || !events.Has(ev) {
			return false
		}
	}
	return true
}
