package suricata

import (
	"reflect"
	"testing"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

func TestFlowint(t *testing.T) {
	for _, c := range []struct {
		opt  string
		want ir.Bit
	}{
		{`flowint:http.anomaly.count,+,1`, ir.Bit{Kind: "flowint", Cmd: "+", Names: []string{"http.anomaly.count"}, Value: 1}},
		{`flowint: cnt , notset`, ir.Bit{Kind: "flowint", Cmd: "isnotset", Names: []string{"cnt"}}},
		{`flowint:cnt,isset`, ir.Bit{Kind: "flowint", Cmd: "isset", Names: []string{"cnt"}}},
		{`flowint:cnt,>=,other`, ir.Bit{Kind: "flowint", Cmd: ">=", Names: []string{"cnt"}, Var: "other"}},
		{`flowint:cnt,=,4294967295`, ir.Bit{Kind: "flowint", Cmd: "=", Names: []string{"cnt"}, Value: 4294967295}},
	} {
		r := mustCompile(t, `alert tcp any any -> any any (`+c.opt+`; sid:1;)`)
		if len(r.Bits) != 1 || !reflect.DeepEqual(r.Bits[0], c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.opt, r.Bits, c.want)
		}
	}
	checkFailures(t, []failCase{
		{`alert tcp any any -> any any (flowint:cnt,+; sid:1;)`, diag.ErrBadValue, "without a value"},
		{`alert tcp any any -> any any (flowint:cnt,=,4294967296; sid:1;)`, diag.ErrBadValue, "0..4294967295"},
		{`alert tcp any any -> any any (flowint:c,+,1; sid:1;)`, diag.ErrBadValue, "want name,operator"},
		{`alert tcp any any -> any any (flowint:cnt,*,1; sid:1;)`, diag.ErrBadValue, "want name,operator"},
	})
}
