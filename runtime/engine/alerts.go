package engine

import (
	"maps"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
)

// unitEvent is the event of an alert on u, with X-Forwarded-For applied
// as configured.
func (e *Engine) unitEvent(u *inspect.Unit) *eve.Event {
	ev := eve.UnitEvent(u)
	ev.Detail = e.unitDetail(u)
	if e.opts.XFF != nil {
		e.opts.XFF.Apply(ev, u)
	}
	return ev
}

// emit writes an alert for r with the EVE alert action and signature
// given.
func (e *Engine) emit(ev *eve.Event, r *ir.Rule, tier, action, signature string) {
	e.logAlert(e.alertEvent(ev, r, tier, action, signature))
}

// alertEvent makes ev the alert of r, not yet logged: a drop record
// carries it even when r does not alert.
func (e *Engine) alertEvent(ev *eve.Event, r *ir.Rule, tier, action, signature string) *eve.Event {
	ev.Timestamp = ev.Timestamp.UTC()
	ev.EventType = "alert"
	ev.InIface = e.opts.Iface
	if e.opts.Offline && ev.PktSrc != eve.PktSrcFlowEnd {
		// a flow's end inspects on a pseudo packet, which has no number
		ev.PcapCnt = e.pcapCnt
	}
	if ev.PktSrc == "" {
		ev.PktSrc, ev.Tunnel = e.pktSrc, e.curTunnel
	}
	ev.SetAlert(r, action, signature, tier, e.opts.Severity)
	e.alertMetadata(ev, r)
	e.namePcap(ev)
	return ev
}

// logAlert writes an alert; while a packet is being decided, at the
// packet's end, with the packet's verdict.
func (e *Engine) logAlert(ev *eve.Event) {
	if e.fate.open {
		e.fate.alerts = append(e.fate.alerts, ev)
	} else {
		e.writeAlert(ev)
	}
}

// writeAlert counts an alert and writes it as the alert output's
// settings say.
func (e *Engine) writeAlert(ev *eve.Event) {
	e.stats.alert(ev.Alert.SignatureID, ev.Rulec.SeverityName, ev.Rulec.Tier)
	if e.opts.Records.On("alert") {
		e.write(ev)
	}
	if e.opts.OnAlert != nil {
		e.opts.OnAlert(ev)
	}
}

// nameGuessed makes ev, a packet rule's alert, name the transaction
// guessed for it, with its sections (Suricata's tx_guessed alerts).
func nameGuessed(ev *eve.Event, g *inspect.GuessedTx) {
	id := g.Tx - 1
	ev.TxID, ev.TxGuessed = &id, true
	tx := g.Sections()
	sections := make(map[string]map[string]any, len(ev.Sections)+len(tx))
	maps.Copy(sections, ev.Sections)
	maps.Copy(sections, tx)
	ev.Sections = sections
}
