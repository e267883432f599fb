package engine

import (
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
)

// queued is a rule that matched the packet being decided, waiting for
// the packet's end to act and alert.
type queued struct {
	r      *ir.Rule // as it acts (a rate_filter may change its action)
	rank   int      // its place in the inspection order
	ev     *eve.Event
	quiet  bool // a suppress stops its alert, not its action
	onFlow bool // its drop or pass applies to the flow
	ipOnly bool
	flow   *inspect.Flow  // nil: the packet's flow (kernel matches)
	pend   *limitsPending // its thresholds not decided yet
	// guess: a kernel match of a packet rule, whose alert names the
	// packet's guessed transaction (packetFate.guess) as a userspace
	// packet rule's does.
	guess bool
}

// openPacket starts deciding a packet: its matches wait for its end.
func (e *Engine) openPacket() {
	e.fate = packetFate{open: true, alerts: e.fate.alerts[:0], records: e.fate.records[:0], recordTx: e.fate.recordTx[:0], queue: e.fate.queue[:0], left: e.fate.left[:0]}
}

// enqueue adds a match of the packet being decided; with none being
// decided, the match acts at once.
func (e *Engine) enqueue(q queued) {
	if !e.fate.open {
		e.openPacket()
		defer e.closePacket()
	}
	e.fate.queue = append(e.fate.queue, q)
}

// finalize applies the packet's matches in rule order, as Suricata
// finalizes a packet's alert queue: each acts (a pass does not undo a
// drop already applied to the packet), a suppressed or noalert rule does
// not alert, and a pass rule (logged when it has the alert keyword) ends
// the queue: the matches after it neither act nor alert.
func (e *Engine) finalize() {
	f := &e.fate
	slices.SortStableFunc(f.queue, func(a, b queued) int { return a.rank - b.rank })
	// a flow a pass let through before this packet is not inspected: the
	// kernel tier's matches on it (a tunnel's inner packet, evaluated
	// here) do not stand
	passed := f.pktFlow != nil && (f.pktFlow.Bits[passedBit] || f.pktFlow.Action == flowPass)
	for i, q := range f.queue {
		fl := q.flow
		if fl == nil {
			fl = f.pktFlow
		}
		if passed && fl == f.pktFlow {
			continue
		}
		if q.pend != nil {
			if e.mayLeave(f.queue[i+1:], fl) {
				f.left = append(f.left, q.pend)
				continue
			}
			end := e.limitsTurn()
			ok := e.limitsHold(q.pend.c, q.pend.src, q.pend.dst, q.pend.flowID, q.pend.ts)
			end()
			if !ok {
				continue
			}
		}
		pass := q.r.Action == ir.ActPass
		if !pass || !f.dropped {
			if pass && q.ipOnly && fl != nil {
				setBit(fl, passedBit)
			}
			e.decided(q.r, q.onFlow && fl != nil, fl, q.ev)
		}
		if q.quiet || (q.r.NoAlert && !pass) || q.r.Action == ir.ActConfig {
			continue
		}
		if pass && !q.r.PassAlert {
			f.passed = true
			break
		}
		if fl != nil {
			fl.Alerted = true
		}
		if q.guess && f.guess.Name() {
			nameGuessed(q.ev, f.guess)
		}
		e.flowDetail(q.ev, fl)
		e.logAlert(q.ev)
		if pass {
			f.passed = true
			break
		}
	}
	clear(f.queue)
	f.queue = f.queue[:0]
}

// closePacket writes the alerts of the packet decided, each with the
// packet's verdict when the alert output asks for it (Suricata's alert
// verdict: yes), then its app-layer records.
func (e *Engine) closePacket() {
	f := &e.fate
	e.finalize()
	f.open = false
	defer func() {
		for i, ev := range f.records {
			ev.PktVars = f.pktVars
			if f.recordTx[i].logged() {
				e.write(ev)
			}
			f.records[i], f.recordTx[i] = nil, txRef{}
		}
		f.records, f.recordTx = f.records[:0], f.recordTx[:0]
	}()
	if len(f.alerts) == 0 && len(f.left) == 0 {
		return
	}
	var v map[string]any
	if e.opts.Records.On(eve.AlertVerdict) {
		proto := uint8(0)
		if len(f.alerts) > 0 {
			proto = f.alerts[0].Proto
		} else {
			proto = f.left[0].alert.Proto
		}
		v = e.verdict(proto)
	}
	for i, ev := range f.alerts {
		ev.PktVars = f.pktVars
		if v != nil {
			if ev.Sections == nil {
				ev.Sections = map[string]map[string]any{}
			}
			ev.Sections["verdict"] = v
		}
		e.writeAlert(ev)
		f.alerts[i] = nil
	}
	f.alerts = f.alerts[:0]
	if len(f.left) > 0 {
		e.leave(f.left, v)
		clear(f.left)
		f.left = f.left[:0]
	}
}

// verdict is the EVE verdict of the packet decided, as Suricata gives
// it: a reject (dropping inline, alerting otherwise, with its target and
// what is sent back for the protocol), a drop inline, a pass when a pass
// rule ended the packet's alerts, else alert.
func (e *Engine) verdict(proto uint8) map[string]any {
	f := &e.fate
	switch {
	case f.reject != "":
		v := map[string]any{"action": "alert"}
		if e.inline() {
			v["action"] = "drop"
		}
		switch f.reject {
		case ir.ActRejectDst:
			v["reject-target"] = "to_server"
		case ir.ActRejectBoth:
			v["reject-target"] = "both"
		default:
			v["reject-target"] = "to_client"
		}
		sent := []any{}
		switch proto {
		case 1, 17, 58:
			sent = append(sent, "icmp-prohib")
		case 6:
			sent = append(sent, "tcp-reset")
		}
		v["reject"] = sent
		return v
	case (f.dropped || f.reason != "") && e.inline():
		return map[string]any{"action": "drop"}
	case f.passed:
		return map[string]any{"action": "pass"}
	}
	return map[string]any{"action": "alert"}
}

// mayLeave reports whether a match whose thresholds decide only its
// alert may leave them to deferredLimits: no pass rule after it in the
// packet's queue (a drop before a pass keeps the pass from acting), and
// no flow record whose alerted flag it would decide.
func (e *Engine) mayLeave(rest []queued, fl *inspect.Flow) bool {
	for _, q := range rest {
		if q.r.Action == ir.ActPass {
			return false
		}
	}
	return fl == nil || fl.Alerted || !e.opts.Records.On("flow")
}
