package kernel

import (
	"net/netip"
	"sort"
)

// Lookup answers the classifier's header questions in Go, for the
// reference evaluator and for tests.
type Lookup struct {
	t        *Tables
	src, dst map[netip.Prefix]Bitset
	srcLens  [2][]int // prefix lengths present, longest first: v4, v6
	dstLens  [2][]int
}

// NewLookup indexes t.
func NewLookup(t *Tables) *Lookup {
	l := &Lookup{t: t, src: map[netip.Prefix]Bitset{}, dst: map[netip.Prefix]Bitset{}}
	l.srcLens = index(l.src, t.SrcV4, t.SrcV6)
	l.dstLens = index(l.dst, t.DstV4, t.DstV6)
	return l
}

func index(m map[netip.Prefix]Bitset, v4, v6 []PrefixBits) [2][]int {
	var lens [2][]int
	for fam, list := range [][]PrefixBits{v4, v6} {
		seen := map[int]bool{}
		for _, p := range list {
			m[p.Prefix] = p.Bits
			if !seen[p.Prefix.Bits()] {
				seen[p.Prefix.Bits()] = true
				lens[fam] = append(lens[fam], p.Prefix.Bits())
			}
		}
		sort.Sort(sort.Reverse(sort.IntSlice(lens[fam])))
	}
	return lens
}

func lpm(m map[netip.Prefix]Bitset, lens [2][]int, a netip.Addr) Bitset {
	a = a.Unmap()
	fam := 1
	if a.Is4() {
		fam = 0
	}
	for _, n := range lens[fam] {
		p, _ := a.Prefix(n)
		if b, ok := m[p]; ok {
			return b
		}
	}
	return nil
}

func portBits(classes []PortClass, bits []Bitset, port uint16) Bitset {
	i := sort.Search(len(classes), func(i int) bool { return classes[i].Hi >= port })
	if i == len(classes) {
		return nil
	}
	return bits[classes[i].Class]
}

// Header returns the five bitsets a packet header selects: source and
// destination prefix, protocol, source and destination port class.
func (l *Lookup) Header(src, dst netip.Addr, proto uint8, sport, dport uint16) []Bitset {
	return l.HeaderInto(nil, src, dst, proto, sport, dport)
}

// HeaderInto is Header appending to dst.
func (l *Lookup) HeaderInto(dst []Bitset, src, dstAddr netip.Addr, proto uint8, sport, dport uint16) []Bitset {
	t := l.t
	return append(dst,
		lpm(l.src, l.srcLens, src),
		lpm(l.dst, l.dstLens, dstAddr),
		t.Proto[proto],
		portBits(t.SportClass, t.SportBits, sport),
		portBits(t.DportClass, t.DportBits, dport),
	)
}

// Addrs returns the source and destination prefix bitsets of Header
// alone.
func (l *Lookup) Addrs(src, dst netip.Addr) (Bitset, Bitset) {
	return lpm(l.src, l.srcLens, src), lpm(l.dst, l.dstLens, dst)
}

// Candidates returns the slots whose header matches, in slot order;
// extra bitsets narrow the result further.
func (l *Lookup) Candidates(src, dst netip.Addr, proto uint8, sport, dport uint16, extra ...Bitset) []int {
	return l.t.And(append(l.Header(src, dst, proto, sport, dport), extra...)...)
}

// NewBitset returns an empty slot set of the tables' shape.
func (t *Tables) NewBitset() Bitset { return t.newBitset() }

// Set adds slot i to b.
func (t *Tables) Set(b Bitset, i int) { t.set(b, i) }
