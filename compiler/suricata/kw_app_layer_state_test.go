package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestAppLayerStateDiagnostics(t *testing.T) {
	mustFail(t, `alert http any any -> any any (app-layer-state:>response_headers; sid:1;)`, diag.ErrUnsupported, "http state response_headers")
	mustFail(t, `alert ssh any any -> any any (app-layer-state:banner_done; sid:1;)`, diag.ErrUnsupported, "ssh state banner_done")
	mustFail(t, `alert tcp any any -> any any (http.uri; content:"a"; app-layer-state:request_complete; sid:1;)`, diag.ErrUnsupported, "http state request_complete")
	mustFail(t, `alert tls any any -> any any (app-layer-state:<request_headers; sid:1;)`, diag.ErrBadValue, `t.rules:1:47: sid 1: app-layer-state: bad tls progress state "request_headers"`)
	mustFail(t, `alert dns any any -> any any (app-layer-state:request_complete; sid:1;)`, diag.ErrBadValue, "dns has no progress states")
	mustFail(t, `alert tcp any any -> any any (app-layer-state:request_headers; sid:1;)`, diag.ErrMissing, "needs an app-layer protocol")
	mustFail(t, `alert tls any any -> any any (tls.sni; content:"a"; app-layer-state:client_hello_done; sid:1;)`, diag.ErrUnsupported, "with other inspection keywords")
	mustFail(t, `alert tls any any -> any any (flow:to_client; app-layer-state:client_hello_done; sid:1;)`, diag.ErrConflict, "not a state of the rule's direction")
}

// TestAppLayerStateTLS: a TLS state compares the client's or the
// server's progress, numbered as Suricata's, and gives the rule that
// direction; without an operator it hooks the rule to the state.
func TestAppLayerStateTLS(t *testing.T) {
	for _, tc := range []struct {
		rule      string
		field, op string
		n         int64
		toServer  bool
		hook      bool
	}{
		{`alert tls any any -> any any (app-layer-state:<client_hello_done; sid:1;)`, ir.FieldTLSClientState, "<", 1, true, false},
		{`alert tls any any -> any any (app-layer-state:client_hello_done; sid:1;)`, ir.FieldTLSClientState, ">=", 1, true, true},
		{`alert tls any any -> any any (app-layer-state:>server_cert_done; sid:1;)`, ir.FieldTLSServerState, ">", 2, false, false},
		{`alert tls any any -> any any (app-layer-state:server_handshake_done; sid:1;)`, ir.FieldTLSServerState, ">=", 4, false, true},
	} {
		r := mustCompile(t, tc.rule)
		f, ok := r.Matchers[0].(*ir.Field)
		if len(r.Matchers) != 1 || !ok || f.Name != tc.field || f.Cmp.Op != tc.op || f.Cmp.A != tc.n {
			t.Errorf("%s: matchers %+v", tc.rule, r.Matchers)
			continue
		}
		if r.Flow.ToServer != tc.toServer || r.Flow.ToClient == tc.toServer || r.StateHook != tc.hook {
			t.Errorf("%s: flow %+v hook %v", tc.rule, r.Flow, r.StateHook)
		}
	}
}
