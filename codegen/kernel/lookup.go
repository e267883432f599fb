package kernel

import (
	"encoding/binary"
	"net/netip"
	"sort"
)

// Lookup answers the classifier's header questions in Go, for the
// reference evaluator and for tests.
type Lookup struct {
	t        *Tables
	src, dst prefixIndex
}

// NewLookup indexes t.
func NewLookup(t *Tables) *Lookup {
	return &Lookup{t: t, src: newPrefixIndex(t.SrcV4, t.SrcV6), dst: newPrefixIndex(t.DstV4, t.DstV6)}
}

// prefixIndex finds the longest prefix holding an address with one map
// lookup per prefix length present, keyed by integers.
type prefixIndex struct {
	v4   map[uint64]Bitset // by length<<32 | address
	v6   map[v6Key]Bitset
	lens [2][]int // prefix lengths present, longest first: v4, v6
}

type v6Key struct {
	hi, lo uint64
	bits   int
}

func newPrefixIndex(v4, v6 []PrefixBits) prefixIndex {
	x := prefixIndex{v4: map[uint64]Bitset{}, v6: map[v6Key]Bitset{}}
	for fam, list := range [][]PrefixBits{v4, v6} {
		seen := map[int]bool{}
		for _, p := range list {
			if a := p.Prefix.Addr(); a.Is4() {
				x.v4[key4(a, p.Prefix.Bits())] = p.Bits
			} else {
				x.v6[key6(a, p.Prefix.Bits())] = p.Bits
			}
			if !seen[p.Prefix.Bits()] {
				seen[p.Prefix.Bits()] = true
				x.lens[fam] = append(x.lens[fam], p.Prefix.Bits())
			}
		}
		sort.Sort(sort.Reverse(sort.IntSlice(x.lens[fam])))
	}
	return x
}

func key4(a netip.Addr, bits int) uint64 {
	b := a.As4()
	return uint64(bits)<<32 | uint64(binary.BigEndian.Uint32(b[:]))
}

func key6(a netip.Addr, bits int) v6Key {
	b := a.As16()
	return v6Key{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), bits}
}

// lookup returns the bitset of the longest prefix holding a, nil when
// none does.
func (x *prefixIndex) lookup(a netip.Addr) Bitset {
	a = a.Unmap()
	switch {
	case a.Is4():
		k := key4(a, 0)
		for _, n := range x.lens[0] {
			mask := ^uint64(0) << (32 - n) & (1<<32 - 1)
			if b, ok := x.v4[uint64(n)<<32|k&mask]; ok {
				return b
			}
		}
	case a.Is6():
		k := key6(a, 0)
		for _, n := range x.lens[1] {
			hi, lo := ^uint64(0), ^uint64(0)<<(128-n)
			if n < 64 {
				hi, lo = ^uint64(0)<<(64-n), 0
			}
			if b, ok := x.v6[v6Key{k.hi & hi, k.lo & lo, n}]; ok {
				return b
			}
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
		l.src.lookup(src),
		l.dst.lookup(dstAddr),
		t.Proto[proto],
		portBits(t.SportClass, t.SportBits, sport),
		portBits(t.DportClass, t.DportBits, dport),
	)
}

// Addrs returns the source and destination prefix bitsets of Header
// alone.
func (l *Lookup) Addrs(src, dst netip.Addr) (Bitset, Bitset) {
	return l.src.lookup(src), l.dst.lookup(dst)
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
