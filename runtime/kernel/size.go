package kernel

import (
	"fmt"

	"github.com/cilium/ebpf"

	"github.com/rulec/rulec/bpf"
	kernelgen "github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/decode"
)

// size sets the map sizes and the read-only configuration of spec for t.
func size(spec *ebpf.CollectionSpec, t *kernelgen.Tables, n *kernelgen.Narrowing, o Options, ncpu int) error {
	bits := uint32(8 * (t.NSummary + t.NWords))
	a := &t.Automaton
	maps := []struct {
		name      string
		valueSize uint32 // 0: fixed by the program
		entries   int
	}{
		{bpf.RulecMapRcSrcV4, bits, len(t.SrcV4)},
		{bpf.RulecMapRcDstV4, bits, len(t.DstV4)},
		{bpf.RulecMapRcSrcV6, bits, len(t.SrcV6)},
		{bpf.RulecMapRcDstV6, bits, len(t.DstV6)},
		{bpf.RulecMapRcProto, bits, len(t.Proto)},
		{bpf.RulecMapRcSportBits, bits, len(t.SportBits)},
		{bpf.RulecMapRcDportBits, bits, len(t.DportBits)},
		{bpf.RulecMapRcSlots, 0, len(t.Slots)},
		{bpf.RulecMapRcItems, 0, len(t.Items)},
		{bpf.RulecMapRcPatterns, 0, len(t.Items)},
		{bpf.RulecMapRcItemStamp, 0, len(t.Items)},
		{bpf.RulecMapRcSlotItems, 0, len(t.SlotItems)},
		{bpf.RulecMapRcNarrow, bits, int(bpf.RulecNarrowSetNS_MAX)},
		{bpf.RulecMapRcItemSlotStart, 0, len(n.ItemStart)},
		{bpf.RulecMapRcItemSlots, 0, len(n.ItemSlots)},
		{bpf.RulecMapRcDfa, uint32(4 * dfaEntries(a)), 1},
		{bpf.RulecMapRcOutStart, 0, a.NStates + 1},
		{bpf.RulecMapRcOutItems, 0, len(a.OutItems)},
		{bpf.RulecMapRcAllowV4, 0, o.ListSize},
		{bpf.RulecMapRcAllowV6, 0, o.ListSize},
		{bpf.RulecMapRcBlockV4, 0, o.ListSize},
		{bpf.RulecMapRcBlockV6, 0, o.ListSize},
		{bpf.RulecMapRcBlockPort, 0, o.ListSize},
		{bpf.RulecMapRcEvents, 0, o.RingSize},
		{bpf.RulecMapRcCopy, 0, ncpu},
		{bpf.RulecMapRcTlsFlow, 0, tlsFlows(t)},
	}
	for _, m := range maps {
		ms, ok := spec.Maps[m.name]
		if !ok {
			return fmt.Errorf("map %s missing from the classifier", m.name)
		}
		if m.valueSize != 0 {
			ms.ValueSize = m.valueSize
		}
		ms.MaxEntries = uint32(max(m.entries, 1))
	}
	cfg, ok := spec.Variables[bpf.RulecVarCfg]
	if !ok {
		return fmt.Errorf("variable %s missing from the classifier", bpf.RulecVarCfg)
	}
	c := bpf.RulecConfig{
		Nwords:     uint32(t.NWords),
		Nsummary:   uint32(t.NSummary),
		Nclasses:   uint32(a.NClasses),
		MaxScan:    uint32(o.MaxScan),
		Depth:      uint32(depth(t.Items)),
		LastRow:    uint32(4 * (a.NStates - 1) * a.NClasses),
		Gen:        uint32(o.Generation),
		Tls:        uint32(flag(followsTLS(t))),
		NitemSlots: uint32(len(n.ItemSlots)),
		Midstream:  uint32(flag(o.Midstream)),
	}
	c.Nteredo, c.TeredoAny = tunnelPorts(&c.TeredoPorts, o.Decoder.Teredo)
	c.Nvxlan, _ = tunnelPorts(&c.VxlanPorts, o.Decoder.VXLAN)
	c.Ngeneve, _ = tunnelPorts(&c.GenevePorts, o.Decoder.Geneve)
	return cfg.Set(c)
}

// tunnelPorts lays an encapsulation's ports out for the classifier: how
// many, and whether every port is one (a disabled decoder has none).
func tunnelPorts(dst *[bpf.MaxTunnelPorts]uint16, t decode.TunnelPorts) (n, anyPort uint8) {
	if t.Off {
		return 0, 0
	}
	return uint8(copy(dst[:], t.Ports)), flag(t.Any)
}

// tlsFlows is how many flows the classifier follows for tls.sni: none
// (one entry, never used) without tls.sni slots.
func tlsFlows(t *kernelgen.Tables) int {
	if followsTLS(t) {
		return bpf.TLSFlows
	}
	return 1
}

// followsTLS reports whether a kernel slot inspects tls.sni, so that the
// classifier follows TCP flows for it.
func followsTLS(t *kernelgen.Tables) bool {
	for _, s := range t.Slots {
		if !s.Userspace && s.Buffer.OnSNI() {
			return true
		}
	}
	return false
}

// depth is the length of the longest pattern: the automaton's depth.
func depth(items []kernelgen.Item) int {
	d := 1
	for _, it := range items {
		d = max(d, len(it.Pattern))
	}
	return d
}
