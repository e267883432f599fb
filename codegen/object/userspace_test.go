package object

import (
	"testing"

	"github.com/rulec/rulec/compiler/lower"
	"github.com/rulec/rulec/compiler/suricata"
	"github.com/rulec/rulec/compiler/vars"
)

// Userspace moves every rule to the userspace tier: the classifier's
// tables then hold header shapes only, which copy packets up.
func TestUserspaceObject(t *testing.T) {
	rules, errs, _ := suricata.New(vars.Defaults()).File("t.rules", []byte(
		"drop tcp any any -> any any (sid:1;)\npass tcp any any -> any any (flags:S; sid:2;)\nalert udp any any -> any 53 (content:\"a\"; sid:3;)\n"))
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	o, err := Build(rules, []byte("elf"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := o.Userspace("why")
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range u.Tiers {
		if d.Tier != lower.Userspace || d.Reason != "why" || o.Tiers[i].Tier != lower.Kernel {
			t.Errorf("rule %d: tier %+v (was %+v)", i, d, o.Tiers[i])
		}
	}
	for i, s := range u.Kernel.Slots {
		if !s.Userspace {
			t.Errorf("slot %d decides rule %d in the kernel", i, s.Rule)
		}
	}
}
