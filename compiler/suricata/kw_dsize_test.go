package suricata

import (
	"testing"

	"github.com/rulec/rulec/compiler/ir"
)

// TestDsizeNotEqualRequiresPayload: dsize:!N (N > 0) also requires a
// payload, as Suricata's signature mask does; dsize:!0 and other
// comparisons add nothing.
func TestDsizeNotEqualRequiresPayload(t *testing.T) {
	payload := ir.Buffer{Name: ir.BufPayload}
	checkMatchers(t, []matcherCase{
		{`alert tcp any any -> any any (dsize:!9; sid:1;)`, &ir.IsDataAt{Buffer: payload}},
		{`alert tcp any any -> any any (dsize:!=9; sid:1;)`, &ir.IsDataAt{Buffer: payload}},
		{`alert tcp any any -> any any (dsize:!0; sid:1;)`, &ir.Size{Buffer: payload, What: "dsize", Cmp: ir.Cmp{Op: "!=", A: 0}}},
		{`alert tcp any any -> any any (dsize:<10; sid:1;)`, &ir.Size{Buffer: payload, What: "dsize", Cmp: ir.Cmp{Op: "<", A: 10}}},
	})
}
