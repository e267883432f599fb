package kernel

import (
	"net/netip"
	"strings"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

func slot(rule uint32, a kernelgen.Action) kernelgen.Slot {
	return kernelgen.Slot{Rule: rule, Action: a}
}

func port(p uint16) []portRange { return []portRange{{p, p}} }

func prefixes(s ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(s))
	for i, p := range s {
		out[i] = netip.MustParsePrefix(p)
	}
	return out
}

func content(p string) itemRef { return itemRef{Item: kernelgen.Item{Pattern: []byte(p)}} }

func nocase(p string) itemRef {
	it := content(p)
	it.Nocase = true
	return it
}

func not(it itemRef) itemRef {
	it.negated = true
	return it
}

func with(s kernelgen.Slot, f func(*kernelgen.Slot)) kernelgen.Slot {
	f(&s)
	return s
}

var tcp, udp = []uint8{ipTCP}, []uint8{ipUDP}

// testRules exercises every slot condition; the rule id is the port (or
// the ICMP type) the rule listens on, to keep the cases readable.
var testRules = []rule{
	{Slot: slot(80, kernelgen.ActAlert), protos: tcp, dst: prefixes("10.1.0.0/16"), dports: port(80)},
	{Slot: slot(53, kernelgen.ActDrop), protos: udp, dports: port(53), items: []itemRef{content("abc")}},
	{Slot: slot(8080, kernelgen.ActAlert), protos: tcp, dports: port(8080), items: []itemRef{nocase("XyZ")}},
	{Slot: slot(8081, kernelgen.ActAlert), protos: tcp, dports: port(8081), items: []itemRef{content("foo"), not(content("bar"))}},
	{Slot: slot(8082, kernelgen.ActAlert), protos: tcp, dports: port(8082), items: []itemRef{
		{Item: kernelgen.Item{Pattern: []byte("GET"), StartsWith: true}},
		{Item: kernelgen.Item{Pattern: []byte("end"), EndsWith: true}},
	}},
	{Slot: slot(8083, kernelgen.ActAlert), protos: tcp, dports: port(8083), items: []itemRef{
		{Item: kernelgen.Item{Pattern: []byte("mid"), Offset: 4, Depth: 6}},
	}},
	{Slot: with(slot(9000, kernelgen.ActAlert), func(s *kernelgen.Slot) { s.Dsize = kernelgen.Cmp{Op: kernelgen.CmpGt, A: 10} }),
		protos: udp, dports: port(9000)},
	{Slot: with(slot(2222, kernelgen.ActAlert), func(s *kernelgen.Slot) { s.TTL = kernelgen.Cmp{Op: kernelgen.CmpLt, A: 5} }),
		protos: tcp, dports: port(2222)},
	{Slot: with(slot(8, kernelgen.ActAlert), func(s *kernelgen.Slot) {
		s.IType = kernelgen.Cmp{Op: kernelgen.CmpEq, A: 8}
		s.ICode = kernelgen.Cmp{Op: kernelgen.CmpEq, A: 0}
	}), protos: []uint8{ipICMP}},
	{Slot: with(slot(128, kernelgen.ActAlert), func(s *kernelgen.Slot) { s.IType = kernelgen.Cmp{Op: kernelgen.CmpEq, A: 128} }),
		protos: []uint8{ipICMPv6}},
	{Slot: with(slot(22, kernelgen.ActReject), func(s *kernelgen.Slot) {
		s.Flags = kernelgen.Flags{Mod: kernelgen.FlagsExact, Set: flagSYN, Ignore: 0xc0}
		s.DropScope = kernelgen.DropFlow
	}), protos: tcp, dports: port(22)},
	{Slot: with(slot(4444, kernelgen.ActAlert), func(s *kernelgen.Slot) {
		s.Flags = kernelgen.Flags{Mod: kernelgen.FlagsPlus, Set: flagSYN | flagACK}
	}), protos: tcp, dports: port(4444)},
	{Slot: with(slot(4445, kernelgen.ActAlert), func(s *kernelgen.Slot) {
		s.Flags = kernelgen.Flags{Mod: kernelgen.FlagsNot, Set: flagSYN | flagFIN}
	}), protos: tcp, dports: port(4445)},
	// A bidirectional rule: two slots, one rule.
	{Slot: slot(7000, kernelgen.ActAlert), protos: tcp, dports: port(7000)},
	{Slot: slot(7000, kernelgen.ActAlert), protos: tcp, sports: port(7000)},
	// Pass wins over the alert on the same port.
	{Slot: slot(443, kernelgen.ActPass), protos: tcp, dports: port(443)},
	{Slot: slot(1443, kernelgen.ActAlert), protos: tcp, dports: port(443)},
	{Slot: with(slot(2443, kernelgen.ActAlert), func(s *kernelgen.Slot) { s.Userspace = true }), protos: tcp, dports: port(443)},
	{Slot: with(slot(8888, kernelgen.ActAlert), func(s *kernelgen.Slot) { s.Userspace = true }), protos: tcp, dports: port(8888)},
	{Slot: with(slot(6666, kernelgen.ActDrop), func(s *kernelgen.Slot) { s.NoAlert = true }), protos: tcp, dports: port(6666)},
	{Slot: slot(5353, kernelgen.ActAlert), protos: udp, src: prefixes("2001:db8::/32"), dports: port(5353)},
	{Slot: slot(3333, kernelgen.ActAlert), protos: tcp, dports: port(3333), items: []itemRef{not(content("evil"))}},
	{Slot: slot(5555, kernelgen.ActDrop), protos: tcp, dports: port(5555), items: []itemRef{content("zzz")}},
	{Slot: slot(6000, kernelgen.ActAlert), protos: tcp, dports: port(6000), items: []itemRef{content(longPattern)}},
	// An IP-level rule (alert ip 203.0.113.0/24 any -> any any): it
	// matches packets whose transport header is malformed too.
	{Slot: slot(6875, kernelgen.ActAlert), src: prefixes("203.0.113.0/24")},
	{Slot: slot(6876, kernelgen.ActAlert), src: prefixes("203.0.113.0/24"), items: []itemRef{content("GET")}},
}

// longPattern sets the automaton's depth, which decides where the second
// walk starts.
var longPattern = strings.Repeat("0123456789", 10)
