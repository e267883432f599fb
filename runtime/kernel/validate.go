package kernel

import (
	"fmt"

	"github.com/rulec/rulec/bpf"
	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

// validate checks that t is consistent and within the classifier's
// limits; the verifier bounds every access, but wrong tables would still
// classify wrongly.
func validate(t *kernelgen.Tables, o Options) error {
	switch {
	case t.NWords < 1 || t.NWords > bpf.MaxWords:
		return fmt.Errorf("%d bitset words, the classifier takes 1 to %d", t.NWords, bpf.MaxWords)
	case t.NSummary != (t.NWords+63)/64:
		return fmt.Errorf("%d summary words for %d words", t.NSummary, t.NWords)
	case t.NSlots != len(t.Slots) || t.NSlots > 64*t.NWords:
		return fmt.Errorf("%d slots, NSlots %d, %d words", len(t.Slots), t.NSlots, t.NWords)
	case o.MaxScan < 1 || o.MaxScan > bpf.MaxScan:
		return fmt.Errorf("max scan %d, the classifier takes 1 to %d", o.MaxScan, bpf.MaxScan)
	}
	if err := validateBits(t); err != nil {
		return err
	}
	if err := validatePorts("source", t.SportClass, len(t.SportBits)); err != nil {
		return err
	}
	if err := validatePorts("destination", t.DportClass, len(t.DportBits)); err != nil {
		return err
	}
	if err := validateItems(t); err != nil {
		return err
	}
	return validateAutomaton(&t.Automaton, len(t.Items))
}

func validateBits(t *kernelgen.Tables) error {
	words := t.NSummary + t.NWords
	check := func(what string, b kernelgen.Bitset) error {
		if len(b) != words {
			return fmt.Errorf("%s: bitset of %d words, want %d", what, len(b), words)
		}
		return nil
	}
	for _, l := range []struct {
		name string
		v4   bool
		bits []kernelgen.PrefixBits
	}{{"SrcV4", true, t.SrcV4}, {"DstV4", true, t.DstV4}, {"SrcV6", false, t.SrcV6}, {"DstV6", false, t.DstV6}} {
		for _, p := range l.bits {
			if !p.Prefix.IsValid() || p.Prefix.Addr().Is4() != l.v4 || p.Prefix.Addr().Is4In6() {
				return fmt.Errorf("%s: prefix %v of the wrong family", l.name, p.Prefix)
			}
			if err := check(fmt.Sprintf("%s %v", l.name, p.Prefix), p.Bits); err != nil {
				return err
			}
		}
	}
	for i, b := range t.Proto {
		if b != nil {
			if err := check(fmt.Sprintf("protocol %d", i), b); err != nil {
				return err
			}
		}
	}
	for i, b := range t.SportBits {
		if err := check(fmt.Sprintf("source port class %d", i), b); err != nil {
			return err
		}
	}
	for i, b := range t.DportBits {
		if err := check(fmt.Sprintf("destination port class %d", i), b); err != nil {
			return err
		}
	}
	return nil
}

// validatePorts checks that the classes cover 0..65535 in order.
func validatePorts(what string, classes []kernelgen.PortClass, nclasses int) error {
	next := 0
	for _, c := range classes {
		if int(c.Lo) != next || c.Hi < c.Lo || int(c.Class) >= nclasses {
			return fmt.Errorf("%s port class [%d, %d] -> %d: want ranges from %d on, classes below %d",
				what, c.Lo, c.Hi, c.Class, next, nclasses)
		}
		next = int(c.Hi) + 1
	}
	if next != 1<<16 {
		return fmt.Errorf("%s port classes end at %d, want 65535", what, next-1)
	}
	return nil
}

func validateItems(t *kernelgen.Tables) error {
	for i, it := range t.Items {
		if len(it.Pattern) == 0 || len(it.Pattern) > bpf.MaxPattern {
			return fmt.Errorf("item %d: pattern of %d bytes, the classifier takes 1 to %d", i, len(it.Pattern), bpf.MaxPattern)
		}
		if it.Buffer > kernelgen.BufTLSSNIDot {
			return fmt.Errorf("item %d: buffer %d unknown", i, it.Buffer)
		}
	}
	for i, s := range t.Slots {
		if uint64(s.ItemStart)+uint64(s.ItemCount) > uint64(len(t.SlotItems)) {
			return fmt.Errorf("slot %d: items [%d, +%d) past %d references", i, s.ItemStart, s.ItemCount, len(t.SlotItems))
		}
		if s.Userspace && (s.ItemCount > 1 || s.ItemCount == 1 && t.SlotItems[s.ItemStart]&kernelgen.ItemNegated != 0) {
			return fmt.Errorf("slot %d: a userspace slot has other items than one prefilter item", i)
		}
		if s.Buffer > kernelgen.BufTLSSNIDot || (s.Userspace && (s.Buffer.OnSNI() || s.ItemCount == 0 && s.Buffer != kernelgen.BufPayload)) {
			return fmt.Errorf("slot %d: buffer %d", i, s.Buffer)
		}
		for _, ref := range t.SlotItems[s.ItemStart : s.ItemStart+s.ItemCount] {
			if id := int(ref &^ kernelgen.ItemNegated); id < len(t.Items) && t.Items[id].Buffer != s.Buffer {
				return fmt.Errorf("slot %d: item %d inspects %s, the slot %s", i, id, t.Items[id].Buffer, s.Buffer)
			}
		}
	}
	if len(t.ShapeRules) > len(t.Slots) {
		return fmt.Errorf("%d header shapes for %d slots", len(t.ShapeRules), len(t.Slots))
	}
	for i, rules := range t.ShapeRules {
		if len(rules) > 0 && !t.Slots[i].Userspace {
			return fmt.Errorf("slot %d: a kernel slot lists header-shape rules", i)
		}
	}
	for i, ref := range t.SlotItems {
		if id := ref &^ kernelgen.ItemNegated; int(id) >= len(t.Items) {
			return fmt.Errorf("item reference %d: item %d of %d", i, id, len(t.Items))
		}
	}
	return nil
}

func validateAutomaton(a *kernelgen.Automaton, nitems int) error {
	switch {
	case a.NClasses < 1 || a.NClasses > 256:
		return fmt.Errorf("automaton: %d byte classes", a.NClasses)
	case a.NStates < 1:
		return fmt.Errorf("automaton: %d states", a.NStates)
	case len(a.Delta) != a.NStates*a.NClasses:
		return fmt.Errorf("automaton: %d transitions for %d states x %d classes", len(a.Delta), a.NStates, a.NClasses)
	case 4*dfaEntries(a) > kernelgen.AcceptBit:
		return fmt.Errorf("automaton: %d states x %d classes exceed the 2 GiB transition table", a.NStates, a.NClasses)
	case len(a.OutStart) != a.NStates+1 || a.OutStart[0] != 0 || int(a.OutStart[a.NStates]) != len(a.OutItems):
		return fmt.Errorf("automaton: %d output starts for %d states and %d outputs", len(a.OutStart), a.NStates, len(a.OutItems))
	}
	for b, c := range a.Class {
		if int(c) >= a.NClasses {
			return fmt.Errorf("automaton: byte %d in class %d of %d", b, c, a.NClasses)
		}
	}
	for i, d := range a.Delta {
		if int(d&^kernelgen.AcceptBit) >= a.NStates {
			return fmt.Errorf("automaton: transition %d to state %d of %d", i, d&^kernelgen.AcceptBit, a.NStates)
		}
	}
	for s := range a.NStates {
		if a.OutStart[s+1] < a.OutStart[s] {
			return fmt.Errorf("automaton: output starts decrease at state %d", s)
		}
	}
	for i, id := range a.OutItems {
		if int(id) >= nitems {
			return fmt.Errorf("automaton: output %d is item %d of %d", i, id, nitems)
		}
	}
	return nil
}
