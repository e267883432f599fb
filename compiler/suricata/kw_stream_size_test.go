package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestStreamSize(t *testing.T) {
	checkMatchers(t, []matcherCase{
		{`alert tcp any any -> any any (stream_size:server,<,500; sid:1;)`, &ir.StreamSize{Side: "server", Cmp: ir.Cmp{Op: "<", A: 500}}},
		{`alert tcp any any -> any any (stream_size: client , >= , 10000; sid:1;)`, &ir.StreamSize{Side: "client", Cmp: ir.Cmp{Op: ">=", A: 10000}}},
		{`alert tcp any any -> any any (stream_size:both,!=,0; sid:1;)`, &ir.StreamSize{Side: "both", Cmp: ir.Cmp{Op: "!=", A: 0}}},
		{`alert tcp any any -> any any (stream_size:either,=,4294967295; sid:1;)`, &ir.StreamSize{Side: "either", Cmp: ir.Cmp{Op: "=", A: 4294967295}}},
	})
}

func TestStreamSizeErrors(t *testing.T) {
	checkFailures(t, []failCase{
		{`alert tcp any any -> any any (stream_size:server,<; sid:1;)`, diag.ErrBadValue, "want server|client|both|either,op,N"},
		{`alert tcp any any -> any any (stream_size:server,<,1,2; sid:1;)`, diag.ErrBadValue, "want server|client"},
		{`alert tcp any any -> any any (stream_size:toserver,<,1; sid:1;)`, diag.ErrBadValue, `bad stream_size side, want server, client, both or either "toserver"`},
		{`alert tcp any any -> any any (stream_size:server,==,1; sid:1;)`, diag.ErrBadValue, `bad stream_size operator "=="`},
		{`alert tcp any any -> any any (stream_size:server,<>,1; sid:1;)`, diag.ErrBadValue, `bad stream_size operator "<>"`},
		{`alert tcp any any -> any any (stream_size:server,<,x; sid:1;)`, diag.ErrBadValue, `bad stream_size "x"`},
		{`alert tcp any any -> any any (stream_size:server,<,4294967296; sid:1;)`, diag.ErrBadRange, "stream_size 4294967296 out of range"},
	})
}
