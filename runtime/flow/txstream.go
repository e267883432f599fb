package flow

import "github.com/rulec/rulec/runtime/inspect"

// minTxWindow is the smallest room a transaction stream window takes.
const minTxWindow = 512

// txStreamData keeps the last Config.TxStream bytes of a direction's TCP
// stream since its last gap, for the payload buffer of that direction's
// transaction units: a rule mixing payload and app-layer matchers
// (uricontent with content) inspects its payload part on the stream as
// the transaction is inspected, as Suricata's stream inspect engine of
// app-layer rules reads the raw stream (StreamReassembleRaw). The
// windows' room has a budget of the stream memcap's size beside it
// (txMem): Suricata keeps no such copy, so it does not push the stream
// memory towards emergency mode, which would end flows earlier (and,
// with workers sharing the memcap out, by which worker has which
// flows). Refused room is counted as the stream memcap's, and the
// direction keeps no window then.
func (t *Tracker) txStreamData(f *flowState, d inspect.Dir, b []byte) {
	size := t.cfg.TxStream
	if size == 0 || len(b) == 0 {
		return
	}
	tc := f.tcp
	w := tc.txWin[d]
	if need := min(len(w)+len(b), size); cap(w) < need {
		// the window grows with the stream, as most streams are short
		room := min(max(need, 2*cap(w), minTxWindow), size)
		if t.txMem+room-cap(w) > t.cfg.StreamMemcap {
			t.streamHits++
			tc.txWin[d] = w[:0]
			return
		}
		t.txMem += room - cap(w)
		w = append(make([]byte, 0, room), w...)
	} else if tc.txLent[d] {
		w = append(make([]byte, 0, cap(w)), w...)
	}
	tc.txLent[d] = false
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
	tc := f.tcp
	if w := tc.txWin[d]; tc.txLent[d] {
		tc.txWin[d], tc.txLent[d] = make([]byte, 0, cap(w)), false
	} else {
		tc.txWin[d] = w[:0]
	}
}

// setTxStream gives an app unit of a TCP flow its direction's stream
// window as the payload buffer. The unit may wait for its inspection
// while the stream moves on: the window is lent to it as it is, and the
// stream's next bytes go to a copy (txLent), which a flow's several
// units before its next bytes share.
func (t *Tracker) setTxStream(f *flowState, u *inspect.Unit) {
	if t.cfg.TxStream == 0 || f.tcp == nil {
		return
	}
	if w := f.tcp.txWin[u.Dir]; len(w) > 0 {
		u.SetBuffer("payload", w[:len(w):len(w)])
		f.tcp.txLent[u.Dir] = true
	}
}

// txStreamRelease gives an ended flow's windows' room back.
func (t *Tracker) txStreamRelease(tc *tcpState) {
	for d := range tc.txWin {
		t.txMem -= cap(tc.txWin[d])
		tc.txWin[d] = nil
	}
}
