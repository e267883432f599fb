package kernel

import (
	"fmt"
	"math/rand/v2"
	"net/netip"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

// headerRules gives n header-only alert rules; rule i matches TCP to
// 10.x.y.0/24 port 1+i with x.y = i.
func headerRules(n int) []rule {
	rules := make([]rule, n)
	for i := range rules {
		rules[i] = rule{
			Slot:   slot(uint32(i), kernelgen.ActAlert),
			protos: tcp,
			dst:    []netip.Prefix{netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i >> 8), byte(i), 0}), 24)},
			dports: port(uint16(1 + i)),
		}
	}
	return rules
}

// headerPacket is a TCP frame of size bytes that matches headerRules'
// rule i.
func headerPacket(i, size int) []byte {
	p := packet{
		src: "192.0.2.1", dst: fmt.Sprintf("10.%d.%d.9", byte(i>>8), byte(i)),
		proto: ipTCP, sport: 40000, dport: uint16(1 + i), flags: flagACK,
	}
	p.payload = string(make([]byte, max(0, size-len(p.bytes()))))
	return p.bytes()
}

// contentRules gives nslots random rules over npatterns random lowercase
// patterns of patternLen bytes (an automaton of about
// npatterns*(patternLen-2) states); every slot has one to three items.
// With headers > 0, the rules' source prefixes and port ranges come from
// that many distinct ones, as in real rule sets (bitsets per distinct
// prefix and port class stay few at any slot count).
func contentRules(nslots, npatterns, patternLen, headers int, seed uint64) ([]rule, []string) {
	r := rand.New(rand.NewPCG(seed, seed))
	patterns := make([]string, npatterns)
	for i := range patterns {
		b := make([]byte, patternLen)
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		patterns[i] = string(b)
	}
	rules := make([]rule, nslots)
	for i := range rules {
		if headers > 0 && i >= headers {
			rules[i] = rules[r.IntN(headers)]
			rules[i].Slot = slot(uint32(i), kernelgen.Action(1+r.IntN(3)))
			rules[i].items = nil
			for range 1 + r.IntN(3) {
				rules[i].items = append(rules[i].items, content(patterns[r.IntN(npatterns)]))
			}
			continue
		}
		var a [4]byte
		for j := range a {
			a[j] = byte(r.IntN(256))
		}
		rules[i] = rule{
			Slot:   slot(uint32(i), kernelgen.Action(1+r.IntN(3))),
			protos: tcp,
			src:    []netip.Prefix{netip.PrefixFrom(netip.AddrFrom4(a), 8+r.IntN(25))},
			dports: []portRange{{uint16(r.IntN(60000)), uint16(60000 + r.IntN(5000))}},
		}
		for range 1 + r.IntN(3) {
			rules[i].items = append(rules[i].items, content(patterns[r.IntN(npatterns)]))
		}
	}
	return rules, patterns
}
