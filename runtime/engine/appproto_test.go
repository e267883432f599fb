package engine

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

func TestAppProtoHolds(t *testing.T) {
	const ts, tc = inspect.ToServer, inspect.ToClient
	unit := func(d inspect.Dir, tsApp, tcApp string, flag bool) *inspect.Unit {
		f := &inspect.Flow{Proto: 6}
		f.AppDir[ts], f.AppDir[tc] = tsApp, tcApp
		if tsApp != "" && tsApp != "failed" {
			f.App = tsApp
		}
		p := &inspect.Packet{Flow: f}
		p.ProtoDetect[d] = flag
		return &inspect.Unit{Kind: inspect.KindPacket, Dir: d, Flow: f, Packet: p}
	}
	for i, c := range []struct {
		m    ir.AppProto
		u    *inspect.Unit
		want bool
	}{
		{ir.AppProto{Proto: "tls", Mode: "direction", Negated: true}, unit(ts, "http", "", false), true},
		{ir.AppProto{Proto: "tls", Mode: "direction", Negated: true}, unit(ts, "", "", false), false},                   // unknown never matches negated
		{ir.AppProto{Proto: "tls", Mode: "direction", Negated: true}, unit(tc, "http", "", false), false},               // this direction unknown
		{ir.AppProto{Proto: "unknown", Mode: "direction"}, unit(tc, "http", "", false), true},                           // unknown matches unknown
		{ir.AppProto{Proto: "tls", Mode: "direction", Negated: true, PDOnly: true}, unit(ts, "http", "", false), false}, // not the detection packet
		{ir.AppProto{Proto: "tls", Mode: "direction", Negated: true, PDOnly: true}, unit(ts, "http", "", true), true},
		{ir.AppProto{Proto: "http", Mode: "to_client"}, unit(ts, "http", "http", false), true},
		{ir.AppProto{Proto: "http1", Mode: "to_server"}, unit(tc, "http", "", false), true}, // http covers http1
		{ir.AppProto{Proto: "http2", Mode: "to_server"}, unit(tc, "http", "", false), false},
		{ir.AppProto{Proto: "dns", Mode: "either"}, unit(tc, "", "dns", false), true},
		{ir.AppProto{Proto: "dns", Mode: "either", Negated: true}, unit(tc, "", "", false), false},
		{ir.AppProto{Proto: "failed", Mode: "final"}, unit(ts, "failed", "failed", false), true},
		{ir.AppProto{Proto: "http", Mode: "final", Negated: true}, unit(ts, "failed", "failed", false), true},
		{ir.AppProto{Proto: "http", Mode: "original", Negated: true}, unit(ts, "http", "http", false), false},
	} {
		if got := appProtoHolds(&c.m, c.u); got != c.want {
			t.Errorf("case %d: %+v on ts %q tc %q = %v, want %v", i, c.m, c.u.Flow.AppDir[ts], c.u.Flow.AppDir[tc], got, c.want)
		}
	}
}

// TestPDOnlyActsOnFlow: a protocol-detection-only drop drops the flow;
// another packet rule with app-layer-protocol drops its packet alone.
func TestPDOnlyActsOnFlow(t *testing.T) {
	o := compileRules(t, "drop tcp any any -> any 80 (app-layer-protocol:!tls; sid:1;)\n"+
		"drop tcp any any -> any 80 (app-layer-protocol:!tls; dsize:>0; sid:2;)\n")
	if !actsOnFlow(o.Rules[0], inspect.KindPacket) {
		t.Error("PD-only drop does not act on the flow")
	}
	if actsOnFlow(o.Rules[1], inspect.KindPacket) {
		t.Error("packet drop with dsize acts on the flow")
	}
}
