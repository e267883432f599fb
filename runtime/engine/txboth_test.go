package engine

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestTransactionalRuleOnResponse: a "=>" rule is evaluated once its
// transaction's to-client side is in, on the response unit, with its
// header read from the client (the response's destination).
func TestTransactionalRuleOnResponse(t *testing.T) {
	h := newHarness(t, `alert http 10.0.0.1 any => 192.0.2.80 80 (msg:"tx"; http.uri; content:"/d"; http.stat_code; content:"200"; sid:1;)
alert http 192.0.2.80 any => 10.0.0.1 any (msg:"reversed"; http.uri; content:"/d"; http.stat_code; content:"200"; sid:2;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	f.App = "http"
	h.frame(t, &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: inspect.ToServer, Tx: 1, Stage: inspect.RequestHeaders,
		Packet: packetUnit(f, inspect.ToServer, "").Packet})
	h.frame(t, &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: inspect.ToClient, Tx: 1, Stage: inspect.ResponseHeaders,
		Packet: packetUnit(f, inspect.ToClient, "").Packet})
	got := h.alerts(t)
	if !slices.Equal(sids(got), []uint64{1}) || got[0].PcapCnt != 2 {
		t.Errorf("alerts %+v, want sid 1 on the response (frame 2) only", got)
	}
}
