package ac

import (
	"bytes"
	"encoding/binary"

	"github.com/rulec/rulec/runtime/match/internal/ascii"
)

// minSplit is the shortest text whose automaton walk is cut into
// interleaved segments.
const minSplit = 256

// find walks the automaton over text, and probes the long tier (when
// long is not nil) from the start of text every stride bytes in the same
// loop, where those independent loads fill the wait for the walks' own.
// It returns where the long probes stopped, all probes before that done,
// and whether hit wants more.
//
// A DFA step waits for the previous one's table load, so one walk is
// bound by memory latency: long texts are cut into four segments walked
// in one interleaved loop, each walk starting a little before its
// segment so that no pattern crossing a cut is missed.
func (a *automaton) find(m *Matcher, text []byte, hit func(id, end int) bool) (int, bool) {
	if a.delta16 != nil {
		return walk(a, a.delta16, m, text, hit)
	}
	return walk(a, a.delta32, m, text, hit)
}

// cell is a DFA table entry.
type cell interface{ ~uint16 | ~uint32 }

// walk is find over the table delta.
func walk[T cell](a *automaton, delta []T, m *Matcher, text []byte, hit func(id, end int) bool) (int, bool) {
	if len(text) < minSplit {
		return 0, resume(a, delta, text, 0, 0, 0, len(text), hit)
	}
	q := len(text) / 4
	seg := [5]int{0, q, 2 * q, 3 * q, len(text)}
	var from [4]int
	for j := range 4 {
		from[j] = max(seg[j]-a.overlap, 0)
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
	class, accept := &a.class, a.accept
	f, mask := empty[:], uint64(0)
	if m.long != nil {
		f, mask = m.long.filter, m.long.mask
	}
	// n*stride+4 <= len(text): a text of minSplit bytes or more has room
	// for a long probe at every step of the common stretch.
	c := 0
	var s0, s1, s2, s3 uint32
	for i := range t0 {
		s0 = uint32(delta[s0+uint32(class[t0[i]])]) << alignBits
		s1 = uint32(delta[s1+uint32(class[t1[i]])]) << alignBits
		s2 = uint32(delta[s2+uint32(class[t2[i]])]) << alignBits
		s3 = uint32(delta[s3+uint32(class[t3[i]])]) << alignBits
		h := hash(binary.LittleEndian.Uint32(text[c:])|fold4) >> 32 & mask
		if f[h>>6]&(1<<(h&63)) != 0 && !m.longAt(text, c, hit) {
			return c, false
		}
		c += stride
		if s0|s1|s2|s3 < accept {
			continue
		}
		for j, s := range [4]uint32{s0, s1, s2, s3} {
			end := from[j] + i + 1
			if s >= accept && end > seg[j] && !a.report(s, end, hit) {
				return c, false
			}
		}
	}
	state := [4]uint32{s0, s1, s2, s3}
	for j := range 4 {
		if !resume(a, delta, text, state[j], from[j]+n, seg[j], seg[j+1], hit) {
			return c, false
		}
	}
	return c, true
}

// empty is the filter of a matcher without long patterns.
var empty [1]uint64

// resume continues a walk in state s at offset from up to to, reporting
// keys ending past report.
func resume[T cell](a *automaton, delta []T, text []byte, s uint32, from, report, to int, hit func(id, end int) bool) bool {
	class, accept := &a.class, a.accept
	for i := from; i < to; i++ {
		s = uint32(delta[s+uint32(class[text[i]])]) << alignBits
		if s >= accept && i >= report && !a.report(s, i+1, hit) {
			return false
		}
	}
	return true
}

// report passes the patterns of the accepting state at row offset s,
// which end at end, to hit.
func (a *automaton) report(s uint32, end int, hit func(id, end int) bool) bool {
	k := (s - a.accept) / a.stride
	for _, id := range a.outIDs[a.out[k]:a.out[k+1]] {
		if !hit(int(id), end) {
			return false
		}
	}
	return true
}

// equal reports whether w is p.
func equal(w []byte, p *Pattern) bool {
	if p.Nocase {
		return ascii.EqualFold(w, p.Bytes)
	}
	return bytes.Equal(w, p.Bytes)
}
