package flow

import (
	"time"

	"github.com/rulec/rulec/runtime/inspect"
)

// flowState is a flow and everything tracked for it.
type flowState struct {
	inspect.Flow
	key        key
	clientIsA  bool // the client is the key's a endpoint
	prev, next *flowState
	list       *lru
	// touched is the tracker's clock at the flow's last packet, which
	// orders the LRU lists and times the flow out: a packet older than
	// the clock (captures whose time goes back) does not make its flow
	// look idler than flows seen before it, so whether a flow times out
	// does not depend on which other flows share its tracker.
	touched time.Time
	tcp     *tcpState
	app     appState
	txSeq   uint64 // transactions of non-HTTP app units so far
	guess   guessState
	// detectPending, by Dir: protocol detection finished for the
	// direction; its next packet carries the news (ProtoDetect).
	detectPending [3]bool
	// appEventsPending, by Dir: app-layer packet events of detection on
	// the direction's data, for its next packet.
	appEventsPending [3]inspect.AppEvents
	ending           bool // its last units are being emitted (end)
}

// phase is where a flow is in its life, for its timeout and for the
// order of eviction.
type phase uint8

const (
	phaseNew         phase = iota // no reply yet (TCP: no handshake)
	phaseEstablished              // packets both ways (TCP: handshake done)
	phaseClosed                   // TCP: reset, or finished both ways
	phases
)

func (f *flowState) phase() phase {
	switch {
	case f.tcp != nil && f.tcp.closed():
		return phaseClosed
	case f.Established:
		return phaseEstablished
	}
	return phaseNew
}

// lru lists flows by last activity (touched), most recent first.
type lru struct {
	head, tail *flowState
}

func (l *lru) pushFront(f *flowState) {
	f.list, f.prev, f.next = l, nil, l.head
	if l.head != nil {
		l.head.prev = f
	} else {
		l.tail = f
	}
	l.head = f
}

func (l *lru) remove(f *flowState) {
	if f.prev != nil {
		f.prev.next = f.next
	} else {
		l.head = f.next
	}
	if f.next != nil {
		f.next.prev = f.prev
	} else {
		l.tail = f.prev
	}
	f.prev, f.next, f.list = nil, nil, nil
}

// table holds the flows: a map for lookup and one LRU list per protocol
// class (TCP, other) and phase, each with its own timeout.
type table struct {
	flows     map[key]*flowState
	lists     [2][phases]lru
	timeouts  [2]Timeouts
	emergency bool
}

func newTable(cfg Config) *table {
	return &table{flows: map[key]*flowState{}, timeouts: [2]Timeouts{cfg.OtherTimeouts, cfg.TCPTimeouts}}
}

func class(f *flowState) int {
	if f.tcp != nil {
		return 1
	}
	return 0
}

func (t *table) add(f *flowState, now time.Time) {
	f.touched = now
	t.flows[f.key] = f
	t.lists[class(f)][f.phase()].pushFront(f)
}

// touch puts f at the front of the list of its current phase, seen at
// now.
func (t *table) touch(f *flowState, now time.Time) {
	f.touched = now
	l := &t.lists[class(f)][f.phase()]
	if l.head == f {
		return
	}
	if f.list != nil {
		f.list.remove(f)
	}
	l.pushFront(f)
}

func (t *table) remove(f *flowState) {
	delete(t.flows, f.key)
	if f.list != nil {
		f.list.remove(f)
	}
}

// timeout is the idle timeout of flows of class c in phase p now.
func (t *table) timeout(c int, p phase) time.Duration {
	to := &t.timeouts[c]
	if t.emergency {
		return [phases]time.Duration{to.EmergencyNew, to.EmergencyEstablished, to.EmergencyClosed}[p]
	}
	return [phases]time.Duration{to.New, to.Established, to.Closed}[p]
}

// expired returns a flow idle past its timeout at now, if there is one.
func (t *table) expired(now time.Time) *flowState {
	for c := range t.lists {
		for p := range phases {
			if f := t.lists[c][p].tail; f != nil && now.Sub(f.touched) > t.timeout(c, p) {
				return f
			}
		}
	}
	return nil
}

// victim is the flow to end when the table is full: the least recently
// used of the closed and new flows (a flood of new flows evicts its own
// kind), and only when there are none the least recently used
// established flow.
func (t *table) victim() *flowState {
	var v *flowState
	for _, p := range []phase{phaseClosed, phaseNew, phaseEstablished} {
		for c := range t.lists {
			if f := t.lists[c][p].tail; f != nil && (v == nil || f.touched.Before(v.touched)) {
				v = f
			}
		}
		if v != nil {
			return v
		}
	}
	return nil
}

// oldest is the flow idle the longest.
func (t *table) oldest() *flowState {
	var v *flowState
	for c := range t.lists {
		for p := range phases {
			if f := t.lists[c][p].tail; f != nil && (v == nil || f.touched.Before(v.touched)) {
				v = f
			}
		}
	}
	return v
}
