package engine

import (
	"slices"

	"github.com/rulec/rulec/runtime/inspect"
)

// unit evaluates the userspace rules on one inspection unit.
func (e *Engine) unit(u *inspect.Unit) {
	e.stats.Units++
	if e.quiet || u.Flow.Bits[passedBit] {
		return
	}
	if e.waf != nil {
		e.wafUnit(u)
	}
	src, dst, sport, dport := u.Endpoints()
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
		if c.ipOnly && seenIPOnly(c, u) {
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
				setBit(u.Flow, passedBit)
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
