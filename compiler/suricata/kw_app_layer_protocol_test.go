package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestAppLayerProtocolKeyword(t *testing.T) {
	for _, c := range []struct {
		rule string
		want []ir.AppProto
	}{
		{`drop tcp any any -> any 80 (app-layer-protocol:!tls; sid:1;)`, []ir.AppProto{{Proto: "tls", Mode: "direction", Negated: true, PDOnly: true}}},
		{`alert tcp any any -> any any (flow:to_server; app-layer-protocol:"failed,to_server"; flowbits:set,x; sid:1;)`,
			[]ir.AppProto{{Proto: "failed", Mode: "to_server", PDOnly: true}}},
		{`alert tcp any any -> any any (app-layer-protocol:!http,final; app-layer-protocol:!tls,final; sid:1;)`,
			[]ir.AppProto{{Proto: "http", Mode: "final", Negated: true, PDOnly: true}, {Proto: "tls", Mode: "final", Negated: true, PDOnly: true}}},
		{`alert tcp any any -> any any (app-layer-protocol:unknown,either; app-layer-protocol:dns,to_client; sid:1;)`,
			[]ir.AppProto{{Proto: "unknown", Mode: "either", PDOnly: true}, {Proto: "dns", Mode: "to_client", PDOnly: true}}},
		// another test makes it a packet rule, which matches on any packet
		{`alert tcp any any -> any any (app-layer-protocol:http; content:"GET"; sid:1;)`, []ir.AppProto{{Proto: "http", Mode: "direction"}}},
		{`alert tcp any any -> any any (flow:established; app-layer-protocol:http; sid:1;)`, []ir.AppProto{{Proto: "http", Mode: "direction"}}},
		{`alert tcp any any -> any any (app-layer-protocol:http; flowbits:isset,x; sid:1;)`, []ir.AppProto{{Proto: "http", Mode: "direction"}}},
	} {
		r := mustCompile(t, c.rule)
		var got []ir.AppProto
		for _, m := range r.Matchers {
			if p, ok := m.(*ir.AppProto); ok {
				got = append(got, *p)
			}
		}
		if len(got) != len(c.want) {
			t.Fatalf("%s: got %+v, want %+v", c.rule, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: test %d = %+v, want %+v", c.rule, i, got[i], c.want[i])
			}
		}
	}
	mustFail(t, `alert tcp any any -> any any (app-layer-protocol:!unknown; sid:1;)`, diag.ErrBadValue, "unknown cannot be negated")
	mustFail(t, `alert tcp any any -> any any (app-layer-protocol:gopher; sid:1;)`, diag.ErrBadValue, `t.rules:1:50: sid 1: app-layer-protocol: bad protocol "gopher"`)
	mustFail(t, `alert tcp any any -> any any (app-layer-protocol:http,sideways; sid:1;)`, diag.ErrBadValue, `bad mode, want direction, to_server, to_client, either, final or original "sideways"`)
	mustFail(t, `alert http any any -> any any (app-layer-protocol:http; sid:1;)`, diag.ErrConflict, "already on an app-layer protocol")
	mustFail(t, `alert tcp any any -> any any (http.uri; content:"a"; app-layer-protocol:!dns; sid:1;)`, diag.ErrConflict, "already on an app-layer protocol")
	mustFail(t, `alert tcp any any -> any any (app-layer-protocol:http; app-layer-protocol:!tls; sid:1;)`, diag.ErrConflict, "under mode direction")
	mustFail(t, `alert tcp any any -> any any (app-layer-protocol:!http; app-layer-protocol:!http; sid:1;)`, diag.ErrConflict, "app-layer-protocol")
	mustCompile(t, `alert tcp any any -> any any (app-layer-protocol:http,to_server; app-layer-protocol:!tls,to_client; sid:1;)`)
}
