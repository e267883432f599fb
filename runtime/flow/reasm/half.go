package reasm

import (
	"slices"
	"sort"
)

// Receiver takes what a Half delivers, in stream order.
type Receiver interface {
	// Data is the next in-order stretch of the stream; b is only valid
	// during the call.
	Data(b []byte)
	// Gap says n bytes of the stream were never seen and are skipped.
	Gap(n int)
	// End says the stream is over; nothing follows.
	End()
	// Rewrite says a retransmission replaced delivered bytes (Retain): b
	// takes the place of the bytes that started back bytes before the
	// stream's next byte; b is only valid during the call.
	Rewrite(back int, b []byte)
}

// Pool bounds the out-of-order bytes held by the halves that share it.
type Pool struct {
	perHalf, total, used int
	capped               uint64
	kept                 int // capacity of what inline halves keep (Inline)
	unkept               uint64
}

// NewPool returns a pool holding at most perHalf queued bytes per half
// and total across halves.
func NewPool(perHalf, total int) *Pool {
	return &Pool{perHalf: perHalf, total: total}
}

// Used is the number of out-of-order bytes currently held.
func (p *Pool) Used() int { return p.used }

// Capped counts the holes skipped because the pool's total was reached
// (Suricata's stream.reassembly.memcap).
func (p *Pool) Capped() uint64 { return p.capped }

type segment struct {
	seq  uint32
	data []byte
}

func (s segment) end() uint32 { return s.seq + uint32(len(s.data)) }

// maxAckGap bounds the hole an acknowledgement may skip: an ACK further
// ahead of the stream than this is taken as bogus rather than as lost data.
const maxAckGap = 1 << 24

// Half is one direction of a TCP stream. The zero value is idle until
// Start.
type Half struct {
	pool    *Pool
	next    uint32
	started bool
	ended   bool
	fin     bool
	finSeq  uint32
	segs    []segment
	queued  int
	retain  bool
	policy  Policy
	kept    []span // delivered segments not yet acknowledged (Retain)
	// inline: pastBuf[pastOff:] holds the last delivered bytes, ending
	// at next (Inline); ackSeen is the peer's latest acknowledgement
	// (acks: one was seen).
	inline           bool
	keepMin, keepMax int
	pastBuf          []byte
	pastOff          int
	ackSeen          uint32
	acks             bool
}

// span is a delivered segment's place in the stream.
type span struct {
	seq uint32
	n   int
}

func (s span) end() uint32 { return s.seq + uint32(s.n) }

// diff is b-a in sequence space, wrapping at 2^32.
func diff(a, b uint32) int { return int(int32(b - a)) }

// Started reports whether the stream's first sequence number is known.
func (h *Half) Started() bool { return h.started }

// Ended reports whether the stream is over.
func (h *Half) Ended() bool { return h.ended }

// Next is the sequence number of the next in-order byte.
func (h *Half) Next() uint32 { return h.next }

// Queued is the number of out-of-order bytes held.
func (h *Half) Queued() int { return h.queued }

// Start sets the sequence number of the stream's first byte: ISN+1 after
// a SYN, or the first byte seen when the stream is picked up midstream.
func (h *Half) Start(seq uint32, p *Pool) {
	if h.started {
		return
	}
	h.pool, h.next, h.started = p, seq, true
}

// Restart moves the first sequence number of a stream that holds no
// data yet (a SYN resent with a new initial sequence number); a stream
// holding data keeps its start.
func (h *Half) Restart(seq uint32) {
	if h.started && len(h.segs) == 0 && len(h.kept) == 0 && !h.ended {
		h.next = seq
	}
}

// Retain makes the half remember where its delivered, not yet
// acknowledged segments lie, so that a retransmission overlapping them
// rewrites their bytes where policy p says the receiving host takes the
// new data (Suricata's IDS mode: such data is still in its segment
// tree). Without it, delivered bytes win over later copies.
func (h *Half) Retain(p Policy) { h.retain, h.policy = true, p }

// Segment adds one segment's payload (fin: the segment carries a FIN).
func (h *Half) Segment(seq uint32, data []byte, fin bool, r Receiver) {
	if !h.started || h.ended {
		return
	}
	if fin && !h.fin {
		h.fin, h.finSeq = true, seq+uint32(len(data))
	}
	if d := diff(seq, h.next); d > 0 {
		if h.retain && len(data) > 0 {
			h.overlap(seq, data, r)
		}
		data = data[min(d, len(data)):]
		seq = h.next
	}
	if len(data) > 0 {
		if seq == h.next {
			h.deliver(seq, data, r)
			h.drain(r)
		} else {
			h.queue(seq, data)
			h.bound(r)
		}
	}
	h.checkFin(r)
}

// Ack tells the half that its peer acknowledged every byte before ack.
func (h *Half) Ack(ack uint32, r Receiver) {
	if !h.started || h.ended {
		return
	}
	if h.fin && diff(h.finSeq, ack) > 0 {
		ack = h.finSeq
	}
	h.acked(ack)
	if h.inline && (!h.acks || diff(h.ackSeen, ack) > 0) {
		h.ackSeen, h.acks = ack, true
		h.trimPast()
	}
	if d := diff(h.next, ack); d <= 0 || d > maxAckGap {
		return
	}
	for diff(h.next, ack) > 0 {
		if len(h.segs) > 0 && diff(h.segs[0].seq, ack) > 0 {
			h.skip(r)
			continue
		}
		n := diff(h.next, ack)
		h.next = ack
		h.dropPast(false)
		r.Gap(n)
	}
	h.checkFin(r)
}

// Close ends the stream: queued segments are delivered across their holes,
// then End.
func (h *Half) Close(r Receiver) {
	if h.ended {
		return
	}
	for len(h.segs) > 0 {
		h.skip(r)
	}
	h.ended = true
	h.dropPast(true)
	if h.started {
		r.End()
	}
}

// skip jumps the hole before the first queued segment and delivers what
// becomes contiguous.
func (h *Half) skip(r Receiver) {
	n := diff(h.next, h.segs[0].seq)
	h.next = h.segs[0].seq
	h.dropPast(false)
	r.Gap(n)
	h.drain(r)
}

// drain delivers queued segments that have become contiguous.
func (h *Half) drain(r Receiver) {
	for len(h.segs) > 0 {
		s := h.segs[0]
		d := diff(s.seq, h.next)
		if d < 0 {
			return
		}
		h.segs[0] = segment{}
		h.segs = h.segs[1:]
		h.release(len(s.data))
		if d < len(s.data) {
			h.deliver(h.next, s.data[d:], r)
		}
	}
}

// queue stores the parts of data not already queued, keeping segments
// sorted and disjoint.
func (h *Half) queue(seq uint32, data []byte) {
	base := h.next
	off := func(s uint32) int { return diff(base, s) }
	cur, end := off(seq), off(seq)+len(data)
	i := sort.Search(len(h.segs), func(i int) bool { return off(h.segs[i].end()) > cur })
	var add []segment
	for _, s := range h.segs[i:] {
		if off(s.seq) >= end {
			break
		}
		if off(s.seq) > cur {
			add = append(add, h.piece(seq, data, base+uint32(cur), s.seq))
		}
		cur = max(cur, off(s.end()))
	}
	if end > cur {
		add = append(add, h.piece(seq, data, base+uint32(cur), base+uint32(end)))
	}
	for _, p := range add {
		k := sort.Search(len(h.segs), func(i int) bool { return off(h.segs[i].seq) > off(p.seq) })
		h.segs = slices.Insert(h.segs, k, p)
	}
}

// piece copies data's bytes from sequence number from up to to.
func (h *Half) piece(seq uint32, data []byte, from, to uint32) segment {
	b := append([]byte(nil), data[diff(seq, from):diff(seq, to)]...)
	h.queued += len(b)
	h.pool.used += len(b)
	return segment{seq: from, data: b}
}

func (h *Half) release(n int) {
	h.queued -= n
	h.pool.used -= n
}

// maxSegments bounds the out-of-order segments held by a half, so that a
// flood of tiny segments costs neither quadratic time nor unbounded
// bookkeeping.
const maxSegments = 1024

// bound skips holes while this half or the pool holds too much.
func (h *Half) bound(r Receiver) {
	for len(h.segs) > 0 && (h.queued > h.pool.perHalf || h.pool.used > h.pool.total || len(h.segs) > maxSegments) {
		if h.pool.used > h.pool.total {
			h.pool.capped++
		}
		h.skip(r)
	}
}

func (h *Half) checkFin(r Receiver) {
	if !h.fin || h.ended || diff(h.finSeq, h.next) < 0 {
		return
	}
	for _, s := range h.segs {
		h.release(len(s.data))
	}
	h.segs = nil
	h.ended = true
	h.dropPast(true)
	r.End()
}

// deliver hands the in-order bytes at seq (the stream's next) on.
func (h *Half) deliver(seq uint32, b []byte, r Receiver) {
	h.next = seq + uint32(len(b))
	if h.retain {
		if len(h.kept) >= maxSegments {
			h.kept = slices.Delete(h.kept, 0, 1)
		}
		h.kept = append(h.kept, span{seq: seq, n: len(b)})
	}
	if h.inline {
		h.keepDelivered(b)
	}
	r.Data(b)
}

// acked forgets the delivered segments the peer acknowledged.
func (h *Half) acked(ack uint32) {
	i := 0
	for i < len(h.kept) && diff(h.kept[i].end(), ack) >= 0 {
		i++
	}
	h.kept = slices.Delete(h.kept, 0, i)
}

// overlap applies the policy to the part of a segment at seq that
// overlaps delivered segments: where the new data wins, it replaces
// theirs.
func (h *Half) overlap(seq uint32, data []byte, r Receiver) {
	end := seq + uint32(len(data))
	for _, k := range h.kept {
		if diff(k.end(), seq) >= 0 || diff(end, k.seq) >= 0 {
			continue
		}
		if !h.policy.newWins(seq, end, k.seq, k.end()) {
			continue
		}
		from, to := k.seq, k.end()
		if diff(from, seq) > 0 {
			from = seq
		}
		if diff(to, end) < 0 {
			to = end
		}
		if diff(to, h.next) < 0 {
			to = h.next
		}
		if diff(from, to) > 0 {
			r.Rewrite(diff(from, h.next), data[diff(seq, from):diff(seq, to)])
		}
	}
}
