package kernel

import (
	"testing"

	"github.com/rulec/rulec/bpf"
	kernelgen "github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/runtime/refeval"
)

// TestContractValues checks that the C layouts use the values of the
// tables contract.
func TestContractValues(t *testing.T) {
	pairs := []struct {
		name      string
		bpf, want uint64
	}{
		{"alert", uint64(bpf.RulecActionACT_ALERT), uint64(kernelgen.ActAlert)},
		{"reject", uint64(bpf.RulecActionACT_REJECT), uint64(kernelgen.ActReject)},
		{"drop", uint64(bpf.RulecActionACT_DROP), uint64(kernelgen.ActDrop)},
		{"pass", uint64(bpf.RulecActionACT_PASS), uint64(kernelgen.ActPass)},
		{"cmp none", uint64(bpf.RulecCmpOpCMP_NONE), uint64(kernelgen.CmpNone)},
		{"cmp eq", uint64(bpf.RulecCmpOpCMP_EQ), uint64(kernelgen.CmpEq)},
		{"cmp ne", uint64(bpf.RulecCmpOpCMP_NE), uint64(kernelgen.CmpNe)},
		{"cmp lt", uint64(bpf.RulecCmpOpCMP_LT), uint64(kernelgen.CmpLt)},
		{"cmp gt", uint64(bpf.RulecCmpOpCMP_GT), uint64(kernelgen.CmpGt)},
		{"cmp le", uint64(bpf.RulecCmpOpCMP_LE), uint64(kernelgen.CmpLe)},
		{"cmp ge", uint64(bpf.RulecCmpOpCMP_GE), uint64(kernelgen.CmpGe)},
		{"cmp range", uint64(bpf.RulecCmpOpCMP_RANGE), uint64(kernelgen.CmpRange)},
		{"flags none", uint64(bpf.RulecFlagsModFLAGS_NONE), uint64(kernelgen.FlagsNone)},
		{"flags exact", uint64(bpf.RulecFlagsModFLAGS_EXACT), uint64(kernelgen.FlagsExact)},
		{"flags plus", uint64(bpf.RulecFlagsModFLAGS_PLUS), uint64(kernelgen.FlagsPlus)},
		{"flags any", uint64(bpf.RulecFlagsModFLAGS_ANY), uint64(kernelgen.FlagsAny)},
		{"flags not", uint64(bpf.RulecFlagsModFLAGS_NOT), uint64(kernelgen.FlagsNot)},
		{"drop packet", uint64(bpf.RulecDropScopeDS_PACKET), uint64(kernelgen.DropPacket)},
		{"drop flow", uint64(bpf.RulecDropScopeDS_FLOW), uint64(kernelgen.DropFlow)},
		{"flow bypassed", uint64(bpf.RulecPktFlowPF_BYPASSED), uint64(refeval.FlowBypassed)},
		{"item negated", bpf.ItemNeg, kernelgen.ItemNegated},
		{"accept bit", bpf.AcceptBit, kernelgen.AcceptBit},
		{"max scan", bpf.MaxScan, kernelgen.MaxScan},
		{"max pattern", bpf.MaxPattern, lower.MaxPatternLen},
	}
	for _, p := range pairs {
		if p.bpf != p.want {
			t.Errorf("%s: bpf %d, contract %d", p.name, p.bpf, p.want)
		}
	}
}

func TestCountersCoverEnum(t *testing.T) {
	var c Counters
	for i, f := range c.fields() {
		if f == nil {
			t.Errorf("counter %d has no Counters field", i)
		}
	}
}
