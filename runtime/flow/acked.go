package flow

import (
	"github.com/rulec/rulec/runtime/flow/http"
	"github.com/rulec/rulec/runtime/inspect"
)

// In IDS mode Suricata's app layer parses a direction's reassembled
// bytes once the other side acknowledged them: the stream engine
// handles a packet's ACK for the opposing stream before detection runs
// on the packet (StreamTcpReassembleHandleSegment, UPDATE_DIR_OPPOSING).
// Detection then inspects the transactions of the packet's own
// direction only, so a request parsed on the server's ACK is inspected
// on the client's next packet, or on the flow's end. The tracker holds
// each direction's in-order bytes until acknowledged (ackHold), feeds
// them to the app layer on the acknowledging packet (ackFeed), and
// keeps the app units of the other direction for its next packet
// (queueApp, sendQueued).

// maxQueuedUnits bounds the app units a flow keeps for its next packet
// of their direction; past it the oldest is inspected at once.
const maxQueuedUnits = 64

// acked reports whether app data waits for its acknowledgement: IDS
// mode without stream.inline, on a connection not followed one way. A
// one-sided (async) session is no longer one once both sides sent a
// packet, as Suricata then clears its ASYNC flag.
func (t *Tracker) acked(f *flowState) bool {
	return !t.cfg.IPS && !t.cfg.StreamInline && (!f.tcp.async || f.TCPFlags[inspect.ToServer] != 0 && f.TCPFlags[inspect.ToClient] != 0)
}

// ackHold keeps bytes of direction d for the app layer until the other
// side acknowledges them; end is the sequence number after them. Past
// the stream memcap they are parsed at once.
func (t *Tracker) ackHold(f *flowState, d inspect.Dir, b []byte, end uint32) {
	tc := f.tcp
	if !t.acked(f) {
		t.appData(f, d, b)
		return
	}
	p := tc.unacked[d]
	if len(p)+len(b) > cap(p) {
		size := ackBufSize(max(len(p)+len(b), 2*cap(p)))
		if t.streamMem+size-cap(p) > t.cfg.StreamMemcap {
			t.streamHits++
			t.ackFlush(f, d)
			t.appData(f, d, b)
			return
		}
		t.streamMem += size - cap(p)
		tc.chunkMem += size - cap(p)
		np := append(t.ackFree.get(size), p...)
		t.ackFree.put(p)
		p = np
	}
	tc.unacked[d] = append(p, b...)
	tc.unackedEnd[d] = end
}

// ackFeed parses the bytes of direction d its peer acknowledged, up to
// sequence number ack, and the direction's end once all of it was.
func (t *Tracker) ackFeed(f *flowState, d inspect.Dir, ack uint32) {
	tc := f.tcp
	p := tc.unacked[d]
	n := len(p)
	if late := diff32(ack, tc.unackedEnd[d]); late > 0 {
		n = max(0, len(p)-late)
	}
	t.ackDeliver(f, d, n)
}

// ackFlush parses every byte of direction d held for its ACK.
func (t *Tracker) ackFlush(f *flowState, d inspect.Dir) {
	t.ackDeliver(f, d, len(f.tcp.unacked[d]))
}

func (t *Tracker) ackDeliver(f *flowState, d inspect.Dir, n int) {
	tc := f.tcp
	if n > 0 {
		p := tc.unacked[d]
		t.appData(f, d, p[:n])
		tc.unacked[d] = p[:copy(p, p[n:])]
		if len(tc.unacked[d]) == 0 {
			// its room goes back to the pool and the stream memcap
			t.streamMem -= cap(p)
			tc.chunkMem -= cap(p)
			tc.unacked[d] = nil
			t.ackFree.put(p)
		}
	}
	if len(tc.unacked[d]) == 0 && tc.unackedEOF[d] {
		tc.unackedEOF[d] = false
		t.flushChunk(f, d)
		t.appEnd(f, d)
	}
}

// releaseStreams gives an ended flow's stream buffers back to the pool.
func (t *Tracker) releaseStreams(tc *tcpState) {
	for d := range tc.chunk {
		t.ackFree.put(tc.chunk[d])
		t.ackFree.put(tc.unacked[d])
		tc.chunk[d], tc.unacked[d] = nil, nil
	}
}

func diff32(a, b uint32) int { return int(int32(b - a)) }

// ackPacket parses what the packet's ACK acknowledges of the other
// direction, before the packet is inspected.
func (t *Tracker) ackPacket(f *flowState, d inspect.Dir, p *inspect.Packet) {
	if p.TCPFlags&flagACK == 0 || p.TCPFlags&flagRST != 0 {
		return
	}
	t.ackFeed(f, other(d), t.seg.Ack)
}

// waits reports whether u, an app or frame unit, waits for a packet of
// its direction: one of the other direction than the packet's waits for
// that direction's next packet, one of the packet's direction for after
// the packet's own inspection (Suricata inspects packet rules before
// frames and transactions, and a direction's frames and transactions
// with its packets only: DetectRunFrames, DetectRunTx).
func (t *Tracker) waits(u *inspect.Unit) bool {
	f := t.curFlow
	return (u.Kind == inspect.KindApp || u.Kind == inspect.KindFrame) && f != nil && u.Flow == &f.Flow && f.tcp != nil && !f.ending &&
		(u.Dir != t.curDir || !t.curSent) && t.acked(f)
}

// queueApp keeps a unit that waits for a packet of its direction; it
// reports whether it did.
func (t *Tracker) queueApp(u *inspect.Unit) bool {
	f := t.curFlow
	if !t.waits(u) {
		return false
	}
	q := &f.app.queued
	if len(*q) >= maxQueuedUnits {
		t.stats.UnitsEarly++
		o := (*q)[0]
		*q = (*q)[1:]
		t.emitQueued(f, o)
	}
	if f.app.http != nil {
		f.app.http.HoldBodies(true)
	}
	*q = append(*q, u)
	return true
}

// sendQueued inspects the app units kept for direction d, with the
// packet being processed (none at the flow's end).
func (t *Tracker) sendQueued(f *flowState, d inspect.Dir) {
	a := &f.app
	rest := a.queued[:0]
	for _, u := range a.queued {
		if u.Dir != d {
			rest = append(rest, u)
			continue
		}
		t.emitQueued(f, u)
	}
	clear(a.queued[len(rest):])
	a.queued = rest
	if len(a.queued) == 0 && a.http != nil {
		a.http.HoldBodies(false)
	}
}

func (t *Tracker) emitQueued(f *flowState, u *inspect.Unit) {
	u.TS, u.Packet = t.now, nil
	if f == t.curFlow {
		u.TS, u.Packet = t.cur.TS, t.cur
	}
	if tx, ok := u.AppTx.(*http.Tx); ok {
		// an alert shows the transaction as it is when inspected, and
		// app-layer-event sees the events it has then (its response's,
		// parsed on the packet that inspects the request)
		u.Fields["http"] = tx.Fields()
		u.Events = tx.Events
	}
	t.stats.Units++
	t.guessInspected(f, u)
	t.deliver(u)
}
