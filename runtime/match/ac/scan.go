package ac

import (
	"bytes"

	"github.com/rulec/rulec/runtime/match/internal/ascii"
)

// minSplit is the shortest text cut into interleaved segments.
const minSplit = 256

// Find reports every occurrence of every pattern in text as the pattern's
// index and the offset just past its end, in no particular order. It
// stops early when hit returns false.
func (m *Matcher) Find(text []byte, hit func(id, end int) bool) {
	if len(text) < minSplit {
		m.resume(text, 0, 0, 0, len(text), hit)
		return
	}
	m.walk4(text, hit)
}

// walk4 cuts text into four segments and walks them in one loop. Walk j
// starts overlap bytes before its segment and reports keys ending in it.
func (m *Matcher) walk4(text []byte, hit func(id, end int) bool) {
	q := len(text) / 4
	seg := [5]int{0, q, 2 * q, 3 * q, len(text)}
	var from [4]int
	for j := range 4 {
		from[j] = max(seg[j]-m.overlap, 0)
	}
	// The common stretch: every walk has n steps left after its start.
	n := seg[1] - from[0]
	for j := 1; j < 4; j++ {
		n = min(n, seg[j+1]-from[j])
	}
	t0 := text[from[0] : from[0]+n]
	t1 := text[from[1] : from[1]+n]
	t2 := text[from[2] : from[2]+n]
	t3 := text[from[3] : from[3]+n]
	t1, t2, t3 = t1[:len(t0)], t2[:len(t0)], t3[:len(t0)]
	delta, class, accept := m.delta, &m.class, m.accept
	var s0, s1, s2, s3 uint32
	for i := range t0 {
		s0 = delta[s0+uint32(class[t0[i]])]
		s1 = delta[s1+uint32(class[t1[i]])]
		s2 = delta[s2+uint32(class[t2[i]])]
		s3 = delta[s3+uint32(class[t3[i]])]
		if s0|s1|s2|s3 < accept {
			continue
		}
		for j, s := range [4]uint32{s0, s1, s2, s3} {
			end := from[j] + i + 1
			if s >= accept && end > seg[j] && !m.report(s, text, end, hit) {
				return
			}
		}
	}
	state := [4]uint32{s0, s1, s2, s3}
	for j := range 4 {
		if !m.resume(text, state[j], from[j]+n, seg[j], seg[j+1], hit) {
			return
		}
	}
}

// resume continues a walk in state s at offset from up to to, reporting
// keys ending past report.
func (m *Matcher) resume(text []byte, s uint32, from, report, to int, hit func(id, end int) bool) bool {
	delta, class, accept := m.delta, &m.class, m.accept
	for i := from; i < to; i++ {
		s = delta[s+uint32(class[text[i]])]
		if s >= accept && i >= report && !m.report(s, text, i+1, hit) {
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

// report passes the patterns of the accepting state at row offset s,
// whose keys end at keyEnd, to hit.
func (m *Matcher) report(s uint32, text []byte, keyEnd int, hit func(id, end int) bool) bool {
	k := (s - m.accept) / m.stride
	for _, id := range m.outIDs[m.out[k]:m.out[k+1]] {
		start := keyEnd - int(m.keyLen[id])
		p := m.pats[id]
		end := start + len(p.Bytes)
		if m.confirm[id] && !m.holds(p, text, start, end) {
			continue
		}
		if !hit(int(id), end) {
			return false
		}
	}
	return true
}

func (m *Matcher) holds(p Pattern, text []byte, start, end int) bool {
	if end > len(text) {
		return false
	}
	if p.Nocase {
		return ascii.EqualFold(text[start:end], p.Bytes)
	}
	return bytes.Equal(text[start:end], p.Bytes)
}

// Len returns the number of patterns.
func (m *Matcher) Len() int { return len(m.pats) }

// States returns the number of DFA states.
func (m *Matcher) States() int { return len(m.delta) / int(m.stride) }

// Classes returns the number of byte classes, the length of a row.
func (m *Matcher) Classes() int { return int(m.stride) }
