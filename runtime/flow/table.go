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
	tcp        *tcpState
	app        appState
	txSeq      uint64 // transactions of non-HTTP app units so far
}

// lru lists flows by last activity, most recent first.
type lru struct {
	head, tail *flowState
	timeout    time.Duration
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

func (l *lru) touch(f *flowState) {
	if l.head != f {
		l.remove(f)
		l.pushFront(f)
	}
}

// table holds the flows: a map for lookup and one LRU list per timeout
// class (TCP, other).
type table struct {
	flows    map[key]*flowState
	tcp, udp lru
}

func newTable(cfg Config) *table {
	return &table{flows: map[key]*flowState{}, tcp: lru{timeout: cfg.TCPTimeout}, udp: lru{timeout: cfg.FlowTimeout}}
}

func (t *table) add(f *flowState) {
	t.flows[f.key] = f
	if f.tcp != nil {
		t.tcp.pushFront(f)
	} else {
		t.udp.pushFront(f)
	}
}

func (t *table) remove(f *flowState) {
	delete(t.flows, f.key)
	if f.list != nil {
		f.list.remove(f)
	}
}

// oldest is the flow idle the longest.
func (t *table) oldest() *flowState {
	a, b := t.tcp.tail, t.udp.tail
	switch {
	case a == nil:
		return b
	case b == nil || a.Last.Before(b.Last):
		return a
	}
	return b
}

// expired returns a flow idle past its timeout at now, if there is one.
func (t *table) expired(now time.Time) *flowState {
	for _, l := range []*lru{&t.tcp, &t.udp} {
		if f := l.tail; f != nil && now.Sub(f.Last) > l.timeout {
			return f
		}
	}
	return nil
}
