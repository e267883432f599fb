package engine

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/refeval"
)

// Flow actions, as EVE flow records name them.
const (
	flowDrop = "drop"
	flowPass = "pass"
)

// Drop reasons, as EVE drop records name them.
const (
	dropRules      = "rules"
	dropFlow       = "flow drop"
	dropFlowPolicy = "exception policy flow drop"
)

// packetFate is what the rules decided for the frame being processed.
type packetFate struct {
	flow   *inspect.Flow
	dir    inspect.Dir
	reason string     // why the packet is dropped inline; "" when it is not
	alert  *eve.Event // the alert of the rule that dropped it
	rule   *ir.Rule   // that rule
	// dropped: a drop or reject rule acted on the packet (IDS mode too);
	// reject is the first reject action; passed: a pass rule ended the
	// packet's alert queue.
	dropped, passed bool
	reject          ir.Action
	// noPayload: the packet was inspected after its flow's payload
	// inspection ended.
	noPayload bool
	// inspected: a unit of the packet met a userspace rule whose header
	// holds for it (which then inspected it, prefilter included).
	inspected bool
	// queue holds the packet's matches until its end; pktFlow is the
	// packet's flow, once the tracker gave it (for kernel matches).
	queue   []queued
	left    []*limitsPending // matches whose thresholds are left to deferredLimits
	pktFlow *inspect.Flow
	// guess is the transaction the packet's own packet unit guessed
	// (detect.guess-applayer-tx), for its kernel matches' alerts.
	guess *inspect.GuessedTx
	// open: the packet is being decided; its alerts wait in alerts for
	// its verdict, and its app-layer records, logged after its alerts as
	// Suricata's transaction loggers run after its packet loggers.
	open            bool
	alerts, records []*eve.Event
	recordTx        []txRef // by records: the transaction each reports
	// pktVars are the packet variables its rules' pcre captures set,
	// logged with its alerts and records.
	pktVars []inspect.Var
}

// flowLooker is a tracker that finds a decoded frame's flow without
// processing the frame.
type flowLooker interface {
	Lookup(d *decode.Packet) *inspect.Flow
}

// normaliser is a tracker that rewrites, in IPS mode, a TCP segment's
// data overlapping what its stream accepted to the accepted bytes
// (flow.Tracker.Normalise): both tiers then inspect the packet rewritten.
type normaliser interface {
	Normalise(d, n *decode.Packet) bool
}

// flowDropFrame reports whether the frame belongs to a flow already
// dropped: neither tier's rules inspect it, in IDS mode too (Suricata's
// DetectFlow), and in IPS mode it is dropped. In IDS mode only a frame
// with kernel matches is looked up. It decodes the frame into o for the
// tracker.
func (e *Engine) flowDropFrame(o *Outcome, events []refeval.Event) bool {
	l, ok := e.tracker.(flowLooker)
	if !ok || o.Frame == nil || !e.opts.IPS && len(events) == 0 {
		return false
	}
	if o.Decoded == nil {
		o.Decoded, o.DecodeErr = &e.dec, e.decode(o.Frame, &e.dec)
	}
	if o.DecodeErr != nil {
		return false
	}
	f := l.Lookup(o.Decoded)
	return f != nil && f.Action == flowDrop
}

// inline reports whether drop rules drop: live, or offline in IPS mode.
func (e *Engine) inline() bool { return e.opts.IPS || !e.opts.Offline }

// alertAction is the EVE alert action of a rule: reject blocks always,
// drop when the engine runs inline, as in Suricata.
func (e *Engine) alertAction(a ir.Action) string {
	switch a {
	case ir.ActReject, ir.ActRejectSrc, ir.ActRejectDst, ir.ActRejectBoth:
		return eve.Blocked
	case ir.ActDrop:
		if e.inline() {
			return eve.Blocked
		}
	}
	return eve.Allowed
}

// flowDropped reports whether u belongs to a flow a drop or reject rule
// dropped: it is not inspected, in IDS mode too (Suricata's DetectFlow
// skips a flow with FLOW_ACTION_DROP whatever the mode; the flag is set
// when the packet that matched the rule is finalised, so that packet's
// other rules still run); in IPS mode its packet is dropped too.
func (e *Engine) flowDropped(u *inspect.Unit) bool {
	if u.Flow.Action != flowDrop {
		return false
	}
	if e.opts.IPS && u.Kind == inspect.KindPacket && e.fate.reason == "" {
		e.fate.reason = dropFlow
		if u.Flow.ActionByPolicy {
			e.fate.reason = dropFlowPolicy
		}
	}
	return true
}

// decided records what a matching rule does to the packet and, when its
// action applies to the whole flow (onFlow), to the flow: a drop or
// reject marks the flow dropped in either mode (EVE flow.action drop)
// and drops it and the packet in IPS mode, a pass passes them; the first
// decision on a flow stands.
func (e *Engine) decided(r *ir.Rule, onFlow bool, f *inspect.Flow, ev *eve.Event) {
	switch {
	case r.Action == ir.ActPass:
		if onFlow && f.Action == "" {
			f.Action = flowPass
		}
	case dropping(r.Action):
		e.fate.dropped = true
		if r.Action != ir.ActDrop && e.fate.reject == "" {
			e.fate.reject = r.Action
		}
		if onFlow && f.Action == "" {
			f.Action = flowDrop
		}
		if !e.opts.IPS {
			return
		}
		if e.fate.alert == nil {
			e.fate.reason, e.fate.alert, e.fate.rule = dropRules, ev, r
		}
	}
}

// dropping reports whether an action drops the packet: drop and the
// rejects.
func dropping(a ir.Action) bool {
	switch a {
	case ir.ActDrop, ir.ActReject, ir.ActRejectSrc, ir.ActRejectDst, ir.ActRejectBoth:
		return true
	}
	return false
}

// actsOnFlow reports whether a drop or pass of rule r matching a unit of
// kind k applies to the whole flow, as Suricata's signature types say:
// IP-only rules (header, flowbits set and thresholds only),
// protocol-detection-only rules, app-layer rules without packet
// keywords, and any match on the reassembled stream or a transaction;
// other packet matches act on the packet alone.
func actsOnFlow(r *ir.Rule, k inspect.Kind) bool {
	if k != inspect.KindPacket {
		return true
	}
	if pdOnly(r) {
		return true
	}
	if len(r.Matchers) > 0 || r.Flow != (ir.Flow{}) {
		return false
	}
	for _, b := range r.Bits {
		if b.Cmd != "set" {
			return false
		}
	}
	return true
}

// dropped applies a kernel drop to the packet, and to its flow when the
// drop's scope is the flow (onFlow), and writes the packet's drop record,
// in IPS mode.
func (e *Engine) dropped(p *inspect.Packet, shot, onFlow bool) {
	if !e.opts.IPS {
		return
	}
	if shot {
		if onFlow && p != nil && p.Flow != nil && p.Flow.Action == "" {
			p.Flow.Action = flowDrop
		}
		if e.fate.reason == "" {
			e.fate.reason = dropRules
		}
	}
	if p != nil && p.DropReason != "" {
		e.fate.reason = p.DropReason
		e.stats.PolicyDrops++
	}
	e.dropRecord(p)
}

// countVerdict counts an IPS run's wire packet as Suricata's ips
// counters do: blocked, by drop reason, or accepted.
func (e *Engine) countVerdict() {
	if e.fate.reason != "" {
		e.stats.IPSBlocked++
		e.stats.DropReasons[e.fate.reason]++
	} else {
		e.stats.IPSAccepted++
	}
}

// dropRecord writes the EVE drop record of a dropped packet, as the drop
// output's settings say: every drop (flows: all), or the first of each
// flow direction and every drop a rule caused (flows: start); with
// alerts: yes, the alert that caused it; with verdict: yes, the packet's
// verdict.
func (e *Engine) dropRecord(p *inspect.Packet) {
	f := &e.fate
	if f.reason == "" || !e.opts.Records.On("drop") || p == nil {
		return
	}
	if fl := f.flow; fl != nil && !e.opts.Records.On(eve.DropFlowsAll) {
		logged := fl.DropLogged[f.dir]
		fl.DropLogged[f.dir] = true
		if logged && f.reason != dropRules {
			return
		}
	}
	ev := eve.DropEvent(p, f.reason)
	ev.InIface = e.opts.Iface
	if fl := f.flow; fl != nil {
		ev.FlowID = fl.ID
	}
	if e.opts.Offline {
		ev.PcapCnt = e.pcapCnt
	}
	ev.PktSrc = e.pktSrc
	if f.alert != nil && e.opts.Records.On(eve.DropAlerts) {
		// Suricata's drop record has the alert's header only
		a := *f.alert.Alert
		a.Metadata, a.References = nil, nil
		ev.Alert = &a
	}
	if e.opts.Records.On(eve.DropVerdict) {
		ev.Sections["verdict"] = e.verdict(p.Proto)
	}
	e.write(ev)
}

// pdOnly reports whether r is a protocol-detection-only rule: the
// compiler marks its app-layer-protocol tests.
func pdOnly(r *ir.Rule) bool {
	for _, m := range r.Matchers {
		if p, ok := m.(*ir.AppProto); !ok || !p.PDOnly {
			return false
		}
	}
	return len(r.Matchers) > 0
}
