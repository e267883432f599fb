package engine

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestTransactionEachDirection: a rule whose keywords exist in both
// directions (ssl_version) matches a TLS transaction once in each
// direction, as Suricata inspects each on its own; a rule on a to-server
// buffer matches it once though the server's unit carries that buffer
// too.
func TestTransactionEachDirection(t *testing.T) {
	h := newHarness(t, `alert tls any any -> any any (msg:"v"; ssl_version:tls1.0; sid:1;)
alert tls any any -> any any (msg:"sni"; tls.sni; content:"a.example"; sid:2;)
`, fakeKernel{}, nil)
	f := tcpFlow(7)
	f.App = "tls"
	unit := func(d inspect.Dir) *inspect.Unit {
		u := &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: d, Tx: 1, Codes: map[string][]int64{"ssl_version": {4}}}
		u.SetBuffer("tls.sni", []byte("a.example"))
		return u
	}
	h.frame(t, unit(inspect.ToServer))
	h.frame(t, unit(inspect.ToClient))
	h.frame(t, unit(inspect.ToClient))
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 2, 1}) {
		t.Errorf("alerts %v, want ssl_version in each direction, the sni once", got)
	}
}
