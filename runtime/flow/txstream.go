package flow

import (
	"slices"

	"github.com/rulec/rulec/runtime/inspect"
)

// minTxWindow is the smallest room a transaction stream window takes;
// rooms double from it up to Config.TxStream.
const minTxWindow = 512

// maxTxFree bounds the room of the window buffers a tracker keeps for
// reuse, and maxTxOld the windows it follows that the stream left while
// units they were lent to wait for their inspection (past it, the
// oldest is left to the garbage collector).
const (
	maxTxFree = 1 << 20
	maxTxOld  = 64
)

// ScribbleWindows makes trackers overwrite a window buffer they take
// back for reuse: tests set it to find a unit inspected with a window it
// no longer holds.
var ScribbleWindows bool

// txWindow is a direction's transaction stream window.
type txWindow struct {
	b    []byte
	gen  uint32 // which buffer b is, for the units it is lent to
	lent int    // units given b that were not inspected yet
}

// txLoan is the window a unit was given: its flow's direction and the
// buffer's generation.
type txLoan struct {
	tc  *tcpState
	d   inspect.Dir
	gen uint32
}

// txOld is a window the stream moved on from while units it was lent to
// wait for their inspection.
type txOld struct {
	loan txLoan
	b    []byte
	lent int
}

// txWindows is a tracker's bookkeeping of the windows: units hold the
// window they were given until they are inspected (txReturn), then its
// buffer goes back to the free list once the stream has left it, so
// that a flow's windows take no new memory as its stream moves on.
type txWindows struct {
	loans map[*inspect.Unit]txLoan
	old   []txOld
	free  bufPool // buffers of rooms txRoom gives, at most maxTxFree in all
}

// newTxPool returns a tracker's pool of window buffers for windows of
// size bytes.
func newTxPool(size int) bufPool {
	return bufPool{minCap: min(minTxWindow, size), maxCap: size, maxBytes: maxTxFree, scribble: &ScribbleWindows}
}

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
// direction keeps no window then. A direction whose transaction units
// cannot need the window (txStreamKept) keeps none.
func (t *Tracker) txStreamData(f *flowState, d inspect.Dir, b []byte) {
	size := t.cfg.TxStream
	if size == 0 || len(b) == 0 {
		return
	}
	tc := f.tcp
	w := &tc.tx[d]
	if !t.txStreamKept(f, d) {
		t.txMem -= cap(w.b)
		t.txLeave(tc, d, nil)
		return
	}
	keep := w.b
	if len(b) >= size {
		keep, b = nil, b[len(b)-size:]
	} else if drop := len(keep) + len(b) - size; drop > 0 {
		keep = keep[drop:]
	}
	if need := len(keep) + len(b); cap(w.b) < need {
		// the window grows with the stream, as most streams are short
		room := txRoom(max(need, 2*cap(w.b)), size)
		if t.txMem+room-cap(w.b) > t.cfg.StreamMemcap {
			t.streamHits++
			t.txMem -= cap(w.b)
			t.txLeave(tc, d, nil)
			return
		}
		t.txMem += room - cap(w.b)
		t.txLeave(tc, d, append(t.txs.free.get(room), keep...))
	} else if w.lent > 0 {
		t.txLeave(tc, d, append(t.txs.free.get(cap(w.b)), keep...))
	} else {
		w.b = w.b[:copy(w.b, keep)]
	}
	w.b = append(w.b, b...)
}

// txRoom is the room of a window of n bytes: minTxWindow doubled up to
// n, at most size, so that rooms come in few sizes for reuse.
func txRoom(n, size int) int {
	r := minTxWindow
	for r < n && r < size {
		r *= 2
	}
	return min(r, size)
}

// txStreamKept reports whether direction d of f keeps its window: its
// transaction units may need it (Config.TxStreamFor), or its protocol is
// not decided for good (detection to come, or to start again after an
// HTTP CONNECT, SMTP STARTTLS or a DoH2 message).
func (t *Tracker) txStreamKept(f *flowState, d inspect.Dir) bool {
	switch f.app.kind {
	case appUnknown, appHTTP, appSMTP, appHTTP2:
		return true
	}
	return t.txWanted(f.App, d)
}

func (t *Tracker) txWanted(app string, d inspect.Dir) bool {
	return t.cfg.TxStreamFor == nil || t.cfg.TxStreamFor(app, d)
}

// txStreamGap forgets a direction's window at a gap: Suricata's raw
// stream inspection does not join data across one.
func (t *Tracker) txStreamGap(f *flowState, d inspect.Dir) {
	w := &f.tcp.tx[d]
	if w.lent > 0 {
		t.txLeave(f.tcp, d, t.txs.free.get(cap(w.b)))
		return
	}
	w.b = w.b[:0]
}

// txLeave replaces direction d's window buffer with b: the old one goes
// back to the free list, or, while units it was lent to wait, to the
// windows followed until they are inspected. The caller sees to txMem.
func (t *Tracker) txLeave(tc *tcpState, d inspect.Dir, b []byte) {
	w := &tc.tx[d]
	switch {
	case cap(w.b) == 0:
	case w.lent == 0:
		t.txs.free.put(w.b)
	default:
		if len(t.txs.old) == maxTxOld {
			t.txs.old = slices.Delete(t.txs.old, 0, 1)
		}
		t.txs.old = append(t.txs.old, txOld{loan: txLoan{tc, d, w.gen}, b: w.b, lent: w.lent})
	}
	w.b, w.lent = b, 0
	w.gen++
}

// setTxStream gives an app unit of a TCP flow its direction's stream
// window as the payload buffer, when a rule may inspect it there
// (Config.TxStreamFor). The unit may wait for its inspection while the
// stream moves on: the window is lent to it as it is, and the stream's
// next bytes go to another buffer, until the units it was lent to
// (several before the next bytes share it) are inspected.
func (t *Tracker) setTxStream(f *flowState, u *inspect.Unit) {
	if t.cfg.TxStream == 0 || f.tcp == nil {
		return
	}
	w := &f.tcp.tx[u.Dir]
	if len(w.b) == 0 || !t.txWanted(f.App, u.Dir) {
		return
	}
	if f.app.kind == appHTTP {
		u.Grow(1) // its one buffer of its own: its transaction's are shared
	}
	u.SetBuffer("payload", w.b[:len(w.b):len(w.b)])
	if t.txs.loans == nil {
		t.txs.loans = map[*inspect.Unit]txLoan{}
	}
	t.txs.loans[u] = txLoan{f.tcp, u.Dir, w.gen}
	w.lent++
	f.tcp.txOut++
}

// txReturn takes back the window lent to u, once u was inspected.
func (t *Tracker) txReturn(u *inspect.Unit) {
	if len(t.txs.loans) == 0 {
		return
	}
	l, ok := t.txs.loans[u]
	if !ok {
		return
	}
	delete(t.txs.loans, u)
	l.tc.txOut--
	if w := &l.tc.tx[l.d]; w.gen == l.gen {
		w.lent--
		return
	}
	for i := range t.txs.old {
		o := &t.txs.old[i]
		if o.loan != l {
			continue
		}
		if o.lent--; o.lent == 0 {
			t.txs.free.put(o.b)
			t.txs.old = slices.Delete(t.txs.old, i, i+1)
		}
		return
	}
}

// txStreamRelease gives an ended flow's windows' room back. Windows still
// lent to units not inspected yet (a TLS hello the flow's end inspects)
// are left to them and the garbage collector.
func (t *Tracker) txStreamRelease(tc *tcpState) {
	for d := range tc.tx {
		w := &tc.tx[d]
		t.txMem -= cap(w.b)
		if w.lent == 0 && cap(w.b) > 0 {
			t.txs.free.put(w.b)
		}
		w.b, w.lent = nil, 0
	}
	t.txs.old = slices.DeleteFunc(t.txs.old, func(o txOld) bool { return o.loan.tc == tc })
	if tc.txOut > 0 {
		for u, l := range t.txs.loans {
			if l.tc == tc {
				delete(t.txs.loans, u)
			}
		}
		tc.txOut = 0
	}
}
