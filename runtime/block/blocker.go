package block

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/kernel"
)

// Threshold blocks a source for TTL once Count alerts of one severity
// came from it within Window.
type Threshold struct {
	Count  int
	Window time.Duration
	TTL    time.Duration
}

// Lists is the part of the classifier the blocker edits.
type Lists interface {
	AddList(l kernel.List, p netip.Prefix, e kernel.ListEntry) error
	RemoveList(l kernel.List, p netip.Prefix) error
}

// Stats counts what the blocker did.
type Stats struct {
	Blocks    uint64 // dynamic blocks added
	Unblocks  uint64 // expired and removed
	Allowed   uint64 // thresholds crossed by allow-listed sources: not blocked
	Errors    uint64 // list updates that failed
	Active    int    // blocks in force
	LastError error
}

type counter struct {
	first time.Time
	n     int
}

type active struct {
	until time.Time
	sid   uint64
}

type counterKey struct {
	severity string
	src      netip.Addr
}

// Blocker applies the thresholds. It is not safe for concurrent use.
type Blocker struct {
	thresholds map[string]Threshold
	allow      []netip.Prefix
	lists      Lists
	eve        *eve.Writer
	iface      string
	now        func() time.Time
	counts     map[counterKey]*counter
	blocks     map[netip.Addr]active
	stats      Stats
}

// New returns a blocker editing lists; allow are the allow-listed
// prefixes, w (which may be nil) receives the block and unblock events.
func New(thresholds map[string]Threshold, allow []netip.Prefix, lists Lists, w *eve.Writer, iface string) *Blocker {
	return &Blocker{thresholds: thresholds, allow: allow, lists: lists, eve: w, iface: iface, now: time.Now,
		counts: map[counterKey]*counter{}, blocks: map[netip.Addr]active{}}
}

// SetLists points the blocker at the classifier that replaced the old one
// (which shares its lists).
func (b *Blocker) SetLists(l Lists) { b.lists = l }

// Alert counts one alert and blocks its source when that crosses the
// threshold of the alert's severity.
func (b *Blocker) Alert(ev *eve.Event) {
	if ev.Alert == nil || ev.Rulec == nil || !ev.SrcIP.IsValid() {
		return
	}
	sev := ev.Rulec.SeverityName
	t, ok := b.thresholds[sev]
	if !ok || t.Count < 1 {
		return
	}
	src := ev.SrcIP.Unmap()
	if _, blocked := b.blocks[src]; blocked {
		return
	}
	now := b.now()
	k := counterKey{sev, src}
	c := b.counts[k]
	if c == nil || now.Sub(c.first) > t.Window {
		c = &counter{first: now}
		b.counts[k] = c
	}
	c.n++
	if c.n < t.Count {
		return
	}
	delete(b.counts, k)
	if b.allowed(src) {
		b.stats.Allowed++
		return
	}
	b.block(src, t, ev.Alert, sev, now)
}

func (b *Blocker) allowed(a netip.Addr) bool {
	for _, p := range b.allow {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func (b *Blocker) block(src netip.Addr, t Threshold, a *eve.Alert, sev string, now time.Time) {
	err := b.lists.AddList(kernel.BlockList, netip.PrefixFrom(src, src.BitLen()),
		kernel.ListEntry{Rule: uint32(a.SignatureID), TTL: t.TTL})
	if err != nil {
		b.fail(err)
		return
	}
	b.blocks[src] = active{until: now.Add(t.TTL), sid: a.SignatureID}
	b.stats.Blocks++
	reason := fmt.Sprintf("%d %s alerts within %s", t.Count, sev, t.Window)
	b.write("block", src, now, map[string]any{"reason": reason, "sid": a.SignatureID,
		"signature": a.Signature, "severity": sev, "ttl": t.TTL.Seconds()})
}

// Sweep removes the blocks that expired by now.
func (b *Blocker) Sweep(now time.Time) {
	for src, a := range b.blocks {
		if now.Before(a.until) {
			continue
		}
		if err := b.lists.RemoveList(kernel.BlockList, netip.PrefixFrom(src, src.BitLen())); err != nil {
			b.fail(err)
		}
		delete(b.blocks, src)
		b.stats.Unblocks++
		b.write("unblock", src, now, map[string]any{"reason": "ttl expired", "sid": a.sid})
	}
	for k, c := range b.counts {
		if t := b.thresholds[k.severity]; now.Sub(c.first) > t.Window {
			delete(b.counts, k)
		}
	}
}

func (b *Blocker) fail(err error) {
	b.stats.Errors++
	b.stats.LastError = err
}

func (b *Blocker) write(kind string, src netip.Addr, now time.Time, body map[string]any) {
	if b.eve == nil {
		return
	}
	if err := b.eve.Write(&eve.Event{Timestamp: now.UTC(), InIface: b.iface, EventType: kind, SrcIP: src,
		Sections: map[string]map[string]any{"block": body}}); err != nil {
		b.fail(err)
	}
}

// Stats returns the counts so far.
func (b *Blocker) Stats() Stats {
	s := b.stats
	s.Active = len(b.blocks)
	return s
}

// Adopt takes over a block an earlier process set, until its expiry.
func (b *Blocker) Adopt(src netip.Addr, until time.Time, sid uint64) {
	b.blocks[src] = active{until: until, sid: sid}
}
