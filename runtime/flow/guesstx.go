package flow

import (
	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
)

// defaultGuessTxLimit is Suricata's detect.stream-tx-log-limit default.
const defaultGuessTxLimit = 4

// guessState follows a flow's transactions as detection inspects them,
// for the transaction Suricata's detect.guess-applayer-tx names on an
// alert of a packet rule: the one the packet's direction is inspecting
// (its inspect_id), when it is the flow's newest. HTTP transactions are
// followed one by one; TLS has one transaction, unfinished until the
// flow ends.
type guessState struct {
	made uint64 // HTTP transactions parsed: the newest's unit Tx
	// inspected, by Dir: the leading HTTP transactions whose direction
	// was wholly inspected; done is that count when the direction's
	// current packet came (Suricata moves inspect_id on at the end of a
	// packet's detection).
	inspected, done [3]uint64
	stage           inspect.Stage             // the furthest stage of the newest parsed
	sections        map[string]map[string]any // its EVE sections at that stage
	tls             bool                      // the flow's TLS transaction exists
	tx              inspect.GuessedTx         // the transaction named
}

// guessParsed notes an HTTP unit as its transaction is parsed: a new
// transaction, or the sections of the newest at a further stage.
func (t *Tracker) guessParsed(f *flowState, u *inspect.Unit) {
	if !t.guessing(u) {
		return
	}
	g := &f.guess
	if u.Tx > g.made {
		g.made, g.stage = u.Tx, 0
		g.tx = inspect.GuessedTx{Tx: u.Tx, Limit: t.cfg.GuessTxLimit, Sections: func() map[string]map[string]any { return g.sections }}
	}
	if u.Tx == g.made && u.Stage >= g.stage {
		g.sections, g.stage = u.Fields, u.Stage
	}
}

// guessInspected notes an HTTP unit as it is inspected: the end of its
// transaction's direction when it has all of it.
func (t *Tracker) guessInspected(f *flowState, u *inspect.Unit) {
	if !t.guessing(u) {
		return
	}
	last := inspect.RequestBody
	if u.Dir == inspect.ToClient {
		last = inspect.ResponseBody
	}
	if u.Through >= last {
		f.guess.inspected[u.Dir] = max(f.guess.inspected[u.Dir], u.Tx)
	}
}

func (t *Tracker) guessing(u *inspect.Unit) bool {
	if !t.cfg.GuessTx || u.Kind != inspect.KindApp || u.Tx == 0 {
		return false
	}
	_, ok := u.AppTx.(*http.Tx)
	return ok
}

// guessTLS notes that the flow's TLS transaction exists: its parser took
// data. Suricata numbers it 0 in the TLS state, whatever came before a
// protocol change.
func (t *Tracker) guessTLS(f *flowState) {
	g := &f.guess
	if !t.cfg.GuessTx || g.tls {
		return
	}
	g.tls = true
	g.tx = inspect.GuessedTx{Tx: 1, Limit: t.cfg.GuessTxLimit, Sections: func() map[string]map[string]any { return t.tlsFields(f) }}
}

// guessed is the transaction a packet rule's alert on a packet or stream
// unit of direction d names, else nil.
func (t *Tracker) guessed(f *flowState, d inspect.Dir) *inspect.GuessedTx {
	g := &f.guess
	switch {
	case !t.cfg.GuessTx:
		return nil
	case f.app.kind == appTLS:
		if g.tls {
			return &g.tx
		}
	case f.app.kind == appHTTP && g.made > 0 && g.done[d] == g.made-1:
		return &g.tx
	}
	return nil
}
