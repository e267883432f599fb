package engine

import (
	"net/netip"
	"slices"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/match"
)

// scratch holds the per-unit lists, reused from unit to unit.
type scratch struct {
	matched []int
	cands   []*urule
	fx      match.Effects
}

// addrCache remembers the address bitsets of the last two address pairs
// (both directions of the flow being inspected).
type addrCache struct {
	key      [2][2]netip.Addr
	src, dst [2]kernel.Bitset
	next     int
}

func (e *Engine) addrs(src, dst netip.Addr) (kernel.Bitset, kernel.Bitset) {
	c := &e.addrCache
	for i := range c.key {
		if c.key[i][0] == src && c.key[i][1] == dst && src.IsValid() {
			return c.src[i], c.dst[i]
		}
	}
	i := c.next
	c.next ^= 1
	c.key[i] = [2]netip.Addr{src, dst}
	c.src[i], c.dst[i] = e.look.Addrs(src, dst)
	return c.src[i], c.dst[i]
}

// unit evaluates the userspace rules on one inspection unit: its rule
// group's prefilters give the rules worth confirming, their headers are
// checked against the unit's addresses, then the flow-level conditions in
// Suricata's inspection order.
func (e *Engine) unit(u *inspect.Unit) {
	if !e.fate.open {
		// a unit of no packet being decided: a flow's end
		e.openPacket()
		defer e.closePacket()
	}
	e.stats.Units++
	e.detailUnit(u)
	if u.Kind == inspect.KindPacket {
		e.fate.flow, e.fate.dir, e.fate.noPayload = u.Flow, u.Dir, u.Flow.NoPayload
		e.fate.guess = u.Guess
	}
	if e.flowDropped(u) || e.quiet || u.Flow.Bits[passedBit] || u.Flow.Action == flowPass || u.Flow.Bypassed {
		return
	}
	own := u.Flow == e.fate.flow // a unit of the packet being decided
	if e.waf != nil && u.Kind != inspect.KindPseudo {
		e.wafUnit(u)
		e.fate.inspected = e.fate.inspected || own && u.Flow.App == "http"
	}
	src, dst, sport, dport := u.Endpoints()
	g := e.group(u, sport, dport)
	if g.empty {
		return
	}
	sc := &e.scratch
	cands := sc.cands[:0]
	var srcBits, dstBits kernel.Bitset
	looked := false
	if own && !e.fate.inspected {
		srcBits, dstBits = e.addrs(src, dst)
		looked = true
		e.fate.inspected = e.obj.Kernel.Any(g.wanted, srcBits, dstBits)
	}
	keep := func(ur *urule) {
		if !looked {
			srcBits, dstBits = e.addrs(src, dst)
			looked = true
		}
		if e.headerHolds(g, ur, srcBits, dstBits) {
			cands = append(cands, ur)
		}
	}
	collect := func() {
		cands = cands[:0]
		if g.match != nil {
			sc.fx.Reset()
			sc.matched = g.match.MatchEffects(u, sc.matched[:0], &sc.fx)
			for _, m := range sc.matched {
				keep(e.byMatch[m])
			}
		}
		for _, ur := range g.plain {
			keep(ur)
		}
	}
	collect()
	if u.Lift != nil && e.storesFile(cands, u, src, dst) {
		u.Lift()
		u.Lift = nil
		collect()
	}
	if g.match != nil {
		applyEntropy(&sc.fx, u.Flow)
	}
	sc.cands = cands
	if len(cands) == 0 {
		return
	}
	slices.SortFunc(cands, func(a, b *urule) int { return e.rank[a.idx] - e.rank[b.idx] })
	noPayload := u.Kind == inspect.KindPacket && u.Flow.NoPayload
	for _, c := range cands {
		r := c.r
		if noPayload && c.needsPayload {
			continue
		}
		if !flowHolds(r.Flow, u) || r.Header.TxBoth && u.Dir != inspect.ToClient || !e.condsHold(c.conds, u) || !bitsHold(r.Bits, u.Flow) || !e.xbitsHold(c, src, dst, u.TS) {
			continue
		}
		if c.ipOnly && seenIPOnly(c, u) {
			continue
		}
		if (u.Kind == inspect.KindApp || u.Kind == inspect.KindState && !atHook(c, u)) && !firstInTx(c, u) {
			continue
		}
		quiet := e.suppressed(r, src, dst)
		var pend *limitsPending
		switch {
		case quiet:
		case e.defers(c):
			pend = e.pend(c, src, dst, u.Flow.ID, u.TS)
		default:
			var ok bool
			if r, ok = e.limitsAllow(c, src, dst, u); !ok {
				continue
			}
		}
		applyBits(r.Bits, u.Flow)
		if c.matchIdx >= 0 && len(sc.fx.Vars) > 0 {
			e.applyCaptures(&sc.fx, c.matchIdx, u.Flow, own)
		}
		e.xbitsApply(c, src, dst, u.TS)
		if r.Bypass {
			// as Suricata's postmatch: the flow is bypassed whatever the
			// packet's verdict
			u.Flow.Bypassed = true
		}
		e.applyConfig(r, u)
		if c.filestore {
			markStore(r, u)
		}
		e.matched(c, r, u, quiet, pend)
	}
}

// matched queues a matching rule for the packet's end, where the
// packet's matches act and alert in rule order (finalize).
func (e *Engine) matched(c *urule, r *ir.Rule, u *inspect.Unit, quiet bool, pend *limitsPending) {
	ev := e.alertEvent(e.unitEvent(u), r, "userspace", e.alertAction(r.Action), r.Meta.Msg)
	if !c.ipOnly && (u.Kind == inspect.KindPacket || u.Kind == inspect.KindStream || u.Kind == inspect.KindPseudo) && u.Guess.Name() {
		nameGuessed(ev, u.Guess)
	}
	if pend != nil {
		pend.alert = ev
	}
	e.enqueue(queued{r: r, rank: e.rank[c.idx], ev: ev, quiet: quiet, onFlow: actsOnFlow(r, u.Kind), ipOnly: c.ipOnly, flow: u.Flow, pend: pend})
}
