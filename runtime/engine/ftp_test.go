package engine

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestFTPTxMatchPerDirection: a rule on ftp.mode, which Suricata
// inspects both ways, alerts once per transaction in each direction; a
// second unit of the same transaction and direction does not alert
// again. A rule on a one-direction buffer alerts once per transaction.
func TestFTPTxMatchPerDirection(t *testing.T) {
	h := newHarness(t, `alert ftp any any -> any any (msg:"active"; ftp.mode:active; sid:1;)
alert ftp any any -> any any (msg:"port"; ftp.dynamic_port:>1000; flow:to_server; sid:2;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	f.App = "ftp"
	codes := map[string][]int64{"ftp.mode": {1}, "ftp.dynamic_port": {59914}}
	unit := func(d inspect.Dir) *inspect.Unit {
		return &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: d, Tx: 3, Codes: codes}
	}
	h.frame(t, unit(inspect.ToServer))
	h.frame(t, unit(inspect.ToClient))
	h.frame(t, unit(inspect.ToClient))
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 2, 1}) {
		t.Errorf("alerts %v, want sid 1 and 2 to server, sid 1 to client", got)
	}
	h = newHarness(t, `alert http any any -> any any (msg:"uri"; http.uri; content:"/a"; sid:3;)`, fakeKernel{}, nil)
	g := tcpFlow(2)
	g.App = "http"
	for _, d := range []inspect.Dir{inspect.ToServer, inspect.ToClient} {
		u := &inspect.Unit{Kind: inspect.KindApp, Flow: g, Dir: d, Tx: 1}
		u.SetBuffer("http.uri", []byte("/a"))
		h.frame(t, u)
	}
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{3}) {
		t.Errorf("http alerts %v, want sid 3 once", got)
	}
}
