package flow

import "github.com/rulec/rulec/runtime/inspect"

// tlsCheckFeed walks a direction's bytes for the TLS parser's events; new
// ones are inspected at once on a unit of the flow's TLS transaction
// carrying the direction's events.
func (t *Tracker) tlsCheckFeed(f *flowState, d inspect.Dir, b []byte) {
	a := &f.app
	dir := 0
	if d == inspect.ToClient {
		dir = 1
	}
	ev := a.tlsCheck.Feed(dir, b)
	if !t.chargeApp(f) {
		a.tlsCheck.Stop()
		t.chargeApp(f)
	}
	if ev&^a.tlsEvents[d] == 0 {
		return
	}
	a.tlsEvents[d] |= ev
	u := t.unit(f, inspect.KindApp, d)
	u.Tx = t.tlsTxID(f)
	u.Events = a.tlsEvents[d].Names()
	u.Fields = t.tlsFields(f)
	t.send(u)
}

// tlsTxID is the flow's TLS transaction, numbered when first needed.
func (t *Tracker) tlsTxID(f *flowState) uint64 {
	if f.app.tlsTx == 0 {
		f.txSeq++
		f.app.tlsTx = f.txSeq
	}
	return f.app.tlsTx
}
