package ac

import (
	"bytes"
	"encoding/binary"
	"unsafe"

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
	// Step i probes at i*stride; n*stride+4 <= len(text): a text of
	// minSplit bytes or more has room for a probe at every step of the
	// common stretch.
	var state [4]uint32
	for i := 0; i < n; i++ {
		var probe bool
		if i, probe = run(delta, class, accept, f, mask, text, t0, t1, t2, t3, i, &state); i == n {
			break
		}
		if probe && !m.longAt(text, i*stride, hit) {
			return i * stride, false
		}
		for j, s := range state {
			end := from[j] + i + 1
			if s >= accept && end > seg[j] && !a.report(s, end, hit) {
				return (i + 1) * stride, false
			}
		}
	}
	c := n * stride
	for j := range 4 {
		if !resume(a, delta, text, state[j], from[j]+n, seg[j], seg[j+1], hit) {
			return c, false
		}
	}
	return c, true
}

// run takes the four walks (in states st) and the long probes (one a
// step, every stride bytes of text) from step i of the common
// stretch t0..t3 until a walk accepts or a probe's filter bit is set, or
// the stretch ends: it returns that step, whether the probe was set, and
// the states after it. The loop keeps everything in registers: the
// table and filter loads are unchecked, every row offset in delta plus
// a class being inside it and every filter index being masked.
func run[T cell](delta []T, class *[256]uint8, accept uint32, f []uint64, mask uint64, text []byte,
	t0, t1, t2, t3 []byte, i int, st *[4]uint32) (int, bool) {
	d, fp := unsafe.Pointer(unsafe.SliceData(delta)), unsafe.Pointer(unsafe.SliceData(f))
	size := unsafe.Sizeof(T(0))
	s0, s1, s2, s3 := st[0], st[1], st[2], st[3]
	t1, t2, t3 = t1[:len(t0)], t2[:len(t0)], t3[:len(t0)]
	for ; i < len(t0); i++ {
		s0 = uint32(*(*T)(unsafe.Add(d, uintptr(s0+uint32(class[t0[i]]))*size))) << alignBits
		s1 = uint32(*(*T)(unsafe.Add(d, uintptr(s1+uint32(class[t1[i]]))*size))) << alignBits
		s2 = uint32(*(*T)(unsafe.Add(d, uintptr(s2+uint32(class[t2[i]]))*size))) << alignBits
		s3 = uint32(*(*T)(unsafe.Add(d, uintptr(s3+uint32(class[t3[i]]))*size))) << alignBits
		h := hash(binary.LittleEndian.Uint32(text[i*stride:])|fold4) >> 32 & mask
		probe := *(*uint64)(unsafe.Add(fp, h>>6*8))&(1<<(h&63)) != 0
		if probe || s0|s1|s2|s3 >= accept {
			*st = [4]uint32{s0, s1, s2, s3}
			return i, probe
		}
	}
	*st = [4]uint32{s0, s1, s2, s3}
	return i, false
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
