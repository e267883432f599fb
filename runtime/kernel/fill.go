package kernel

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/cilium/ebpf"

	"github.com/rulec/rulec/bpf"
	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

// fill writes t into the loaded maps.
func fill(m *bpf.RulecMaps, t *kernelgen.Tables, n *kernelgen.Narrowing) error {
	steps := []struct {
		name string
		fn   func() error
	}{
		{bpf.RulecMapRcSrcV4, func() error { return fillPrefixes(m.RcSrcV4, t.SrcV4, lpmV4) }},
		{bpf.RulecMapRcDstV4, func() error { return fillPrefixes(m.RcDstV4, t.DstV4, lpmV4) }},
		{bpf.RulecMapRcSrcV6, func() error { return fillPrefixes(m.RcSrcV6, t.SrcV6, lpmV6) }},
		{bpf.RulecMapRcDstV6, func() error { return fillPrefixes(m.RcDstV6, t.DstV6, lpmV6) }},
		{bpf.RulecMapRcProto, func() error { return fillBitsets(m.RcProto, t.Proto[:]) }},
		{bpf.RulecMapRcSportClass, func() error { return fillPortClasses(m.RcSportClass, t.SportClass) }},
		{bpf.RulecMapRcDportClass, func() error { return fillPortClasses(m.RcDportClass, t.DportClass) }},
		{bpf.RulecMapRcSportBits, func() error { return fillBitsets(m.RcSportBits, t.SportBits) }},
		{bpf.RulecMapRcDportBits, func() error { return fillBitsets(m.RcDportBits, t.DportBits) }},
		{bpf.RulecMapRcSlots, func() error { return fillSlots(m.RcSlots, t.Slots) }},
		{bpf.RulecMapRcItems, func() error { return fillItems(m.RcItems, m.RcPatterns, t.Items) }},
		{bpf.RulecMapRcSlotItems, func() error { return update(m.RcSlotItems, indexes(len(t.SlotItems)), t.SlotItems) }},
		{bpf.RulecMapRcDfa, func() error { return fillAutomaton(m, &t.Automaton) }},
		{bpf.RulecMapRcNarrow, func() error { return fillNarrowing(m, n) }},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

func indexes(n int) []uint32 {
	keys := make([]uint32, n)
	for i := range keys {
		keys[i] = uint32(i)
	}
	return keys
}

func bitsetBytes(b kernelgen.Bitset) []byte {
	out := make([]byte, 0, 8*len(b))
	for _, w := range b {
		out = binary.NativeEndian.AppendUint64(out, w)
	}
	return out
}

func fillPrefixes[K any](m *ebpf.Map, prefixes []kernelgen.PrefixBits, key func(netip.Prefix) K) error {
	keys := make([]K, len(prefixes))
	values := make([][]byte, len(prefixes))
	for i, p := range prefixes {
		keys[i] = key(p.Prefix)
		values[i] = bitsetBytes(p.Bits)
	}
	return update(m, keys, values)
}

// fillBitsets writes the non-empty bitsets by index; nil ones stay zero.
func fillBitsets(m *ebpf.Map, bitsets []kernelgen.Bitset) error {
	var keys []uint32
	var values [][]byte
	for i, b := range bitsets {
		if b != nil {
			keys = append(keys, uint32(i))
			values = append(values, bitsetBytes(b))
		}
	}
	return update(m, keys, values)
}

func fillPortClasses(m *ebpf.Map, classes []kernelgen.PortClass) error {
	values := make([]uint32, 1<<16)
	for _, c := range classes {
		for p := int(c.Lo); p <= int(c.Hi); p++ {
			values[p] = c.Class
		}
	}
	return update(m, indexes(len(values)), values)
}

func fillSlots(m *ebpf.Map, slots []kernelgen.Slot) error {
	values := make([]bpf.RulecSlot, len(slots))
	for i, s := range slots {
		values[i] = slotValue(s)
	}
	return update(m, indexes(len(values)), values)
}

func fillItems(items, patterns *ebpf.Map, t []kernelgen.Item) error {
	values := make([]bpf.RulecItem, len(t))
	pats := make([][bpf.MaxPattern]byte, len(t))
	for i, it := range t {
		values[i] = itemValue(it)
		copy(pats[i][:], it.Pattern)
	}
	keys := indexes(len(t))
	if err := update(items, keys, values); err != nil {
		return err
	}
	if err := update(patterns, keys, pats); err != nil {
		return fmt.Errorf("%s: %w", bpf.RulecMapRcPatterns, err)
	}
	return nil
}

func fillAutomaton(m *bpf.RulecMaps, a *kernelgen.Automaton) error {
	if err := m.RcDfa.Put(uint32(0), dfaValue(a)); err != nil {
		return err
	}
	if err := m.RcClass.Put(uint32(0), a.Class); err != nil {
		return fmt.Errorf("%s: %w", bpf.RulecMapRcClass, err)
	}
	if err := update(m.RcOutStart, indexes(len(a.OutStart)), a.OutStart); err != nil {
		return fmt.Errorf("%s: %w", bpf.RulecMapRcOutStart, err)
	}
	if err := update(m.RcOutItems, indexes(len(a.OutItems)), a.OutItems); err != nil {
		return fmt.Errorf("%s: %w", bpf.RulecMapRcOutItems, err)
	}
	return nil
}

// fillNarrowing writes the slot sets (keyed by bpf.RulecNarrowSet) and
// the slots of each item.
func fillNarrowing(m *bpf.RulecMaps, n *kernelgen.Narrowing) error {
	sets := make([]kernelgen.Bitset, bpf.RulecNarrowSetNS_MAX)
	sets[bpf.RulecNarrowSetNS_WALK] = n.Walk
	sets[bpf.RulecNarrowSetNS_PAYLOAD] = n.Payload
	sets[bpf.RulecNarrowSetNS_NAME] = n.Name
	sets[bpf.RulecNarrowSetNS_DNS] = n.DNS
	sets[bpf.RulecNarrowSetNS_SNI] = n.SNI
	sets[bpf.RulecNarrowSetNS_USER_PAYLOAD] = n.UserPayload
	sets[bpf.RulecNarrowSetNS_USER_DNS] = n.UserDNS
	if err := fillBitsets(m.RcNarrow, sets); err != nil {
		return err
	}
	if err := update(m.RcItemSlotStart, indexes(len(n.ItemStart)), n.ItemStart); err != nil {
		return fmt.Errorf("%s: %w", bpf.RulecMapRcItemSlotStart, err)
	}
	if err := update(m.RcItemSlots, indexes(len(n.ItemSlots)), n.ItemSlots); err != nil {
		return fmt.Errorf("%s: %w", bpf.RulecMapRcItemSlots, err)
	}
	return nil
}
