package engine

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// TestAppProtoCovers: a rule's app-layer protocol selects units as
// Suricata's AppProtoEquals: http covers HTTP/1 and HTTP/2 flows, http2
// covers HTTP/2 and doh2 but not HTTP/1, dns covers doh2.
func TestAppProtoCovers(t *testing.T) {
	h := newHarness(t, `alert http any any -> any any (msg:"http"; http.method; content:"GET"; sid:1;)
alert http2 any any -> any any (msg:"http2"; http.method; content:"GET"; sid:2;)
alert dns any any -> any any (msg:"dns"; app-layer-event:http2.dns_request_too_long; sid:3;)
`, fakeKernel{}, nil)
	for i, app := range []string{"http", "http2", "doh2"} {
		f := tcpFlow(uint64(i + 1))
		f.App = app
		u := &inspect.Unit{Kind: inspect.KindApp, Flow: f, Dir: inspect.ToServer, Tx: 1, Events: []string{"http2.dns_request_too_long"}}
		u.SetBuffer("http.method", []byte("GET"))
		h.frame(t, u)
	}
	if got := sids(h.alerts(t)); !slices.Equal(got, []uint64{1, 1, 2, 2, 3}) {
		t.Errorf("alerts %v, want sid 1 on http, 1 and 2 on http2, 2 and 3 on doh2", got)
	}
}
