package kernel

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

// TestPrefixIndexLongestMatch holds the integer-keyed prefix index to the
// longest prefix holding each address, found by trying every prefix, on
// random IPv4 and IPv6 prefixes of every length (0, 32 and 128 included)
// and addresses near them, v4-mapped and invalid ones included.
func TestPrefixIndexLongestMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	addr := func(v6 bool) netip.Addr {
		if v6 {
			var b [16]byte
			b[0] = 0x20
			for i := 1; i < 16; i++ {
				b[i] = byte(rng.IntN(4))
			}
			return netip.AddrFrom16(b)
		}
		return netip.AddrFrom4([4]byte{10, byte(rng.IntN(4)), byte(rng.IntN(4)), byte(rng.IntN(256))})
	}
	var v4, v6 []PrefixBits
	seen := map[netip.Prefix]bool{}
	for i := range 400 {
		isV6 := i%2 == 1
		bits := rng.IntN(33)
		if isV6 {
			bits = rng.IntN(129)
		}
		p, _ := addr(isV6).Prefix(bits)
		if seen[p] {
			continue
		}
		seen[p] = true
		pb := PrefixBits{Prefix: p, Bits: Bitset{uint64(i)}}
		if isV6 {
			v6 = append(v6, pb)
		} else {
			v4 = append(v4, pb)
		}
	}
	x := newPrefixIndex(v4, v6)
	want := func(a netip.Addr) Bitset {
		a = a.Unmap()
		best, found := -1, Bitset(nil)
		for _, list := range [][]PrefixBits{v4, v6} {
			for _, p := range list {
				if p.Prefix.Contains(a) && p.Prefix.Bits() > best {
					best, found = p.Prefix.Bits(), p.Bits
				}
			}
		}
		return found
	}
	hits := 0
	for i := range 20000 {
		a := addr(i%2 == 1)
		if i%7 == 0 && a.Is4() {
			a = netip.AddrFrom16(a.As16())
		}
		got, exp := x.lookup(a), want(a)
		if (got == nil) != (exp == nil) || got != nil && got[0] != exp[0] {
			t.Fatalf("%v: got %v, want %v", a, got, exp)
		}
		if got != nil {
			hits++
		}
	}
	if x.lookup(netip.Addr{}) != nil {
		t.Error("the invalid address matched a prefix")
	}
	if hits == 0 {
		t.Error("no address matched: the index was not exercised")
	}
}
