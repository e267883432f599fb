package suricata

import (
	"testing"

	"github.com/rulec/rulec/diag"
)

func TestAppLayerStateDiagnostics(t *testing.T) {
	mustFail(t, `alert tls any any -> any any (app-layer-state:<client_hello_done; sid:1;)`, diag.ErrUnsupported,
		`t.rules:1:31: sid 1: keyword "app-layer-state" (tls state client_hello_done: rulec inspects a tls transaction once per direction`)
	mustFail(t, `alert http any any -> any any (app-layer-state:>response_headers; sid:1;)`, diag.ErrUnsupported, "http state response_headers")
	mustFail(t, `alert ssh any any -> any any (app-layer-state:banner_done; sid:1;)`, diag.ErrUnsupported, "ssh state banner_done")
	mustFail(t, `alert tcp any any -> any any (http.uri; content:"a"; app-layer-state:request_complete; sid:1;)`, diag.ErrUnsupported, "http state request_complete")
	mustFail(t, `alert tls any any -> any any (app-layer-state:<request_headers; sid:1;)`, diag.ErrBadValue, `t.rules:1:47: sid 1: app-layer-state: bad tls progress state "request_headers"`)
	mustFail(t, `alert dns any any -> any any (app-layer-state:request_complete; sid:1;)`, diag.ErrBadValue, "dns has no progress states")
	mustFail(t, `alert tcp any any -> any any (app-layer-state:request_headers; sid:1;)`, diag.ErrMissing, "needs an app-layer protocol")
}
