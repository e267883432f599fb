package engine

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/inspect"
)

// userAlert turns a userspace match of r into an EVE event, unless a
// suppress made it quiet; its action applies either way.
func (e *Engine) userAlert(u *inspect.Unit, r *ir.Rule, quiet bool) {
	ev := e.unitEvent(u)
	if !quiet {
		u.Flow.Alerted = true
		e.emit(ev, r, "userspace", e.alertAction(r.Action), r.Meta.Msg)
	}
	e.decided(r, u, ev)
}

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
	ev.Timestamp = ev.Timestamp.UTC()
	ev.EventType = "alert"
	ev.InIface = e.opts.Iface
	if e.opts.Offline {
		ev.PcapCnt = e.pcapCnt
	}
	ev.Alert = eve.NewAlert(r, action, signature, tier, e.opts.Severity)
	e.stats.alert(r.Meta.SID, ev.Alert.SeverityName, tier)
	if e.opts.Records.On("alert") {
		e.write(ev)
	}
	if e.opts.OnAlert != nil {
		e.opts.OnAlert(ev)
	}
}
