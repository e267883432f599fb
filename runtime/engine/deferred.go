package engine

import (
	"encoding/json"
	"math"
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rulec/rulec/runtime/eve"
)

// deferredLimits decides, for workers, the thresholds of matches whose
// only effect is their alert: the worker does not wait for its turn on
// the shared thresholds but leaves the match here, its alert written
// out, and the queue decides the matches in capture order once every
// worker is past them. Every use of the thresholds by workers is under
// mu, after the earlier matches left here are decided.
type deferredLimits struct {
	mu      sync.Mutex
	matches []*limitsPending
	pending atomic.Int32
	stats   Stats // the alerts written from here
	err     error
}

// limitsPending is a match whose thresholds are not decided yet.
type limitsPending struct {
	c        *urule
	src, dst netip.Addr
	flowID   uint64
	ts       time.Time
	at       uint64 // the worker's position (Sequencer.At)
	worker   int
	n        int // its place among the worker's matches
	alert    *eve.Event
	line     []byte // the alert's EVE line; nil: not written
}

// alertOnly reports whether r's thresholds decide only its alert: no
// rate_filter, flowbits, xbits, bypass or config, an alert or a drop
// (which drops nothing offline outside IPS mode), not IP-only.
func alertOnly(u *urule) bool {
	r := u.r
	if len(r.Limits) == 0 || len(r.Bits) > 0 || r.Bypass || len(r.Config) > 0 || u.ipOnly || r.NoAlert {
		return false
	}
	for _, t := range r.Limits {
		if t.Kind == "rate_filter" {
			return false
		}
	}
	return r.Action == "alert" || r.Action == "drop"
}

// defers reports whether e leaves the thresholds of c's matches to the
// queue: workers of an offline IDS run.
func (e *Engine) defers(c *urule) bool {
	return e.deferred != nil && !e.opts.IPS && e.opts.Offline && e.opts.OnAlert == nil && c.alertOnly
}

// pend returns the match of c waiting for its thresholds.
func (e *Engine) pend(c *urule, src, dst netip.Addr, flowID uint64, ts time.Time) *limitsPending {
	at, id := e.pos.At()
	e.pendN++
	return &limitsPending{c: c, src: src, dst: dst, flowID: flowID, ts: ts, at: at, worker: id, n: e.pendN}
}

// leave hands the packet's deferred alerts to the queue, their EVE lines
// written with the packet's verdict v.
func (e *Engine) leave(ms []*limitsPending, v map[string]any) {
	for _, m := range ms {
		if e.opts.EVE != nil && e.opts.Records.On("alert") {
			if v != nil {
				if m.alert.Sections == nil {
					m.alert.Sections = map[string]map[string]any{}
				}
				m.alert.Sections["verdict"] = v
			}
			b, err := json.Marshal(m.alert)
			if err != nil && e.err == nil {
				e.err = err
			}
			m.line = b
		}
	}
	d := e.deferred
	d.mu.Lock()
	d.matches = append(d.matches, ms...)
	d.pending.Store(int32(len(d.matches)))
	d.mu.Unlock()
}

// decide decides, in capture order, the matches left before position
// bound; e.limits is used under d.mu.
func (d *deferredLimits) decide(e *Engine, bound uint64) {
	if len(d.matches) == 0 {
		return
	}
	slices.SortFunc(d.matches, func(a, b *limitsPending) int {
		switch {
		case a.at != b.at:
			return cmpU(a.at, b.at)
		case a.worker != b.worker:
			return a.worker - b.worker
		}
		return a.n - b.n
	})
	i := 0
	for ; i < len(d.matches) && (d.matches[i].at < bound || bound == math.MaxUint64); i++ {
		m := d.matches[i]
		if e.limitsHold(m.c, m.src, m.dst, m.flowID, m.ts) {
			d.stats.alert(m.alert.Alert.SignatureID, m.alert.Rulec.SeverityName, m.alert.Rulec.Tier)
			if m.line != nil {
				if err := e.opts.EVE.WriteLine(m.line); err != nil && d.err == nil {
					d.err = err
				}
			}
		}
		d.matches[i] = nil
	}
	d.matches = slices.Delete(d.matches, 0, i)
	d.pending.Store(int32(len(d.matches)))
}

func cmpU(a, b uint64) int {
	if a < b {
		return -1
	}
	return 1
}

// decideLeft decides what every worker is past, when no other worker
// is deciding; workers call it as they go, so the alerts are written
// during the run.
func (e *Engine) decideLeft() {
	d := e.deferred
	if d == nil || d.pending.Load() == 0 || !d.mu.TryLock() {
		return
	}
	d.decide(e, e.pos.Past())
	d.mu.Unlock()
}

// limitsTurn takes the worker's turn on the thresholds: the others are
// past its frame and the matches left before it are decided. It returns
// the function ending the turn.
func (e *Engine) limitsTurn() func() {
	e.turn()
	d := e.deferred
	if d == nil {
		return func() {}
	}
	d.mu.Lock()
	at, _ := e.pos.At()
	d.decide(e, at)
	return d.mu.Unlock
}
