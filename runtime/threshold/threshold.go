package threshold

import (
	"container/heap"
	"net/netip"
	"time"

	"github.com/rulec/rulec/compiler/ir"
)

// DefaultMaxEntries bounds the tracked keys when New is given no bound:
// about 20 MB of entries (Suricata bounds its table by
// detect.thresholds.memcap, 16 MB by default).
const DefaultMaxEntries = 1 << 17

// backoffIdle is how long a backoff counter, which has no window, is kept
// after its last match.
const backoffIdle = time.Hour

// Key identifies what one rule's counter is tracked by.
type Key struct {
	Rule     int
	Src, Dst netip.Addr
	Flow     uint64
}

type entry struct {
	key     Key
	expires time.Time // the end of the entry's window; it is dropped past it
	count   int
	next    int
	since   time.Time // rate_filter: when its new action began; zero when off
	pos     int       // index in the expiry heap
}

// Tracker holds the counters. It is not safe for concurrent use.
type Tracker struct {
	max     int
	entries map[Key]*entry
	expiry  expiryHeap
	stats   Stats
}

// Stats counts what the table did.
type Stats struct {
	Expired uint64 // entries dropped at the end of their rule's window
	// Full counts matches of a new key while the table was full: they
	// were not counted and raised no alert (fail closed).
	Full uint64
}

// New returns an empty tracker holding at most maxEntries keys
// (DefaultMaxEntries when maxEntries <= 0).
func New(maxEntries int) *Tracker {
	if maxEntries <= 0 {
		maxEntries = DefaultMaxEntries
	}
	return &Tracker{max: maxEntries, entries: map[Key]*entry{}}
}

// Stats returns the counters so far.
func (tr *Tracker) Stats() Stats { return tr.stats }

// Len is the number of keys tracked now.
func (tr *Tracker) Len() int { return len(tr.entries) }

// KeyFor builds the key of a match of rule under t's tracking.
func KeyFor(t ir.Threshold, rule int, src, dst netip.Addr, flow uint64) Key {
	k := Key{Rule: rule}
	switch t.Track {
	case "by_src":
		k.Src = src
	case "by_dst":
		k.Dst = dst
	case "by_both":
		k.Src, k.Dst = src, dst
	case "by_flow":
		k.Flow = flow
	}
	return k
}

// Allow counts one match and reports whether it raises an alert under t.
// A new key while the table is full is not counted and raises no alert.
func (tr *Tracker) Allow(t ir.Threshold, k Key, now time.Time) bool {
	tr.expire(now)
	e, ok := tr.entries[k]
	if !ok {
		if len(tr.entries) >= tr.max {
			tr.stats.Full++
			return false
		}
		e = &entry{key: k, next: t.Count}
		tr.entries[k] = e
		e.expires = expiresAt(t, now)
		heap.Push(&tr.expiry, e)
	} else if t.Kind == "backoff" {
		e.expires = expiresAt(t, now)
		heap.Fix(&tr.expiry, e.pos)
	}
	e.count++
	switch t.Kind {
	case "threshold":
		if e.count >= t.Count {
			e.count = 0
			return true
		}
		return false
	case "limit":
		return e.count <= t.Count
	case "both":
		return e.count == t.Count
	case "backoff":
		if e.count == e.next {
			e.next *= max(t.Multiplier, 2)
			return true
		}
		return false
	}
	return e.count > t.Count
}

// expiresAt is when an entry counting from now ends: at the end of the
// rule's window, or for backoff (which has none) after backoffIdle.
func expiresAt(t ir.Threshold, now time.Time) time.Time {
	if t.Kind == "backoff" {
		return now.Add(backoffIdle)
	}
	return now.Add(time.Duration(t.Seconds) * time.Second)
}

// expire drops the entries whose window ended before now.
func (tr *Tracker) expire(now time.Time) {
	for len(tr.expiry) > 0 && now.After(tr.expiry[0].expires) {
		e := heap.Pop(&tr.expiry).(*entry)
		delete(tr.entries, e.key)
		tr.stats.Expired++
	}
}

// expiryHeap orders entries by the end of their window.
type expiryHeap []*entry

func (h expiryHeap) Len() int           { return len(h) }
func (h expiryHeap) Less(i, j int) bool { return h[i].expires.Before(h[j].expires) }
func (h expiryHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].pos, h[j].pos = i, j
}

func (h *expiryHeap) Push(x any) {
	e := x.(*entry)
	e.pos = len(*h)
	*h = append(*h, e)
}

func (h *expiryHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return e
}

// Rate counts one match under a rate_filter and reports whether the rule
// acts as t.NewAction on it: once more than t.Count matches fall in
// t.Seconds, for the t.Timeout seconds that follow (in whole seconds, as
// Suricata compares them). A new key while the table is full keeps the
// rule's own action and is counted in Stats.Full.
func (tr *Tracker) Rate(t ir.Threshold, k Key, now time.Time) bool {
	tr.expire(now)
	e, ok := tr.entries[k]
	if !ok {
		if len(tr.entries) >= tr.max {
			tr.stats.Full++
			return false
		}
		e = &entry{key: k, count: 1, expires: expiresAt(t, now)}
		tr.entries[k] = e
		heap.Push(&tr.expiry, e)
		return false
	}
	if !e.since.IsZero() {
		if now.Unix()-e.since.Unix() > int64(t.Timeout) {
			e.since = time.Time{}
			return false
		}
		return true
	}
	e.count++
	if e.count <= t.Count {
		return false
	}
	e.since = now
	if end := now.Add(time.Duration(t.Timeout+1) * time.Second); end.After(e.expires) {
		e.expires = end
		heap.Fix(&tr.expiry, e.pos)
	}
	return true
}
