package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestHeaderFields(t *testing.T) {
	checkMatchers(t, []matcherCase{
		{`alert ip any any -> any any (ttl:64; sid:1;)`, &ir.Field{Name: "ttl", Cmp: ir.Cmp{Op: "=", A: 64}}},
		{`alert udp any any -> any any (ttl:<10; sid:1;)`, &ir.Field{Name: "ttl", Cmp: ir.Cmp{Op: "<", A: 10}}},
		{`alert tcp any any -> any any (ttl:1-5; sid:1;)`, &ir.Field{Name: "ttl", Cmp: ir.Cmp{Op: "<>", A: 1, B: 5}}},
		{`alert icmp any any -> any any (itype:8; sid:1;)`, &ir.Field{Name: "itype", Cmp: ir.Cmp{Op: "=", A: 8}}},
		{`alert icmpv6 any any -> any any (itype:>=128; sid:1;)`, &ir.Field{Name: "itype", Cmp: ir.Cmp{Op: ">=", A: 128}}},
		{`alert icmp any any -> any any (itype:8; icode:0; sid:1;)`, &ir.Field{Name: "icode", Cmp: ir.Cmp{Op: "=", A: 0}}},
		{`alert ip any any -> any any (icode:!3; sid:1;)`, &ir.Field{Name: "icode", Cmp: ir.Cmp{Op: "!=", A: 3}}},
		{`alert ip any any -> any any (id:31337; sid:1;)`, &ir.Field{Name: "id", Cmp: ir.Cmp{Op: "=", A: 31337}}},
		{`alert ip any any -> any any (id:"0"; sid:1;)`, &ir.Field{Name: "id", Cmp: ir.Cmp{Op: "=", A: 0}}},
		{`alert ip any any -> any any (tos:8; sid:1;)`, &ir.Field{Name: "tos", Cmp: ir.Cmp{Op: "=", A: 8}}},
		{`alert ip any any -> any any (tos:!x1C; sid:1;)`, &ir.Field{Name: "tos", Cmp: ir.Cmp{Op: "!=", A: 0x1c}}},
		{`alert ip any any -> any any (tos:! 255; sid:1;)`, &ir.Field{Name: "tos", Cmp: ir.Cmp{Op: "!=", A: 255}}},
	})
}

func TestHeaderFieldErrors(t *testing.T) {
	checkFailures(t, []failCase{
		{`alert ip any any -> any any (ttl:256; sid:1;)`, diag.ErrBadRange, "ttl: ttl 256 out of range [0, 255]"},
		{`alert ip any any -> any any (ttl:>255; sid:1;)`, diag.ErrBadRange, "can never match"},
		{`alert ip any any -> any any (ttl:x; sid:1;)`, diag.ErrBadValue, `bad ttl "x"`},
		{`alert tcp any any -> any any (itype:8; sid:1;)`, diag.ErrConflict, "itype: itype in a tcp rule"},
		{`alert udp any any -> any any (icode:0; sid:1;)`, diag.ErrConflict, "icode in a udp rule"},
		{`alert http any any -> any any (icode:0; sid:1;)`, diag.ErrConflict, "icode in a tcp rule"},
		{`alert icmp any any -> any any (icode:300; sid:1;)`, diag.ErrBadRange, "icode 300 out of range"},
		{`alert ip any any -> any any (id:65536; sid:1;)`, diag.ErrBadRange, "id 65536 out of range [0, 65535]"},
		{`alert ip any any -> any any (id:"1; sid:1;)`, diag.ErrBadValue, "bad id"},
		{`alert ip any any -> any any (tos:256; sid:1;)`, diag.ErrBadRange, "tos 256 out of range"},
		{`alert ip any any -> any any (tos:1000; sid:1;)`, diag.ErrBadValue, "want [!]N or [!]xHH"},
		{`alert ip any any -> any any (tos:0x10; sid:1;)`, diag.ErrBadValue, "want [!]N or [!]xHH"},
		{`alert ip any any -> any any (tos:x100; sid:1;)`, diag.ErrBadValue, "want [!]N or [!]xHH"},
	})
}
