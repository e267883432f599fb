package ac

import (
	"encoding/binary"
	"math/bits"
	"unsafe"

	"github.com/rulec/rulec/runtime/match/internal/ascii"
)

// buckets is the number of pattern groups of the short filter, one bit
// each in a lane; lanes is the number of byte pairs it checks before a
// candidate end: enough for shortMax bytes.
const (
	buckets = 8
	lanes   = 4
)

// shortFilter is a shift-or filter over byte pairs for the patterns of
// up to shortMax bytes, split into buckets by length. Each pair of
// adjacent text bytes looks up one word of reach, in which bit
// 8*l+b is clear when some pattern of bucket b has that pair lanes-1-l
// pairs before its end (its first byte alone counts as a pair with any
// byte before it, and a pattern shorter than the lanes clears the bit
// for every pair at the distances it does not reach). Shifting the
// words of four consecutive pairs into a state, a byte lane whose bit b
// stays clear marks a position where every pair fits a pattern of
// bucket b: a candidate, confirmed by an index of the bucket's patterns
// under their folded bytes. The pairs are exact (both cases of a
// caseless pattern's letters are entered), so neither kind of pattern
// makes the other's candidates more frequent. A set of fewer than
// exactMin patterns (a matcher among the many of a WAF rule set, say)
// drops the low coarseBits of the earlier byte from the index: eight
// such bytes then share a word, and the table is 32 KB instead of
// 256 KB. (The later byte stays exact, so a pattern's first byte,
// paired with any byte, still admits only the words of that byte.)
type shortFilter struct {
	reach []uint32       // by pair (earlier byte low) >> shift
	shift uint32         // 0 or coarseBits
	lens  [buckets]uint8 // by bucket: bit L-1 set when it has patterns of L bytes
	conf  index[uint32]  // pattern ids by bucket<<52 | L<<48 | folded bytes
}

// exactMin is the smallest set of short patterns whose table is indexed
// by the pair itself.
const (
	exactMin   = 32
	coarseBits = 3
)

// newShortFilter builds the filter of the patterns ids of pats.
func newShortFilter(pats []Pattern, ids []uint32) *shortFilter {
	f := &shortFilter{}
	if len(ids) < exactMin {
		f.shift = coarseBits
	}
	f.reach = make([]uint32, 1<<(16-f.shift))
	for i := range f.reach {
		f.reach[i] = ^uint32(0)
	}
	var wild uint32 // the bits cleared for every pair
	var conf []keyed[uint32]
	for b, group := range assignBuckets(pats, ids) {
		for _, id := range group {
			p := pats[id]
			n := len(p.Bytes)
			f.lens[b] |= 1 << (n - 1)
			conf = append(conf, keyed[uint32]{confKey(b, p.Bytes), id})
			for d := range lanes { // d pairs before the end
				bit := uint32(1) << (8*(lanes-1-d) + b)
				pairs, all := lanePairs(p, d)
				if all {
					wild |= bit
				}
				for _, x := range pairs {
					f.reach[uint32(x)>>f.shift] &^= bit
				}
			}
		}
	}
	for i := range f.reach {
		f.reach[i] &^= wild
	}
	f.conf = newIndex(conf)
	return f
}

// lanePairs returns the pairs, earlier byte low, that pattern p can
// have d pairs before its end, or all when p is too short to reach.
func lanePairs(p Pattern, d int) (pairs []uint16, all bool) {
	j := len(p.Bytes) - 1 - d // index of the pair's later byte
	switch {
	case j < 0:
		return nil, true
	case j == 0:
		for _, c := range variants(p.Bytes[0], p.Nocase) {
			for prev := range 256 {
				pairs = append(pairs, uint16(prev)|uint16(c)<<8)
			}
		}
	default:
		for _, c := range variants(p.Bytes[j], p.Nocase) {
			for _, prev := range variants(p.Bytes[j-1], p.Nocase) {
				pairs = append(pairs, uint16(prev)|uint16(c)<<8)
			}
		}
	}
	return pairs, false
}

// variants returns the bytes that match c.
func variants(c byte, nocase bool) []byte {
	if l := ascii.Lower(c); nocase && l >= 'a' && l <= 'z' {
		return []byte{l, l - 'a' + 'A'}
	}
	return []byte{c}
}

// confKey is the index key of the short bytes w in bucket b.
func confKey(b int, w []byte) uint64 {
	var k uint64
	for i, c := range w {
		k |= uint64(c|0x20) << (8 * i)
	}
	return k | uint64(len(w))<<48 | uint64(b)<<52
}

// find reports the short patterns in text; false when hit wants no
// more. Blocks of four positions are shifted in at a time: after the
// block at j, byte lanes 3 to 6 of the state hold the candidates ending
// at j+3 down to j, each complete (lane 7 was checked with the block
// before, lanes 0 to 2 are still partial).
func (f *shortFilter) find(m *Matcher, text []byte, hit func(id, end int) bool) bool {
	n := len(text)
	if n == 0 {
		return true
	}
	var buf [8]byte
	copy(buf[1:], text) // the byte before the text is any byte
	s := f.shiftIn(0, binary.LittleEndian.Uint64(buf[:]))
	if z := candidates(s); z != 0 && !f.confirm(m, text, 0, z, hit) {
		return false
	}
	j := 4
	for j < n {
		var z uint32
		if j, s, z = scanShort(f, text, j, s); z != 0 {
			if !f.confirm(m, text, j, z, hit) {
				return false
			}
			j += 4
			continue
		}
		if j >= n {
			break
		}
		buf = [8]byte{}
		copy(buf[:], text[j-1:])
		s = f.shiftIn(s, binary.LittleEndian.Uint64(buf[:]))
		if z := candidates(s); z != 0 && !f.confirm(m, text, j, z, hit) {
			return false
		}
		j += 4
	}
	return true
}

// word returns the reach word of pair x.
func (f *shortFilter) word(x uint16) uint64 { return uint64(f.reach[uint32(x)>>f.shift]) }

// shiftIn takes the block whose bytes, from the one before it, are the
// low five bytes of w into state s.
func (f *shortFilter) shiftIn(s, w uint64) uint64 {
	return s<<32 | f.word(uint16(w))<<24 | f.word(uint16(w>>8))<<16 | f.word(uint16(w>>16))<<8 | f.word(uint16(w>>24))
}

// candidates returns lanes 3 to 6 of state s, a bit set for each
// candidate.
func candidates(s uint64) uint32 { return ^uint32(s >> 24) }

// scanShortGo shifts the blocks from j (at least 1) into state s while
// the block and the byte before it are in text, and returns at the first
// block with candidates (with them), or where it stopped (with none).
// The loads are unchecked: each text load is of two bytes from j-1 to
// j+3, and a pair's word index is shifted down to the table's size.
func scanShortGo(f *shortFilter, text []byte, j int, s uint64) (int, uint64, uint32) {
	p, r := unsafe.Pointer(unsafe.SliceData(text)), unsafe.Pointer(unsafe.SliceData(f.reach))
	shift := f.shift & 15
	word := func(q unsafe.Pointer) uint64 {
		return uint64(*(*uint32)(unsafe.Add(r, uintptr(*(*uint16)(q)>>shift)*4)))
	}
	for ; j+4 <= len(text); j += 4 {
		q := unsafe.Add(p, j-1)
		a := word(q)<<24 | word(unsafe.Add(q, 1))<<16
		b := word(unsafe.Add(q, 2))<<8 | word(unsafe.Add(q, 3))
		s = s<<32 | (a | b)
		if z := candidates(s); z != 0 {
			return j, s, z
		}
	}
	return j, s, 0
}

// confirm reports the patterns among the candidates z of the block at
// j that occur in text.
func (f *shortFilter) confirm(m *Matcher, text []byte, j int, z uint32, hit func(id, end int) bool) bool {
	for ; z != 0; z &= z - 1 {
		q := bits.TrailingZeros32(z)
		end := j + 4 - q>>3
		if end > len(text) {
			continue
		}
		for ls := f.lens[q&7]; ls != 0; ls &= ls - 1 {
			n := bits.TrailingZeros8(ls) + 1
			if n > end {
				break
			}
			w := text[end-n : end]
			for _, id := range f.conf.lookup(confKey(q&7, w)) {
				if equal(w, &m.pats[id]) && !hit(int(id), end) {
					return false
				}
			}
		}
	}
	return true
}

func (f *shortFilter) size() int { return 4*len(f.reach) + f.conf.size(4) }
