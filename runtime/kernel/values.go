package kernel

import (
	"net/netip"

	"github.com/rulec/rulec/bpf"
	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

func lpmV4(p netip.Prefix) bpf.RulecLpmV4 {
	p = p.Masked()
	return bpf.RulecLpmV4{Prefixlen: uint32(p.Bits()), Addr: p.Addr().As4()}
}

func lpmV6(p netip.Prefix) bpf.RulecLpmV6 {
	p = p.Masked()
	return bpf.RulecLpmV6{Prefixlen: uint32(p.Bits()), Addr: p.Addr().As16()}
}

func flag(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

func cmpValue(c kernelgen.Cmp) bpf.RulecCmp {
	return bpf.RulecCmp{A: c.A, B: c.B, Op: bpf.RulecCmpOp(c.Op)}
}

func slotValue(s kernelgen.Slot) bpf.RulecSlot {
	return bpf.RulecSlot{
		Rule:        s.Rule,
		ItemStart:   s.ItemStart,
		ItemCount:   s.ItemCount,
		Action:      bpf.RulecAction(s.Action),
		Userspace:   flag(s.Userspace),
		Noalert:     flag(s.NoAlert),
		FlagsMod:    bpf.RulecFlagsMod(s.Flags.Mod),
		FlagsSet:    s.Flags.Set,
		FlagsIgnore: s.Flags.Ignore,
		Buffer:      bpf.RulecBuffer(s.Buffer),
		Flow:        bpf.RulecFlowReq(s.Flow),
		DropScope:   bpf.RulecDropScope(s.DropScope),
		Dsize:       cmpValue(s.Dsize),
		Blen:        cmpValue(s.BLen),
		Ttl:         cmpValue(s.TTL),
		Itype:       cmpValue(s.IType),
		Icode:       cmpValue(s.ICode),
	}
}

func itemValue(it kernelgen.Item) bpf.RulecItem {
	return bpf.RulecItem{
		Len:        uint32(len(it.Pattern)),
		Offset:     it.Offset,
		Depth:      it.Depth,
		Nocase:     flag(it.Nocase),
		Startswith: flag(it.StartsWith),
		Endswith:   flag(it.EndsWith),
		Buffer:     bpf.RulecBuffer(it.Buffer),
		RestGe:     it.RestGE,
		RestLt:     it.RestLT,
	}
}
