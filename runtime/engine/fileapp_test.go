package engine

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// A rule on a buffer of no one protocol (file.data, file.name) with a
// plain tcp header runs on the transactions of any app-layer protocol.
func TestProtocolFreeBufferOnAppUnits(t *testing.T) {
	h := newHarness(t, `alert tcp any any -> any any (msg:"ext"; fileext:"pdf"; sid:1;)
alert http any any -> any any (msg:"http"; file.data; content:"PDF"; sid:2;)
alert dns any any -> any any (msg:"dns"; dns.query; content:"x"; sid:3;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	f.App = "http"
	u := &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: inspect.ToClient, Tx: 1, Stage: inspect.ResponseBody}
	u.SetBuffer("file.name", []byte("/r.pdf"))
	u.SetBuffer("file.data", []byte("%PDF"))
	h.frame(t, u)
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 2}) {
		t.Errorf("alerts %v, want 1 and 2", got)
	}
}
