package flow

import "github.com/rulec/rulec/runtime/inspect"

// rawChunk is Suricata's stream.reassembly.toserver-chunk-size and
// toclient-chunk-size default: the raw stream window inspected with each
// packet inline.
const rawChunk = 2560

// inlineWindow is one direction's raw stream as an inline (IPS) packet
// sees it: the stream bytes before the packet's (up to rawChunk) and
// those delivered while the packet was reassembled.
type inlineWindow struct {
	tail    []byte // the last stream bytes before the packet being processed
	pending []byte // bytes delivered for the packet being processed
	start   bool   // the packet's data starts where the stream stood
}

// deliver takes stream bytes delivered while a packet is processed.
func (w *inlineWindow) deliver(b []byte) { w.pending = append(w.pending, b...) }

// reset forgets the bytes before a gap.
func (w *inlineWindow) reset() { w.tail, w.pending = w.tail[:0], w.pending[:0] }

// emitInline emits the raw stream unit of an inline packet whose data
// went into the stream, as Suricata's StreamReassembleRawInline builds
// it: the packet's data with the stream bytes around it, cut to the
// chunk size (grown for a large packet) with the excess trimmed from
// both sides evenly; the packet's own payload when its data did not
// start at the stream's next byte (out of order, a retransmission).
// Then the stream bytes seen so far become the next packet's past.
func (t *Tracker) emitInline(f *flowState, d inspect.Dir, p *inspect.Packet) {
	w := &f.tcp.inline[d]
	defer func() {
		w.tail = keepTail(append(w.tail, w.pending...), rawChunk)
		w.pending, w.start = w.pending[:0], false
	}()
	if !p.StreamAdded || len(p.Payload) == 0 || f.NoPayload {
		return
	}
	n, data := len(p.Payload), p.Payload
	if w.start && len(w.pending) >= n {
		chunk := rawChunk
		if chunk <= n || chunk/3*2 < n {
			chunk = n + chunk/3
		}
		before, after := len(w.tail), len(w.pending)-n
		if before+n+after > chunk {
			room := chunk - n
			switch {
			case after == 0:
				before = min(before, room)
			case before == 0:
				after = min(after, room)
			case after >= room/2 && before >= room/2:
				before, after = room/2, room/2
			case after >= room/2:
				after = room - before
			default:
				before = room - after
			}
		}
		data = append(append(make([]byte, 0, before+len(w.pending)), w.tail[len(w.tail)-before:]...), w.pending[:n+after]...)
	}
	u := t.unit(f, inspect.KindStream, d)
	u.SetBuffer("payload", data)
	t.stats.StreamChunks++
	t.stats.StreamBytes += uint64(len(data))
	t.sendOnce(u)
}

// keepTail keeps the last n bytes of b, in place.
func keepTail(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	return append(b[:0], b[len(b)-n:]...)
}
