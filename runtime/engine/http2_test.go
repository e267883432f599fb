package engine

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// An http2.* keyword holds when one of the unit's values does, and not
// on a unit without them.
func TestHTTP2CodesHold(t *testing.T) {
	u := &inspect.Unit{Kind: inspect.KindApp, Codes: map[string][]int64{"http2.window": {5, 9}}}
	for _, c := range []struct {
		m    ir.Field
		want bool
	}{
		{ir.Field{Name: "http2.window", Cmp: ir.Cmp{Op: "=", A: 9}}, true},
		{ir.Field{Name: "http2.window", Cmp: ir.Cmp{Op: ">", A: 9}}, false},
		{ir.Field{Name: "http2.priority", Cmp: ir.Cmp{Op: ">=", A: 0}}, false},
		{ir.Field{Name: ir.HTTP2SettingCode(1), Cmp: ir.Cmp{Op: ">=", A: 0}}, false},
	} {
		if got := condHolds(&c.m, u); got != c.want {
			t.Errorf("%+v: %v, want %v", c.m, got, c.want)
		}
	}
	if !appField(&ir.Field{Name: "http2.frametype"}) {
		t.Error("http2.frametype is not an app-layer field")
	}
}
