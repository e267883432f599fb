package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestExactHeaderFieldKeywords(t *testing.T) {
	checkMatchers(t, []matcherCase{
		{`alert tcp any any -> any any (seq:4294967295; sid:1;)`, &ir.Field{Name: "tcp.seq", Cmp: ir.Cmp{Op: "=", A: 1<<32 - 1}}},
		{`alert tcp any any -> any any (tcp.ack:0; sid:1;)`, &ir.Field{Name: "tcp.ack", Cmp: ir.Cmp{Op: "=", A: 0}}},
		{`alert tcp any any -> any any (window:!1024; sid:1;)`, &ir.Field{Name: "tcp.window", Cmp: ir.Cmp{Op: "!=", A: 1024}}},
		{`alert icmp any any -> any any (icmp_id:"7"; sid:1;)`, &ir.Field{Name: "icmp_id", Cmp: ir.Cmp{Op: "=", A: 7}}},
		{`alert icmpv6 any any -> any any (icmp_seq:65535; sid:1;)`, &ir.Field{Name: "icmp_seq", Cmp: ir.Cmp{Op: "=", A: 65535}}},
	})
	checkFailures(t, []failCase{
		{`alert tcp any any -> any any (tcp.window:65536; sid:1;)`, diag.ErrBadValue, "tcp.window"},
		{`alert tcp any any -> any any (seq:!1; sid:1;)`, diag.ErrBadValue, "seq"},
		{`alert udp any any -> any any (ack:1; sid:1;)`, diag.ErrConflict, "ack in a udp rule"},
		{`alert tcp any any -> any any (icmp_id:1; sid:1;)`, diag.ErrConflict, "icmp_id in a tcp rule"},
	})
}
