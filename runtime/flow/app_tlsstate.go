package flow

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// Suricata's TLS transaction progress (TlsStateClient, TlsStateServer)
// as app-layer-state numbers it; the finished states, at the flow's end,
// are not followed.
const (
	tlsClientInProgress = iota
	tlsClientHelloDone
	tlsClientCertDone
	tlsClientHandshakeDone
)

const (
	tlsServerInProgress = iota
	tlsServerHello
	tlsServerCertDone
	tlsServerHelloDone
	tlsServerHandshakeDone
)

// tlsStateDue notes, when app-layer-state rules inspect TLS progress,
// that a direction's TLS data was parsed: Suricata inspects the
// direction's transaction on its next packet, and the current packet's
// direction on this one (its detection runs when the packet made the
// app layer parse, either direction).
func (t *Tracker) tlsStateDue(f *flowState, d inspect.Dir) {
	if !t.cfg.TLSStates {
		return
	}
	f.app.tlsStateDue[d] = true
	if f == t.curFlow {
		f.app.tlsStateDue[t.curDir] = true
	}
}

// tlsStateUnit inspects the TLS transaction's progress on a packet of
// direction d that is due one.
func (t *Tracker) tlsStateUnit(f *flowState, d inspect.Dir) {
	a := &f.app
	if a.kind != appTLS || !a.tlsStateDue[d] {
		return
	}
	a.tlsStateDue[d] = false
	u := t.unit(f, inspect.KindState, d)
	u.Tx = t.tlsTxID(f)
	u.Codes = map[string][]int64{ir.FieldTLSClientState: {t.tlsClientState(f)}, ir.FieldTLSServerState: {t.tlsServerState(f)}}
	u.SetLazySection("tls", func() map[string]any { return t.tlsFields(f)["tls"] })
	t.send(u)
}

func (t *Tracker) tlsClientState(f *flowState) int64 {
	a := &f.app
	switch {
	case a.tlsHSDone[inspect.ToServer]:
		return tlsClientHandshakeDone
	case a.tlsHello != nil && a.tlsHello.CertRaw != nil:
		return tlsClientCertDone
	case a.tlsHello != nil:
		return tlsClientHelloDone
	}
	return tlsClientInProgress
}

func (t *Tracker) tlsServerState(f *flowState) int64 {
	a := &f.app
	sh := a.tlsSH
	if sh == nil {
		sh = a.tlsServer.Hello()
	}
	switch {
	case a.tlsHSDone[inspect.ToClient]:
		return tlsServerHandshakeDone
	case sh != nil && sh.HelloDone:
		return tlsServerHelloDone
	case sh != nil && sh.CertSeen:
		return tlsServerCertDone
	case sh != nil:
		return tlsServerHello
	}
	return tlsServerInProgress
}
