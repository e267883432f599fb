package ac

import (
	"bytes"
	"encoding/binary"
	"unsafe"

	"github.com/rulec/rulec/runtime/match/internal/ascii"
)

// Find reports every occurrence of every pattern in text as the pattern's
// index and the offset just past its end, in no particular order. It
// stops early when hit returns false.
func (m *Matcher) Find(text []byte, hit func(id, end int) bool) {
	if m.short != nil && !m.short.find(m, text, hit) {
		return
	}
	if m.long != nil {
		m.findLong(text, hit)
	}
}

// findLong probes the long tier every stride bytes, two positions per
// eight-byte load.
func (m *Matcher) findLong(text []byte, hit func(id, end int) bool) {
	i := 0
	for i+8 <= len(text) {
		var x uint64
		if i, x = probeLong(m.long, text, i); i+8 > len(text) {
			break
		}
		if !m.longAt(text, i, x&mask5, hit) || !m.longAt(text, i+stride, x>>(8*stride)&mask5, hit) {
			return
		}
		i += 2 * stride
	}
	for ; i+5 <= len(text); i += stride {
		var w [8]byte
		copy(w[:], text[i:i+5])
		if !m.longAt(text, i, binary.LittleEndian.Uint64(w[:])|fold8&mask5, hit) {
			return
		}
	}
}

// probeLongGo returns the first position from i, every 2*stride bytes,
// where the first-stage bits of the five-byte window there or stride
// bytes on are set, with the folded eight bytes there; or where eight
// bytes can no longer be read. The loads are unchecked: a filter index
// is a hash shifted down to the filter's size.
func probeLongGo(t *tier, text []byte, i int) (int, uint64) {
	p, f, shift := unsafe.Pointer(unsafe.SliceData(text)), unsafe.Pointer(unsafe.SliceData(t.first)), t.fshift&63
	for ; i+8 <= len(text); i += 2 * stride {
		x := *(*uint64)(unsafe.Add(p, i)) | fold8
		a, b := hash(x&mask5), hash(x>>(8*stride)&mask5)
		wa, wb := *(*uint64)(unsafe.Add(f, a>>shift*8)), *(*uint64)(unsafe.Add(f, b>>shift*8))
		if (wa>>(a>>32&63))&(wa>>(a>>38&63))&1 != 0 || (wb>>(b>>32&63))&(wb>>(b>>38&63))&1 != 0 {
			return i, x
		}
	}
	return i, 0
}

// longAt reports the long patterns with a window at i, whose folded
// five bytes are w: those filed under w, and under the eight bytes
// from i when they are in text.
func (m *Matcher) longAt(text []byte, i int, w uint64, hit func(id, end int) bool) bool {
	t := m.long
	if h := hash(w); t.first[h>>t.fshift]&filterBits(h) != filterBits(h) {
		return true
	}
	keys := [2]uint64{w}
	if i+8 <= len(text) {
		keys[1] = binary.LittleEndian.Uint64(text[i:]) | fold8
	}
	for _, k := range keys {
		if h := hash(k); k == 0 || t.filter[h>>t.shift]&filterBits(h) != filterBits(h) {
			continue
		}
		for _, e := range t.lookup(k) {
			if !m.confirmLong(text, i, e, hit) {
				return false
			}
		}
	}
	return true
}

// confirmLong reports e's pattern if it occurs with its window at i.
func (m *Matcher) confirmLong(text []byte, i int, e ent, hit func(id, end int) bool) bool {
	start := i - int(e.off)
	if start < 0 {
		return true
	}
	if start+8 <= len(text) && (binary.LittleEndian.Uint64(text[start:])|fold8)&prefixMask(int(e.n)) != e.prefix {
		return true
	}
	p := &m.pats[e.id]
	end := start + len(p.Bytes)
	return end > len(text) || !equal(text[start:end], p) || hit(int(e.id), end)
}

// Contains reports whether any pattern occurs in text.
func (m *Matcher) Contains(text []byte) bool {
	found := false
	m.Find(text, func(int, int) bool {
		found = true
		return false
	})
	return found
}

// Len returns the number of patterns.
func (m *Matcher) Len() int { return len(m.pats) }

// Size returns the bytes of the matcher's tables, patterns included.
func (m *Matcher) Size() int {
	n := 0
	if m.short != nil {
		n += m.short.size()
	}
	if m.long != nil {
		n += m.long.size()
	}
	for _, p := range m.pats {
		n += 32 + len(p.Bytes)
	}
	return n
}

// equal reports whether w is p.
func equal(w []byte, p *Pattern) bool {
	if p.Nocase {
		return ascii.EqualFold(w, p.Bytes)
	}
	return bytes.Equal(w, p.Bytes)
}
