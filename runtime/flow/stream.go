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

// minChunkCap is the first allocation for a direction's held bytes.
const minChunkCap = 1024

// streamData holds new in-order bytes for a KindStream unit (after
// emitting what the other direction held, as it has stopped speaking)
// and hands them to the app layer. Past the stream depth neither sees
// them: Suricata stops reassembling the direction, for its app layer too.
func (t *Tracker) streamData(f *flowState, d inspect.Dir, b []byte) {
	tc := f.tcp
	t.flushChunk(f, other(d))
	n := len(b)
	if t.cfg.StreamDepth > 0 {
		n = min(n, t.cfg.StreamDepth-tc.inspected[d])
		f.DepthReached[d] = tc.inspected[d]+n >= t.cfg.StreamDepth
	}
	if n <= 0 {
		return
	}
	b = b[:n]
	tc.inspected[d] += n
	switch {
	case f.NoPayload:
		// raw stream inspection ended with the payload's
	case t.cfg.IPS:
		tc.inline[d].deliver(b)
	case !t.hold(tc, d, n):
		t.streamHits++
		t.emitStream(f, d, b)
	default:
		tc.chunk[d] = append(tc.chunk[d], b...)
		if len(tc.chunk[d]) >= t.cfg.MaxStreamBuffer {
			t.flushChunk(f, d)
		}
	}
	t.appData(f, d, b)
}

func (t *Tracker) streamGap(f *flowState, d inspect.Dir, n int) {
	t.stats.Gaps++
	t.stats.GapBytes += uint64(n)
	t.flushChunk(f, d)
	f.tcp.gap[d] += n
	f.tcp.hadGap[d] = true
	f.tcp.inline[d].reset()
	t.appGap(f, d, n)
}

func (t *Tracker) streamEnd(f *flowState, d inspect.Dir) {
	t.flushChunk(f, d)
	t.appEnd(f, d)
}

// hold makes room for n more bytes in a direction's held stream bytes,
// within the stream memcap.
func (t *Tracker) hold(tc *tcpState, d inspect.Dir, n int) bool {
	c := tc.chunk[d]
	if len(c)+n <= cap(c) {
		return true
	}
	size := max(len(c)+n, min(t.cfg.MaxStreamBuffer, max(minChunkCap, 2*cap(c))))
	if t.streamMem+size-cap(c) > t.cfg.StreamMemcap {
		return false
	}
	t.streamMem += size - cap(c)
	tc.chunkMem += size - cap(c)
	nc := make([]byte, len(c), size)
	copy(nc, c)
	tc.chunk[d] = nc
	return true
}

// flushChunk emits the bytes held for one direction.
func (t *Tracker) flushChunk(f *flowState, d inspect.Dir) {
	tc := f.tcp
	if len(tc.chunk[d]) == 0 {
		return
	}
	t.emitStream(f, d, tc.chunk[d])
	tc.chunk[d] = tc.chunk[d][:0]
}

// emitStream emits reassembled bytes as a KindStream unit.
func (t *Tracker) emitStream(f *flowState, d inspect.Dir, b []byte) {
	u := t.unit(f, inspect.KindStream, d)
	u.SetBuffer("payload", b)
	u.Gap, f.tcp.gap[d] = f.tcp.gap[d], 0
	t.stats.StreamChunks++
	t.stats.StreamBytes += uint64(len(b))
	t.sendOnce(u)
}
