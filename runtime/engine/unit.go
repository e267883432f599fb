package engine

import (
	"net/netip"
	"slices"
	"strconv"

	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/threshold"
)

// passedBit marks a flow that an IP-only pass rule let through; it cannot
// clash with flowbit names, which never contain NUL.
const passedBit = "\x00passed"

// orient returns the unit's addresses and ports as a rule header sees
// them: the packet's own, or the flow's in the unit's direction.
func orient(u *inspect.Unit) (src, dst netip.Addr, sport, dport uint16) {
	if p := u.Packet; p != nil && u.Kind == inspect.KindPacket {
		return p.Src, p.Dst, p.Sport, p.Dport
	}
	f := u.Flow
	if u.Dir == inspect.ToClient {
		return f.Server, f.Client, f.ServerPort, f.ClientPort
	}
	return f.Client, f.Server, f.ClientPort, f.ServerPort
}

// unit evaluates the userspace rules on one inspection unit.
func (e *Engine) unit(u *inspect.Unit) {
	e.stats.Units++
	if u.Flow.Bits[passedBit] {
		return
	}
	if e.waf != nil && u.Kind == inspect.KindApp && u.Stage != 0 {
		e.httpUnit(u)
	}
	src, dst, sport, dport := orient(u)
	var cands []*urule
	unitID := e.stats.Units
	idx := e.kindRules[u.Kind]
	if u.Kind == inspect.KindApp {
		idx = e.appRules[u.Flow.App]
	}
	if idx == nil {
		return
	}
	for _, s := range e.look.Candidates(src, dst, u.Flow.Proto, sport, dport, idx.mask) {
		for _, ur := range idx.rules[s] {
			if e.stamp[ur.idx] == unitID || !ur.wants(u) {
				continue
			}
			e.stamp[ur.idx] = unitID
			cands = append(cands, ur)
		}
	}
	if len(cands) == 0 {
		return
	}
	var idxs []int
	for _, c := range cands {
		if c.matchIdx >= 0 {
			idxs = append(idxs, c.matchIdx)
		}
	}
	var bufMatched []int
	if len(idxs) > 0 {
		slices.Sort(idxs)
		bufMatched = e.matcher.Match(u, idxs)
	}
	kept := cands[:0]
	for _, c := range cands {
		if c.matchIdx >= 0 {
			if _, ok := slices.BinarySearch(bufMatched, c.matchIdx); !ok {
				continue
			}
		}
		kept = append(kept, c)
	}
	slices.SortFunc(kept, func(a, b *urule) int { return e.rank[a.idx] - e.rank[b.idx] })
	var alerts []*urule
	for _, c := range kept {
		r := c.r
		if !flowHolds(r.Flow, u) || !condsHold(c.conds, u) || !bitsHold(r.Bits, u.Flow) || !e.xbits.holds(r.Bits, src, dst, u.TS) {
			continue
		}
		if c.ipOnly && e.seenIPOnly(c, u) {
			continue
		}
		if u.Kind == inspect.KindApp && !firstInTx(c, u) {
			continue
		}
		if !e.limitsAllow(c, src, dst, u) {
			continue
		}
		applyBits(r.Bits, u.Flow)
		e.xbits.apply(r.Bits, src, dst, u.TS)
		if actionRank(r.Action) == 0 {
			if c.ipOnly {
				e.setBit(u.Flow, passedBit)
			}
			alerts = nil
			break
		}
		if !r.NoAlert {
			alerts = append(alerts, c)
		}
	}
	for _, c := range alerts {
		e.userAlert(u, c)
	}
}

// seenIPOnly reports whether an IP-only rule already matched this flow
// direction, and marks it.
func (e *Engine) seenIPOnly(c *urule, u *inspect.Unit) bool {
	key := "\x00iponly:" + strconv.Itoa(int(u.Dir)) + ":" + strconv.Itoa(c.idx)
	if u.Flow.Bits[key] {
		return true
	}
	e.setBit(u.Flow, key)
	return false
}

// firstInTx reports whether the rule has not matched this transaction
// yet, and records it.
func firstInTx(c *urule, u *inspect.Unit) bool {
	f := u.Flow
	if f.TxMatched == nil {
		f.TxMatched = map[int]uint64{}
	}
	if last, ok := f.TxMatched[c.idx]; ok && last == u.Tx {
		return false
	}
	f.TxMatched[c.idx] = u.Tx
	return true
}

func (e *Engine) setBit(f *inspect.Flow, name string) {
	if f.Bits == nil {
		f.Bits = map[string]bool{}
	}
	f.Bits[name] = true
}

// limitsAllow applies detection_filter (a match condition) then the
// threshold (an alert filter).
func (e *Engine) limitsAllow(c *urule, src, dst netip.Addr, u *inspect.Unit) bool {
	for _, t := range c.r.Limits {
		if !e.limits.Allow(t, threshold.KeyFor(t, c.idx, src, dst, u.Flow.ID), u.TS) {
			return false
		}
	}
	return true
}
