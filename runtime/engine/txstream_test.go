package engine

import (
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// The transaction stream window is wanted on the units of the app-layer
// protocols and directions of the rules mixing payload and app-layer
// matchers, and only there.
func TestTxStreamFor(t *testing.T) {
	o := compileRules(t, `alert http any any -> any any (msg:"uri and stream"; flow:to_server; uricontent:"/a"; content:"GET"; sid:1;)
alert tls any any -> any any (msg:"certificate and stream"; flow:to_client; content:"|16 03|"; tls.cert_subject; content:"CN"; sid:2;)
alert tcp any any -> any any (msg:"stream only"; content:"x"; sid:3;)
alert smtp any any -> any any (msg:"helo only"; smtp.helo; content:"x"; sid:4;)
`)
	want := TxStreamFor(o.Rules)
	if want == nil {
		t.Fatal("no units want the window")
	}
	for _, c := range []struct {
		app  string
		d    inspect.Dir
		want bool
	}{
		{"http", inspect.ToServer, true},
		{"http2", inspect.ToServer, true}, // alert http covers HTTP/2
		{"http", inspect.ToClient, false},
		{"tls", inspect.ToClient, true},
		{"tls", inspect.ToServer, false},
		{"smtp", inspect.ToServer, false},
		{"dns", inspect.ToServer, false},
	} {
		if got := want(c.app, c.d); got != c.want {
			t.Errorf("%s dir %d: wanted %v, want %v", c.app, c.d, got, c.want)
		}
	}
	if TxStreamFor(compileRules(t, `alert tcp any any -> any any (content:"x"; sid:3;)`).Rules) != nil {
		t.Error("a window for rules that do not mix payload and app-layer matchers")
	}
	any := TxStreamFor(compileRules(t, `alert tcp any any -> any any (app-layer-event:http.request_field_too_long; content:"x"; sid:5;)`).Rules)
	if any == nil || !any("smtp", inspect.ToClient) || !any("http", inspect.ToServer) {
		t.Error("a rule of no app-layer protocol does not want every protocol's window")
	}
}
