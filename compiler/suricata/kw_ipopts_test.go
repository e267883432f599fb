package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestIPOptsMSSAndMTUKeywords(t *testing.T) {
	r := mustCompile(t, `alert tcp any any -> any any (ipopts:LSRR; tcp.mss:1000-1460; sid:1;)`)
	if o, ok := r.Matchers[0].(*ir.IPOpt); !ok || o.Name != "lsrr" {
		t.Errorf("ipopts matcher %#v", r.Matchers[0])
	}
	if f, ok := r.Matchers[1].(*ir.Field); !ok || f.Name != "tcp.mss" || f.Cmp != (ir.Cmp{Op: "<>", A: 1000, B: 1460}) {
		t.Errorf("tcp.mss matcher %#v", r.Matchers[1])
	}
	r = mustCompile(t, `alert icmpv6 any any -> any any (icmpv6.mtu:>=4294967295; sid:2;)`)
	if f := r.Matchers[0].(*ir.Field); f.Name != "icmpv6.mtu" || f.Cmp != (ir.Cmp{Op: ">=", A: 1<<32 - 1}) {
		t.Errorf("icmpv6.mtu matcher %#v", f)
	}
	mustFail(t, `alert ip any any -> any any (ipopts:jumbo; sid:3;)`, diag.ErrBadValue, "ipopts")
	mustFail(t, `alert udp any any -> any any (tcp.mss:1; sid:4;)`, diag.ErrConflict, "tcp.mss in a udp rule")
	mustFail(t, `alert tcp any any -> any any (tcp.mss:65536; sid:5;)`, diag.ErrBadRange, "tcp.mss 65536 out of range")
}
