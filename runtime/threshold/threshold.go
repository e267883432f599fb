package threshold

import (
	"net/netip"
	"time"

	"github.com/rulec/rulec/compiler/ir"
)

// MaxEntries bounds the tracked keys.
const MaxEntries = 1 << 20

// Key identifies what one rule's counter is tracked by.
type Key struct {
	Rule     int
	Src, Dst netip.Addr
	Flow     uint64
}

type entry struct {
	first time.Time
	count int
	next  int
}

// Tracker holds the counters. It is not safe for concurrent use.
type Tracker struct {
	entries   map[Key]*entry
	lastSweep time.Time
	Overflow  uint64
}

// New returns an empty tracker.
func New() *Tracker { return &Tracker{entries: map[Key]*entry{}} }

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
func (tr *Tracker) Allow(t ir.Threshold, k Key, now time.Time) bool {
	tr.sweep(now)
	window := time.Duration(t.Seconds) * time.Second
	e, ok := tr.entries[k]
	if !ok || (t.Kind != "backoff" && now.Sub(e.first) > window) {
		if !ok && len(tr.entries) >= MaxEntries {
			tr.Overflow++
			return true
		}
		e = &entry{first: now, next: t.Count}
		tr.entries[k] = e
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

// sweep drops expired entries at most once a second of packet time.
func (tr *Tracker) sweep(now time.Time) {
	if now.Sub(tr.lastSweep) < time.Second {
		return
	}
	tr.lastSweep = now
	const keep = time.Hour
	for k, e := range tr.entries {
		if now.Sub(e.first) > keep {
			delete(tr.entries, k)
		}
	}
}
