package object

import (
	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/compiler/lower"
)

// Build lowers compiled rules into an object for the classifier elf:
// every enabled rule gets its tier, and the kernel tables are generated.
func Build(rules []*ir.Rule, elf []byte) (*Object, error) {
	o := &Object{BPF: elf}
	for _, r := range rules {
		if !r.Disabled {
			o.Rules = append(o.Rules, r)
		}
	}
	o.Tiers = lower.DecideSet(o.Rules)
	tiers := make([]lower.Tier, len(o.Tiers))
	for i, d := range o.Tiers {
		tiers[i] = d.Tier
	}
	t, err := kernel.Build(o.Rules, tiers)
	if err != nil {
		return nil, err
	}
	o.Kernel = t
	return o, nil
}

// Userspace returns o with every rule in the userspace tier, for why,
// and the kernel tables generated again: the classifier then only copies
// up the packets whose headers a rule can match, and decides none.
func (o *Object) Userspace(why string) (*Object, error) {
	u := &Object{BPF: o.BPF, Rules: o.Rules}
	tiers := make([]lower.Tier, len(o.Rules))
	for i := range o.Rules {
		u.Tiers = append(u.Tiers, lower.Decision{Tier: lower.Userspace, Reason: why})
		tiers[i] = lower.Userspace
	}
	t, err := kernel.Build(u.Rules, tiers)
	if err != nil {
		return nil, err
	}
	u.Kernel = t
	return u, nil
}
