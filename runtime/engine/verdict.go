package engine

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/eve"
)

// openPacket starts deciding a packet: its alerts wait for its verdict.
func (e *Engine) openPacket() {
	e.fate = packetFate{open: true, alerts: e.fate.alerts[:0], records: e.fate.records[:0]}
}

// closePacket writes the alerts of the packet decided, each with the
// packet's verdict when the alert output asks for it (Suricata's alert
// verdict: yes), then its app-layer records.
func (e *Engine) closePacket() {
	f := &e.fate
	f.open = false
	defer func() {
		for i, ev := range f.records {
			e.write(ev)
			f.records[i] = nil
		}
		f.records = f.records[:0]
	}()
	if len(f.alerts) == 0 {
		return
	}
	var v map[string]any
	if e.opts.Records.On(eve.AlertVerdict) {
		v = e.verdict(f.alerts[0].Proto)
	}
	for i, ev := range f.alerts {
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
