package ac

import (
	"encoding/binary"
	"math/bits"
)

// A tier finds candidate starts of its patterns by hashing folded
// windows of the text in two stages, each a filter in which a key sets
// two bits of one 64-bit word: the first of the five-byte windows of
// the patterns (the five bytes at the start of each key), probed at
// every stride-th text position; where its bits are set, the second of
// the keys proper (five or eight bytes); then an index from the key to
// its entries (pattern, offset of the window in it). A five-byte window
// that occurs in a text mostly belongs to no pattern of fewer than
// wideMin bytes, and the eight bytes there to no key, so the second
// stage turns it away before the index is read.
type tier struct {
	first  []uint64
	fshift uint // a five-byte window's word is hash(window) >> fshift
	filter []uint64
	shift  uint // a key's word is hash(key) >> shift
	index[ent]
}

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

// newTier builds a tier of es with about bitsPerKey filter bits per
// distinct key.
func newTier(es []keyed[ent]) *tier {
	t := &tier{index: newIndex(es)}
	keys := map[uint64]bool{}
	windows := map[uint64]bool{}
	for _, s := range t.slots {
		if s.to != 0 {
			keys[s.key] = true
			windows[s.key&mask5] = true
		}
	}
	t.first, t.fshift = filterOf(len(windows))
	for w := range windows {
		h := hash(w)
		t.first[h>>t.fshift] |= filterBits(h)
	}
	t.filter, t.shift = filterOf(len(keys))
	for k := range keys {
		h := hash(k)
		t.filter[h>>t.shift] |= filterBits(h)
	}
	return t
}

// filterOf returns a filter of about bitsPerKey bits for each of n keys
// and the shift that takes a hash to one of its words.
func filterOf(n int) ([]uint64, uint) {
	fbits := min(max(bits.Len(uint(max(n*bitsPerKey, 1)-1)), minFilterBits), maxFilterBits)
	return make([]uint64, 1<<(fbits-6)), uint(64 - (fbits - 6))
}

// filterBits returns the two bits of hash h in its filter word.
func filterBits(h uint64) uint64 { return 1<<(h>>32&63) | 1<<(h>>38&63) }

func (t *tier) size() int { return 8*(len(t.first)+len(t.filter)) + t.index.size(16) }
