package kernel

import "fmt"

// Capacity is how much of the classifier's fixed limits a rule set uses.
type Capacity struct {
	Slots, MaxSlots int
	KernelSlots     int // kernel rule directions
	Shapes          int // userspace header shapes
	Items           int
	States, Classes int
	BitsetBytes     int // one bitset: summary and words
	AutomatonBytes  int // the transition table
	PrefixesV4, V6  int // LPM entries, source and destination together
	SportC, DportC  int // port classes
}

// Capacity reports the tables' use of the classifier's limits.
func (t *Tables) Capacity() Capacity {
	c := Capacity{Slots: t.NSlots, MaxSlots: MaxSlots, Items: len(t.Items),
		States: t.Automaton.NStates, Classes: t.Automaton.NClasses,
		BitsetBytes:    8 * (t.NSummary + t.NWords),
		AutomatonBytes: 4 * (len(t.Automaton.Delta) + 256),
		PrefixesV4:     len(t.SrcV4) + len(t.DstV4), V6: len(t.SrcV6) + len(t.DstV6),
		SportC: len(t.SportBits), DportC: len(t.DportBits)}
	for _, s := range t.Slots {
		if s.Userspace {
			c.Shapes++
		} else {
			c.KernelSlots++
		}
	}
	return c
}

func (c Capacity) String() string {
	return fmt.Sprintf("kernel capacity: %d of %d slots (%d kernel rule directions, %d userspace header shapes), "+
		"%d-byte bitsets, %d IPv4 and %d IPv6 prefixes, %d/%d port classes, %d items, automaton %d states x %d classes (%d bytes)",
		c.Slots, c.MaxSlots, c.KernelSlots, c.Shapes, c.BitsetBytes, c.PrefixesV4, c.V6, c.SportC, c.DportC,
		c.Items, c.States, c.Classes, c.AutomatonBytes)
}
