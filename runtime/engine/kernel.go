package engine

import (
	"net/netip"
	"slices"
	"time"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
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

// kernelAlert queues a classifier alert for the packet's end; an IP-only
// rule alerts once per tuple and direction; a suppress (checked first, as
// Suricata does) or its thresholds may stop the alert.
func (e *Engine) kernelAlert(ts time.Time, t refeval.Tuple, flowID uint64, ev refeval.Event) {
	if int(ev.Rule) >= len(e.obj.Rules) {
		e.stats.BadEvents++
		return
	}
	r := e.obj.Rules[ev.Rule]
	u, _ := prepare(0, r)
	if u.ipOnly {
		k := ipOnlyKey{ev.Rule, t.Src, t.Dst, t.Proto, t.Sport, t.Dport}
		if e.kernelIP[k] {
			return
		}
		if len(e.kernelIP) >= maxKernelIPOnly {
			clear(e.kernelIP)
		}
		e.kernelIP[k] = true
	}
	ev2 := eve.PacketEvent(ts, flowID, t.Src, t.Dst, t.Sport, t.Dport, t.Proto)
	ev2.Detail = e.frameDetail()
	if o := e.cur; o != nil && o.Decoded != nil && o.DecodeErr == nil && o.Tuple == t {
		d := o.Decoded
		if d.NVLANs > 0 {
			ev2.VLAN = slices.Clone(d.VLANList())
		}
		ev2.ICMP = eve.PacketICMP(d.Proto, d.L4 == decode.L4ICMP, d.IType, d.ICode)
	}
	quiet := e.suppressed(r, t.Src, t.Dst)
	if !quiet && !e.kernelLimits(int(ev.Rule), r, t.Src, t.Dst, flowID, ts) {
		return
	}
	e.alertEvent(ev2, r, "kernel", e.alertAction(r.Action), r.Meta.Msg)
	e.enqueue(queued{r: r, rank: e.rank[ev.Rule], ev: ev2, quiet: quiet, onFlow: actsOnFlow(r, inspect.KindPacket), guess: !u.ipOnly && !e.wantsDetail(ev)})
}

// undecided returns the alerts of kernel rules the classifier left to
// userspace because the payload was longer than its scan depth: those of
// the unbounded evaluator that the bounded one, equal to the classifier,
// does not raise, both with the flow state the classifier gave the
// packet.
func (e *Engine) undecided(frame []byte, pf refeval.FlowView) []refeval.Event {
	have := e.bounded.RunFlow(frame, pf).Events
	var out []refeval.Event
	for _, ev := range e.full.RunFlow(frame, pf).Events {
		if ev.Kind == refeval.EventAlert && !slices.Contains(have, ev) {
			out = append(out, ev)
		}
	}
	return out
}

// pendingAlert is a kernel alert of a dns.query or tls.sni rule waiting
// for the copy of its packet, so that it carries the EVE detail
// (direction, app_proto, dns or tls) of the unit the tracker makes of it.
type pendingAlert struct {
	ts     time.Time
	tuple  refeval.Tuple
	flowID uint64
	ev     refeval.Event
}

// wantsDetail reports whether a kernel alert waits for its packet's copy.
func (e *Engine) wantsDetail(ev refeval.Event) bool {
	if int(ev.Rule) >= len(e.user) {
		return false
	}
	u := e.user[ev.Rule]
	return u != nil && u.kernelApp
}

// flushPending emits the pending kernel alerts without detail: their
// packet's copy did not come (dropped, lost, or no DNS unit).
func (e *Engine) flushPending() {
	for _, p := range e.pending {
		e.kernelAlert(p.ts, p.tuple, p.flowID, p.ev)
	}
	e.pending = e.pending[:0]
}

// detailUnit emits the pending kernel alerts on the first DNS or TLS unit
// of their packet, with the unit's EVE detail.
func (e *Engine) detailUnit(u *inspect.Unit) {
	if len(e.pending) == 0 || u.Kind != inspect.KindApp || (u.Flow.App != "dns" && u.Flow.App != "tls") {
		return
	}
	for _, p := range e.pending {
		r := e.obj.Rules[p.ev.Rule]
		if e.suppressed(r, p.tuple.Src, p.tuple.Dst) || !e.kernelLimits(int(p.ev.Rule), r, p.tuple.Src, p.tuple.Dst, p.flowID, p.ts) {
			continue
		}
		u.Flow.Alerted = true
		e.emit(e.unitEvent(u), r, "kernel", eve.RuleAction(r.Action), r.Meta.Msg)
	}
	e.pending = e.pending[:0]
}

// dropDetail writes the pending alerts of a packet the classifier dropped,
// which the tracker does not see, with the DNS detail decoded from the
// packet itself.
func (e *Engine) dropDetail(o *Outcome) {
	d := o.Decoded
	if d == nil {
		d = &e.dec
		if e.decode(o.Frame, d) != nil {
			return
		}
	}
	if d.L4 != decode.L4UDP {
		return
	}
	m, err := e.dnsDec.Decode(d.Payload)
	if err != nil {
		return
	}
	var unit *inspect.Unit
	m.Units(inspect.ToServer, 0, func(u *inspect.Unit) {
		if unit == nil {
			unit = u
		}
	})
	if unit == nil {
		return
	}
	unit.TS = o.TS
	unit.Flow = &inspect.Flow{ID: o.FlowID, Proto: d.Proto, Client: d.Src, Server: d.Dst,
		ClientPort: d.Sport, ServerPort: d.Dport, App: "dns"}
	e.detailUnit(unit)
}
