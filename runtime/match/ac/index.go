package ac

import (
	"cmp"
	"math/bits"
	"slices"
)

// index maps keys to runs of entries: an open-addressing slot table
// over the entries sorted by key.
type index[E any] struct {
	slots []slot
	shift uint // a key's first slot is hash(key) >> shift
	ents  []E
}

// slot lists the entries ents[from:to] of key; to is 0 in an empty slot.
type slot struct {
	key      uint64
	from, to uint32
}

// keyed is an entry under its key while an index is built.
type keyed[E any] struct {
	key uint64
	e   E
}

func hash(k uint64) uint64 { return k * 0x9e3779b97f4a7c15 }

// newIndex builds the index of es, keeping the order of each key's
// entries.
func newIndex[E any](es []keyed[E]) index[E] {
	slices.SortStableFunc(es, func(a, b keyed[E]) int { return cmp.Compare(a.key, b.key) })
	keys := 0
	for i, e := range es {
		if i == 0 || e.key != es[i-1].key {
			keys++
		}
	}
	sbits := max(bits.Len(uint(max(2*keys-1, 1))), 1)
	x := index[E]{slots: make([]slot, 1<<sbits), shift: uint(64 - sbits), ents: make([]E, len(es))}
	mask := uint64(len(x.slots) - 1)
	for i, e := range es {
		x.ents[i] = e.e
	}
	for from := 0; from < len(es); {
		k := es[from].key
		to := from + 1
		for to < len(es) && es[to].key == k {
			to++
		}
		s := hash(k) >> x.shift
		for x.slots[s].to != 0 {
			s = (s + 1) & mask
		}
		x.slots[s] = slot{key: k, from: uint32(from), to: uint32(to)}
		from = to
	}
	return x
}

// lookup returns the entries of key k.
func (x *index[E]) lookup(k uint64) []E {
	mask := uint64(len(x.slots) - 1)
	for s := hash(k) >> x.shift; ; s = (s + 1) & mask {
		sl := &x.slots[s]
		if sl.to == 0 {
			return nil
		}
		if sl.key == k {
			return x.ents[sl.from:sl.to]
		}
	}
}

func (x *index[E]) size(ent int) int { return 16*len(x.slots) + ent*len(x.ents) }
