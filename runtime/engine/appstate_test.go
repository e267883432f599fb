package engine

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// TestAppLayerStateUnits: on a TLS transaction's progress units, a rule
// hooked to a state matches on every inspection at that state and once
// past it; a comparison matches once per transaction; other rules of
// the protocol do not run on them, nor progress rules on other units.
func TestAppLayerStateUnits(t *testing.T) {
	h := newHarness(t, `alert tls any any -> any any (app-layer-state:<client_hello_done; sid:1;)
alert tls any any -> any any (app-layer-state:client_hello_done; sid:2;)
alert tls any any -> any any (app-layer-state:>server_hello; sid:3;)
alert tls any any -> any any (ssl_version:!tls1.3; sid:4;)
`, fakeKernel{}, nil)
	f := tcpFlow(5)
	f.App = "tls"
	state := func(d inspect.Dir, client, server int64) *inspect.Unit {
		return &inspect.Unit{Kind: inspect.KindState, Flow: f, Dir: d, Tx: 1,
			Codes: map[string][]int64{ir.FieldTLSClientState: {client}, ir.FieldTLSServerState: {server}}}
	}
	for _, u := range []*inspect.Unit{
		state(inspect.ToServer, 0, 0), // sid 1
		state(inspect.ToServer, 0, 0),
		state(inspect.ToServer, 1, 0), // sid 2 at its state
		state(inspect.ToServer, 1, 0), // again
		state(inspect.ToClient, 1, 1),
		state(inspect.ToClient, 1, 2), // sid 3
		state(inspect.ToServer, 3, 2), // sid 2 past its state, once
		state(inspect.ToServer, 3, 4),
		state(inspect.ToClient, 3, 4),
	} {
		h.frame(t, u)
	}
	// sid 4 compares the version on app units only; a progress rule never
	// runs on one
	app := &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: inspect.ToServer, Tx: 1,
		Codes: map[string][]int64{"ssl_version": {16}, ir.FieldTLSClientState: {0}}}
	h.frame(t, app)
	if got, want := sids(h.alerts(t)), []uint64{1, 2, 2, 3, 2, 4}; !slices.Equal(got, want) {
		t.Errorf("alerts %v, want %v", got, want)
	}
}
