package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestFragbitsFragoffsetSameIP(t *testing.T) {
	checkMatchers(t, []matcherCase{
		{`alert ip any any -> any any (fragbits:MD; sid:1;)`, &ir.FragBits{Bits: 3}},
		{`alert ip any any -> any any (fragbits:!r; sid:1;)`, &ir.FragBits{Bits: 4, Mod: "!"}},
		{`alert ip any any -> any any (fragoffset:<8191; sid:1;)`, &ir.Field{Name: "fragoffset", Cmp: ir.Cmp{Op: "<", A: 8191}}},
		{`alert ip any any -> any any (sameip; sid:1;)`, &ir.Field{Name: "sameip", Cmp: ir.Cmp{Op: "=", A: 1}}},
		{`alert ip any any -> any any (l3_proto:IPv6; sid:1;)`, &ir.Field{Name: "l3_proto", Cmp: ir.Cmp{Op: "=", A: 6}}},
		{`alert tcp any any -> any any (tcp.wscale:>=7; sid:1;)`, &ir.Field{Name: "tcp.wscale", Cmp: ir.Cmp{Op: ">=", A: 7}}},
	})
	checkFailures(t, []failCase{
		{`alert ip any any -> any any (fragbits:X; sid:1;)`, diag.ErrBadValue, "fragbits letter"},
		{`alert ip any any -> any any (fragbits:+; sid:1;)`, diag.ErrBadValue, "fragbits"},
		{`alert ip any any -> any any (fragoffset:8192; sid:1;)`, diag.ErrBadRange, "fragoffset"},
		{`alert ip any any -> any any (l3_proto:ipx; sid:1;)`, diag.ErrBadValue, "l3_proto"},
		{`alert udp any any -> any any (tcp.wscale:1; sid:1;)`, diag.ErrConflict, "tcp.wscale in a udp rule"},
	})
	for _, c := range []struct {
		m    ir.FragBits
		bits uint8
		want bool
	}{
		{ir.FragBits{Bits: 1, Mod: "+"}, 1, false}, {ir.FragBits{Bits: 1, Mod: "+"}, 3, true},
		{ir.FragBits{Bits: 3, Mod: "!"}, 1, true}, {ir.FragBits{Bits: 3, Mod: "!"}, 3, false},
		{ir.FragBits{Bits: 3, Mod: "*"}, 2, true}, {ir.FragBits{Bits: 2}, 3, false},
	} {
		if got := c.m.Holds(c.bits); got != c.want {
			t.Errorf("%+v on %d: %v", c.m, c.bits, got)
		}
	}
}
