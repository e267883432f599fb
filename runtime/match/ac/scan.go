package ac

import "encoding/binary"

// Find reports every occurrence of every pattern in text as the pattern's
// index and the offset just past its end, in no particular order. It
// stops early when hit returns false.
func (m *Matcher) Find(text []byte, hit func(id, end int) bool) {
	from, ok := 0, true
	if m.short != nil {
		from, ok = m.short.find(m, text, hit)
	}
	if ok && m.long != nil {
		m.findLong(text, from, hit)
	}
}

// findLong probes the long filter every stride bytes from i, two probes
// per eight-byte load.
func (m *Matcher) findLong(text []byte, i int, hit func(id, end int) bool) {
	f, mask := m.long.filter, m.long.mask
	for ; i+8 <= len(text); i += 2 * stride {
		x := binary.LittleEndian.Uint64(text[i:]) | fold8
		a := hash(uint32(x)) >> 32 & mask
		b := hash(uint32(x>>(8*stride))) >> 32 & mask
		if f[a>>6]&(1<<(a&63)) == 0 && f[b>>6]&(1<<(b&63)) == 0 {
			continue
		}
		if !m.longAt(text, i, hit) || !m.longAt(text, i+stride, hit) {
			return
		}
	}
	for ; i+4 <= len(text); i += stride {
		if !m.longAt(text, i, hit) {
			return
		}
	}
}

// longAt reports the long patterns with a window at i.
func (m *Matcher) longAt(text []byte, i int, hit func(id, end int) bool) bool {
	for _, e := range m.long.lookup(key4(text[i:])) {
		start := i - int(e.off)
		if start < 0 {
			continue
		}
		if start+8 <= len(text) && (binary.LittleEndian.Uint64(text[start:])|fold8)&prefixMask(int(e.n)) != e.prefix {
			continue
		}
		p := &m.pats[e.id]
		end := start + len(p.Bytes)
		if end <= len(text) && equal(text[start:end], p) && !hit(int(e.id), end) {
			return false
		}
	}
	return true
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
