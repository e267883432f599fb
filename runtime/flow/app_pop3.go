package flow

import (
	"slices"

	"github.com/rulec/rulec/runtime/flow/pop3"
	"github.com/rulec/rulec/runtime/inspect"
)

// portPOP3 is the server port Suricata 8 probes POP3 on (its default
// app-layer.protocols.pop3.detection-ports).
const portPOP3 = 110

// pop3Detect reports whether a direction's first bytes are POP3 as
// Suricata's probing parser finds it, on the POP3 port only (POP3 has no
// detection patterns).
func pop3Detect(f *flowState, d inspect.Dir, data []byte) (ok, more bool) {
	if f.ServerPort != portPOP3 {
		return false, false
	}
	return pop3.Probe(d == inspect.ToServer, data)
}

// pop3Data parses one direction of a POP3 session: each transaction the
// bytes changed gives a unit in their direction with its pop3 section;
// a transaction's pop3 record is written once it is complete.
func (t *Tracker) pop3Data(f *flowState, d inspect.Dir, b []byte) {
	a := &f.app
	p := a.pop3
	cut := p.Truncated
	for _, tx := range p.Feed(d == inspect.ToServer, b) {
		u := t.pop3Unit(f, d, tx)
		t.send(u)
		if tx.Complete {
			t.record(pop3Fill(t.plainUnit(f, inspect.KindApp, d), tx))
		}
	}
	t.stats.POP3Truncated += p.Truncated - cut
	if p.Failed {
		t.stats.ParseErrors++
		t.pop3End(f)
	}
	if p.TLS {
		// STLS accepted: the rest is TLS, which rulec does not follow
		t.pop3End(f)
	}
	if !t.chargeApp(f) {
		t.pop3End(f)
		t.chargeApp(f)
	}
}

func (t *Tracker) pop3Unit(f *flowState, d inspect.Dir, tx *pop3.Tx) *inspect.Unit {
	return pop3Fill(t.unit(f, inspect.KindApp, d), tx)
}

// pop3Fill gives u a transaction's events and pop3 section.
func pop3Fill(u *inspect.Unit, tx *pop3.Tx) *inspect.Unit {
	u.Tx = tx.ID + 1
	u.Events = slices.Clone(tx.Events)
	u.Fields = map[string]map[string]any{"pop3": pop3.Record(tx)}
	return u
}

// pop3End ends the parse of a session: the records of its transactions
// not complete are written as they are.
func (t *Tracker) pop3End(f *flowState) {
	a := &f.app
	if a.pop3 == nil {
		return
	}
	for _, tx := range a.pop3.Open() {
		if !tx.Complete {
			t.record(pop3Fill(t.plainUnit(f, inspect.KindApp, inspect.ToServer), tx))
		}
	}
	a.kind, a.pop3 = appNone, nil
}
