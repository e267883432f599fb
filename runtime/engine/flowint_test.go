package engine

import (
	"slices"
	"testing"

	"github.com/rulec/rulec/runtime/inspect"
)

// flowint counts per flow: + starts an unset variable at its operand,
// comparisons need the variable set, notset is isnotset, and a variable
// operand reads another flowint.
func TestFlowint(t *testing.T) {
	h := newHarness(t, `
alert tcp any any -> any any (msg:"count"; flowint:nn,notset; flowint:nn,+,1; sid:1;)
alert tcp any any -> any any (msg:"bump"; flowint:nn,isset; flowint:nn,+,2; noalert; sid:2;)
alert tcp any any -> any any (msg:"ge"; flowint:nn,>=,5; sid:3;)
alert tcp any any -> any any (msg:"set limit"; flowint:limit,=,3; noalert; sid:4;)
alert tcp any any -> any any (msg:"var cmp"; flowint:nn,>,limit; flowint:nn,-,1; sid:5;)
alert tcp any any -> any any (msg:"never set"; flowint:mm,<,10; sid:6;)
`, fakeKernel{}, nil)
	f := tcpFlow(1)
	for range 3 {
		h.frame(t, packetUnit(f, inspect.ToServer, "x"))
	}
	// Setters go first (1, 2, 4, 5, then 3, 6).
	// frame 1: sid 1 (nn=1), sid 2 sees nn set (nn=3), sid 5: 3 > 3 fails.
	// frame 2: sid 2 (nn=5), sid 5 (nn=4), sid 3: 4 >= 5 fails.
	// frame 3: sid 2 (nn=6), sid 5 (nn=5), sid 3: 5 >= 5.
	got := sids(h.alerts(t))
	want := []uint64{1, 5, 5, 3}
	if !slices.Equal(got, want) {
		t.Errorf("alerts %v, want %v", got, want)
	}
	if f.Ints["nn"] != 5 || f.Ints["limit"] != 3 {
		t.Errorf("flowints %v", f.Ints)
	}
}
