package flow

import "github.com/rulec/rulec/runtime/inspect"

// receiver takes one direction's reassembled stream.
type receiver struct {
	t   *Tracker
	f   *flowState
	dir inspect.Dir
}

func (r *receiver) Data(b []byte) { r.t.streamData(r.f, r.dir, b) }
func (r *receiver) Gap(n int)     { r.t.streamGap(r.f, r.dir, n) }
func (r *receiver) End()          { r.t.streamEnd(r.f, r.dir) }
func (r *receiver) Rewrite(back int, b []byte) {
	r.t.streamRewrite(r.f, r.dir, back, b)
}

// minChunkCap is the first allocation for a direction's held bytes.
const minChunkCap = 1024

// streamData holds new in-order bytes for a KindStream unit (after
// emitting what the other direction held, as it has stopped speaking)
// and hands them to the app layer. Past the stream depth neither sees
// them: Suricata stops reassembling the direction, for its app layer too.
func (t *Tracker) streamData(f *flowState, d inspect.Dir, b []byte) {
	tc := f.tcp
	t.rawDue(f, other(d))
	n := len(b)
	if t.cfg.StreamDepth > 0 {
		n = min(n, t.cfg.StreamDepth-tc.inspected[d])
		f.DepthReached[d] = tc.inspected[d]+n >= t.cfg.StreamDepth
	}
	if n <= 0 {
		return
	}
	end := tc.half[d].Next() - uint32(len(b)-n)
	b = b[:n]
	tc.inspected[d] += n
	t.logData(f, d, b)
	t.txStreamData(f, d, b)
	switch {
	case f.NoPayload:
		// raw stream inspection ended with the payload's
	case t.cfg.IPS:
		tc.inline[d].deliver(b)
	case !t.hold(tc, d, n):
		t.streamHits++
		t.emitStream(f, d, b, nil)
	default:
		tc.chunk[d] = append(tc.chunk[d], b...)
		if len(tc.chunk[d]) >= t.cfg.MaxStreamBuffer {
			t.flushChunk(f, d)
		}
	}
	t.ackHold(f, d, b, end)
}

// streamGap notes n missing bytes: the bytes held on each side of the
// gap are inspected apart, with the same packet, as Suricata's raw
// stream inspection walks the data blocks of its stream.
func (t *Tracker) streamGap(f *flowState, d inspect.Dir, n int) {
	t.stats.Gaps++
	t.stats.GapBytes += uint64(n)
	tc := f.tcp
	if c := len(tc.chunk[d]); c > 0 && (len(tc.cuts[d]) == 0 || tc.cuts[d][len(tc.cuts[d])-1] < c) {
		tc.cuts[d] = append(tc.cuts[d], c)
	}
	tc.log[d].gap(n, t.cfg.StreamLog)
	t.txStreamGap(f, d)
	tc.hadGap[d] = true
	tc.inline[d].reset()
	t.ackFlush(f, d)
	t.appGap(f, d, n)
}

// streamRewrite applies a retransmission's bytes that replaced delivered
// ones (reasm.Half.Retain) to what is held of them: the bytes not yet
// inspected as stream data since the last gap and the stream log. The
// app layer has parsed them already.
func (t *Tracker) streamRewrite(f *flowState, d inspect.Dir, back int, b []byte) {
	tc := f.tcp
	t.stats.Rewrites++
	start := 0
	if k := len(tc.cuts[d]); k > 0 {
		start = tc.cuts[d][k-1]
	}
	patch(tc.chunk[d], start, len(tc.chunk[d])-back, b)
	tc.log[d].rewrite(back, b)
}

// logData keeps stream bytes for the stream log, within the memcap.
func (t *Tracker) logData(f *flowState, d inspect.Dir, b []byte) {
	size := t.cfg.StreamLog
	if size == 0 {
		return
	}
	l := &f.tcp.log[d]
	if c := cap(l.data); len(l.data)+len(b) > c && c < size {
		grow := min(size, max(minChunkCap, len(l.data)+len(b))) - c
		if t.streamMem+grow > t.cfg.StreamMemcap {
			t.streamHits++
			return
		}
		t.streamMem += grow
		f.tcp.chunkMem += grow
		l.data = append(make([]byte, 0, c+grow), l.data...)
	}
	l.add(b, size)
}

// streamEnd ends a direction; its app layer ends once the bytes held
// for their acknowledgement were parsed. Its held stream bytes are
// inspected then too, after the app layer parsed them (Suricata's raw
// stream inspection does not go past the acknowledged data before the
// flow's end either).
func (t *Tracker) streamEnd(f *flowState, d inspect.Dir) {
	f.tcp.unackedEOF[d] = true
	if len(f.tcp.unacked[d]) == 0 {
		t.flushChunk(f, d)
	}
	t.ackDeliver(f, d, 0)
}

// hold makes room for n more bytes in a direction's held stream bytes,
// within the stream memcap.
func (t *Tracker) hold(tc *tcpState, d inspect.Dir, n int) bool {
	c := tc.chunk[d]
	if len(c)+n <= cap(c) {
		return true
	}
	size := ackBufSize(max(len(c)+n, min(t.cfg.MaxStreamBuffer, max(minChunkCap, 2*cap(c)))))
	if t.streamMem+size-cap(c) > t.cfg.StreamMemcap {
		return false
	}
	t.streamMem += size - cap(c)
	tc.chunkMem += size - cap(c)
	tc.chunk[d] = append(t.ackFree.get(size), c...)
	t.ackFree.put(c)
	return true
}

// flushChunk emits the bytes held for one direction.
func (t *Tracker) flushChunk(f *flowState, d inspect.Dir) {
	tc := f.tcp
	if len(tc.chunk[d]) == 0 {
		return
	}
	tc.rawReady[d] = false
	t.emitStream(f, d, tc.chunk[d], tc.cuts[d])
	// its room goes back to the pool and the stream memcap until the
	// direction's next bytes: an idle flow holds none
	c := tc.chunk[d]
	t.streamMem -= cap(c)
	tc.chunkMem -= cap(c)
	t.ackFree.put(c)
	tc.chunk[d], tc.cuts[d] = nil, tc.cuts[d][:0]
}

// emitStream emits reassembled bytes as a KindStream unit: one payload,
// or with gaps (cuts) one payload instance per piece. A flow no app-layer
// parser holds then lets go of its stream log, as Suricata frees the
// stream data its raw inspection is done with.
func (t *Tracker) emitStream(f *flowState, d inspect.Dir, b []byte, cuts []int) {
	u := t.unit(f, inspect.KindStream, d)
	if len(cuts) == 0 {
		u.SetBuffer("payload", b)
	} else {
		prev := 0
		for _, c := range append(cuts, len(b)) {
			if c > prev {
				u.AddBuffer("payload", b[prev:c])
			}
			prev = c
		}
	}
	t.stats.StreamChunks++
	t.stats.StreamBytes += uint64(len(b))
	t.sendOnce(u)
	if k := f.app.kind; k == appUnknown || k == appNone {
		f.tcp.log[d].reset()
	}
}

// rawDue ends what direction d holds for raw stream inspection: the
// other side spoke, so it acknowledged d's bytes. In IDS mode Suricata
// inspects a direction's raw stream, up to the acknowledged data, with
// that direction's packets only (StreamReassembleRaw): the bytes wait
// for d's next packet. Otherwise they are inspected at once.
func (t *Tracker) rawDue(f *flowState, d inspect.Dir) {
	if len(f.tcp.chunk[d]) == 0 {
		return
	}
	if t.acked(f) {
		f.tcp.rawReady[d] = true
		return
	}
	t.flushChunk(f, d)
}
