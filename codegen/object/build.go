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
	var tiers []lower.Tier
	for _, r := range rules {
		if r.Disabled {
			continue
		}
		d := lower.Decide(r)
		o.Rules = append(o.Rules, r)
		o.Tiers = append(o.Tiers, d)
		tiers = append(tiers, d.Tier)
	}
	t, err := kernel.Build(o.Rules, tiers)
	if err != nil {
		return nil, err
	}
	o.Kernel = t
	return o, nil
}
