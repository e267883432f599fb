package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestHTTP2SizeUpdate(t *testing.T) {
	for _, c := range []struct {
		opt  string
		want ir.Cmp
	}{
		{"http2.size_update:4096;", ir.Cmp{Op: "=", A: 4096}},
		{"http2.size_update:>1000;", ir.Cmp{Op: ">", A: 1000}},
		{"http2.size_update:100-200;", ir.Cmp{Op: "<>", A: 100, B: 200}},
		{"http2.size_update:4294967296;", ir.Cmp{Op: "=", A: 1 << 32}}, // u64, past u32
	} {
		r := mustCompile(t, `alert http2 any any -> any any (`+c.opt+` sid:1;)`)
		want := ir.Field{Name: "http2.size_update", Cmp: c.want}
		if f, ok := r.Matchers[0].(*ir.Field); !ok || *f != want {
			t.Errorf("%s: %+v, want %+v", c.opt, r.Matchers[0], want)
		}
	}
	mustFail(t, `alert http2 any any -> any any (http2.size_update:big; sid:1;)`, diag.ErrBadValue, "http2.size_update")
	mustFail(t, `alert http2 any any -> any any (http2.size_update:<0; sid:1;)`, diag.ErrBadRange, "http2.size_update")
	mustFail(t, `alert dns any any -> any any (http2.size_update:1; sid:1;)`, diag.ErrConflict, "http2")
}
