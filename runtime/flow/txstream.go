package flow

import "github.com/rulec/rulec/runtime/inspect"

// txStreamData keeps the last Config.TxStream bytes of a direction's TCP
// stream since its last gap, for the payload buffer of that direction's
// transaction units: a rule mixing payload and app-layer matchers
// (uricontent with content) inspects its payload part on the stream as
// the transaction is inspected, as Suricata's stream inspect engine of
// app-layer rules reads the raw stream (StreamReassembleRaw). Its room
// is charged to the stream memcap; refused room is counted, and the
// direction keeps no window then.
func (t *Tracker) txStreamData(f *flowState, d inspect.Dir, b []byte) {
	size := t.cfg.TxStream
	if size == 0 || len(b) == 0 {
		return
	}
	tc := f.tcp
	w := tc.txWin[d]
	if cap(w) < size {
		if t.streamMem+size > t.cfg.StreamMemcap {
			t.streamHits++
			return
		}
		t.streamMem += size - cap(w)
		tc.chunkMem += size - cap(w)
		w = append(make([]byte, 0, size), w...)
	}
	if len(b) >= size {
		w = append(w[:0], b[len(b)-size:]...)
	} else {
		if drop := len(w) + len(b) - size; drop > 0 {
			w = w[:copy(w, w[drop:])]
		}
		w = append(w, b...)
	}
	tc.txWin[d] = w
}

// txStreamGap forgets a direction's window at a gap: Suricata's raw
// stream inspection does not join data across one.
func (t *Tracker) txStreamGap(f *flowState, d inspect.Dir) {
	f.tcp.txWin[d] = f.tcp.txWin[d][:0]
}

// setTxStream gives an app unit of a TCP flow its direction's stream
// window as the payload buffer; a copy, as the unit may wait for its
// inspection while the stream moves on.
func (t *Tracker) setTxStream(f *flowState, u *inspect.Unit) {
	if t.cfg.TxStream == 0 || f.tcp == nil {
		return
	}
	if w := f.tcp.txWin[u.Dir]; len(w) > 0 {
		u.SetBuffer("payload", append([]byte(nil), w...))
	}
}
