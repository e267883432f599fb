package ac

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
)

// A tier finds candidate starts of its patterns by hashing folded
// windows of the text: a filter with one bit per hash of a window that
// occurs in a pattern, then a slot table from the window to the entries
// (pattern, offset of the window in it).
type tier struct {
	filter   []uint64
	mask     uint64 // hash >> 32 & mask is a bit of filter
	slots    []slot
	slotMask uint64
	ents     []ent
}

// slot lists the entries ents[from:to] of key; to is 0 in an empty slot.
type slot struct{ key, from, to uint32 }

// ent is one window of a pattern: the pattern, the window's offset in
// it, and the pattern's first n (up to 8) bytes case-folded, which turn
// most windows that merely occur in a text away before the pattern
// itself is read.
type ent struct {
	id     uint32
	off, n uint8
	prefix uint64
}

// newEnt returns the entry of pattern id, b, at offset off.
func newEnt(id uint32, b []byte, off int) ent {
	var p [8]byte
	n := copy(p[:], b)
	return ent{id: id, off: uint8(off), n: uint8(n), prefix: (binary.LittleEndian.Uint64(p[:]) | fold8) & prefixMask(n)}
}

// prefixMask keeps the low n bytes.
func prefixMask(n int) uint64 { return ^uint64(0) >> (64 - 8*n) }

// keyed is an entry under its key while a tier is built.
type keyed struct {
	key uint32
	ent
}

func hash(k uint32) uint64 { return uint64(k) * 0x9e3779b97f4a7c15 }

// newTier builds a tier of es with about bitsPerKey filter bits per
// distinct key.
func newTier(es []keyed, bitsPerKey int) *tier {
	slices.SortFunc(es, func(a, b keyed) int {
		if a.key != b.key {
			return cmp.Compare(a.key, b.key)
		}
		if a.id != b.id {
			return cmp.Compare(a.id, b.id)
		}
		return cmp.Compare(a.off, b.off)
	})
	es = slices.CompactFunc(es, func(a, b keyed) bool { return a == b })
	keys := 0
	for i, e := range es {
		if i == 0 || e.key != es[i-1].key {
			keys++
		}
	}
	fbits := min(max(bits.Len(uint(max(keys*bitsPerKey, 1)-1)), minFilterBits), maxFilterBits)
	sbits := bits.Len(uint(max(2*keys, 2) - 1))
	t := &tier{
		filter:   make([]uint64, 1<<(fbits-6)),
		mask:     1<<fbits - 1,
		slots:    make([]slot, 1<<sbits),
		slotMask: 1<<sbits - 1,
		ents:     make([]ent, len(es)),
	}
	for i, e := range es {
		t.ents[i] = e.ent
	}
	for from := 0; from < len(es); {
		k := es[from].key
		to := from + 1
		for to < len(es) && es[to].key == k {
			to++
		}
		h := hash(k)
		b := h >> 32 & t.mask
		t.filter[b>>6] |= 1 << (b & 63)
		s := h >> 40 & t.slotMask
		for t.slots[s].to != 0 {
			s = (s + 1) & t.slotMask
		}
		t.slots[s] = slot{key: k, from: uint32(from), to: uint32(to)}
		from = to
	}
	return t
}

// lookup returns the entries of key k.
func (t *tier) lookup(k uint32) []ent {
	h := hash(k)
	if b := h >> 32 & t.mask; t.filter[b>>6]&(1<<(b&63)) == 0 {
		return nil
	}
	for s := h >> 40 & t.slotMask; ; s = (s + 1) & t.slotMask {
		sl := &t.slots[s]
		if sl.to == 0 {
			return nil
		}
		if sl.key == k {
			return t.ents[sl.from:sl.to]
		}
	}
}

func (t *tier) size() int { return 8*len(t.filter) + 12*len(t.slots) + 16*len(t.ents) }
