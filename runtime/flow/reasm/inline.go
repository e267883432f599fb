package reasm

// Inline makes the half keep the bytes it delivered that its peer has
// not acknowledged, and at least the last keep of them, up to most bytes,
// as Suricata's inline stream engine keeps the segments its raw stream
// inspection may still look at and those not yet acknowledged: Overlay
// then gives a segment overlapping them the bytes the stream accepted.
// What the halves of a pool keep together is bounded by its total; past
// it a half keeps only keep bytes (counted, Unkept).
func (h *Half) Inline(keep, most int) {
	h.inline, h.keepMin, h.keepMax = true, keep, max(keep, most)
}

// Unkept counts the times a half kept fewer delivered bytes than its
// peer had not acknowledged because the pool's total was reached.
func (p *Pool) Unkept() uint64 { return p.unkept }

// keepDelivered appends delivered bytes to what an inline half keeps,
// then trims it.
func (h *Half) keepDelivered(b []byte) {
	b = b[max(len(b)-h.keepMax, 0):]
	h.pastOff += max(len(h.pastBytes())+len(b)-h.keepMax, 0)
	h.room(len(b))
	h.pastBuf = append(h.pastBuf, b...)
	h.trimPast()
}

// room makes room for n more bytes after the kept ones, moving them to
// the front of their buffer or into a new one (charged to the pool).
func (h *Half) room(n int) {
	kept := h.pastBuf[h.pastOff:]
	if len(h.pastBuf)+n <= cap(h.pastBuf) {
		return
	}
	if len(kept)+n <= cap(h.pastBuf) {
		h.pastBuf, h.pastOff = append(h.pastBuf[:0], kept...), 0
		return
	}
	size := min(max(len(kept)+n, 2*cap(h.pastBuf), 512), h.keepMax)
	h.pool.kept += size - cap(h.pastBuf)
	h.pastBuf, h.pastOff = append(make([]byte, 0, size), kept...), 0
}

// trimPast drops the kept bytes the peer acknowledged beyond the last
// keepMin (keepMin once the pool's total is reached), giving the memory
// back when little is left.
func (h *Half) trimPast() {
	want := h.keepMax
	if h.acks {
		want = min(max(h.keepMin, diff(h.ackSeen, h.next)), h.keepMax)
	}
	if h.pool.kept > h.pool.total && want > h.keepMin {
		h.pool.unkept++
		want = h.keepMin
	}
	if n := len(h.pastBuf) - h.pastOff; n > want {
		h.pastOff += n - want
	}
	if kept := h.pastBuf[h.pastOff:]; cap(h.pastBuf) > 2*max(len(kept), 512) {
		size := max(len(kept), 512)
		h.pool.kept += size - cap(h.pastBuf)
		h.pastBuf, h.pastOff = append(make([]byte, 0, size), kept...), 0
	}
}

// pastBytes are the delivered bytes kept, ending at next.
func (h *Half) pastBytes() []byte { return h.pastBuf[h.pastOff:] }

// dropPast forgets the kept bytes (a gap breaks them off the stream) and,
// when the half ends, their memory.
func (h *Half) dropPast(free bool) {
	h.pastBuf, h.pastOff = h.pastBuf[:0], 0
	if free && h.pool != nil {
		h.pool.kept -= cap(h.pastBuf)
		h.pastBuf = nil
	}
}

// Overlaps reports whether a segment of n bytes at seq overlaps bytes the
// half delivered and kept, or holds queued.
func (h *Half) Overlaps(seq uint32, n int) bool {
	if !h.started || h.ended || n == 0 {
		return false
	}
	end := seq + uint32(n)
	if k := len(h.pastBytes()); k > 0 && diff(seq, h.next) > 0 && diff(h.next-uint32(k), end) > 0 {
		return true
	}
	for _, s := range h.segs {
		if diff(s.seq, end) > 0 && diff(seq, s.end()) > 0 {
			return true
		}
	}
	return false
}

// Overlay writes over data, a segment at seq, the bytes the stream
// already holds where they overlap (kept delivered bytes, queued
// segments), as Suricata's inline mode rewrites a packet whose data
// differs from what it accepted. It reports whether a byte changed.
func (h *Half) Overlay(seq uint32, data []byte) bool {
	changed := false
	put := func(at uint32, b []byte) {
		from, to := max(diff(seq, at), 0), min(diff(seq, at+uint32(len(b))), len(data))
		if from >= to {
			return
		}
		src := b[from-diff(seq, at) : to-diff(seq, at)]
		if string(src) != string(data[from:to]) {
			copy(data[from:to], src)
			changed = true
		}
	}
	if k := h.pastBytes(); len(k) > 0 {
		put(h.next-uint32(len(k)), k)
	}
	for _, s := range h.segs {
		put(s.seq, s.data)
	}
	return changed
}
