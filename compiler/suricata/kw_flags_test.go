package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestFlags(t *testing.T) {
	checkMatchers(t, []matcherCase{
		{`alert tcp any any -> any any (flags: S,12; sid:1;)`, &ir.TCPFlags{Flags: 0x02, Ignore: 0xc0}},
		{`alert tcp any any -> any any (flags:SA; sid:1;)`, &ir.TCPFlags{Flags: 0x12}},
		{`alert tcp any any -> any any (flags:FSRPAUEC; sid:1;)`, &ir.TCPFlags{Flags: 0xff}},
		{`alert tcp any any -> any any (flags:12; sid:1;)`, &ir.TCPFlags{Flags: 0xc0}},
		{`alert tcp any any -> any any (flags:0; sid:1;)`, &ir.TCPFlags{}},
		{`alert tcp any any -> any any (flags:!R; sid:1;)`, &ir.TCPFlags{Flags: 0x04, Mod: "!"}},
		{`alert tcp any any -> any any (flags:+ A; sid:1;)`, &ir.TCPFlags{Flags: 0x10, Mod: "+"}},
		{`alert tcp any any -> any any (flags:SF*; sid:1;)`, &ir.TCPFlags{Flags: 0x03, Mod: "*"}},
		{`alert tcp any any -> any any (flags:PA+,CE; sid:1;)`, &ir.TCPFlags{Flags: 0x18, Mod: "+", Ignore: 0xc0}},
		{`alert ip any any -> any any (flags:U; sid:1;)`, &ir.TCPFlags{Flags: 0x20}},
		{`alert http any any -> any any (flags:A; sid:1;)`, &ir.TCPFlags{Flags: 0x10}},
		{`alert tcp any any -> any any (tcp.flags:S,12; sid:1;)`, &ir.TCPFlags{Flags: 0x02, Ignore: 0xc0}},
	})
}

func TestFlagsErrors(t *testing.T) {
	checkFailures(t, []failCase{
		{`alert udp any any -> any any (flags:S; sid:1;)`, diag.ErrConflict, "flags: flags in a udp rule"},
		{`alert icmp any any -> any any (flags:S; sid:1;)`, diag.ErrConflict, "flags in a icmp rule"},
		{`alert tcp any any -> any any (flags:!S+; sid:1;)`, diag.ErrConflict, "only one modifier"},
		{`alert tcp any any -> any any (flags:S+*; sid:1;)`, diag.ErrConflict, "only one modifier"},
		{`alert tcp any any -> any any (flags:!; sid:1;)`, diag.ErrBadValue, "want [!+*]FSRPAUCE0"},
		{`alert tcp any any -> any any (flags:s; sid:1;)`, diag.ErrBadValue, `bad flags letter "s"`},
		{`alert tcp any any -> any any (flags:S A; sid:1;)`, diag.ErrBadValue, `bad flags letter " "`},
		{`alert tcp any any -> any any (flags:SX; sid:1;)`, diag.ErrBadValue, `bad flags letter "X"`},
		{`alert tcp any any -> any any (flags:S,; sid:1;)`, diag.ErrBadValue, "flags ignore mask"},
		{`alert tcp any any -> any any (flags:S,0; sid:1;)`, diag.ErrBadValue, `bad flags ignore mask letter "0"`},
		{`alert tcp any any -> any any (flags:,12; sid:1;)`, diag.ErrBadValue, "want [!+*]FSRPAUCE0"},
		{`alert udp any any -> any any (tcp.flags:S; sid:1;)`, diag.ErrConflict, "tcp.flags in a udp rule"},
	})
}
