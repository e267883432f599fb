package engine

import (
	"net/netip"
	"time"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/threshold"
)

// limitsAllow applies the rule's detection_filter (a match condition),
// threshold (an alert filter) and rate_filter in order. It reports whether
// the match goes on, and the rule as it acts on this match: a copy with
// the rate_filter's new action while that is in force.
func (e *Engine) limitsAllow(c *urule, src, dst netip.Addr, u *inspect.Unit) (*ir.Rule, bool) {
	r := c.r
	if len(r.Limits) > 0 {
		defer e.limitsTurn()()
	}
	for _, t := range c.r.Limits {
		k := threshold.KeyFor(t, c.idx, src, dst, u.Flow.ID)
		if t.Kind == "rate_filter" {
			if e.limits.Rate(t, k, u.TS) && t.NewAction != r.Action {
				acting := *r
				acting.Action = t.NewAction
				r = &acting
			}
			continue
		}
		if !e.limits.Allow(t, k, u.TS) {
			return r, false
		}
	}
	return r, true
}

// kernelLimits applies a kernel rule's thresholds, which only filter its
// alerts (compiler/lower keeps a rule in the kernel only then), keyed as
// userspace keys them; workers take their turn on the shared counters.
func (e *Engine) kernelLimits(idx int, r *ir.Rule, src, dst netip.Addr, flowID uint64, ts time.Time) bool {
	if len(r.Limits) == 0 {
		return true
	}
	defer e.limitsTurn()()
	for _, t := range r.Limits {
		if !e.limits.Allow(t, threshold.KeyFor(t, idx, src, dst, flowID), ts) {
			return false
		}
	}
	return true
}

// suppressed reports whether a threshold.config suppress stops r's alert
// on a packet from src to dst; the rule's actions still apply.
func (e *Engine) suppressed(r *ir.Rule, src, dst netip.Addr) bool {
	for _, s := range r.Suppress {
		hit := false
		switch s.Track {
		case "by_src":
			hit = s.Addrs.Contains(src)
		case "by_dst":
			hit = s.Addrs.Contains(dst)
		case "by_either":
			hit = s.Addrs.Contains(src) || s.Addrs.Contains(dst)
		}
		if hit {
			e.stats.Suppressed++
			return true
		}
	}
	return false
}

// turn waits, among workers, until the others are done with the frames
// before this worker's current one: the state they share across flows
// (thresholds, xbits) is then used in capture order. It is called right
// before each use, so frames that use none never wait.
func (e *Engine) turn() {
	if e.seq != nil {
		e.seq.Wait()
	}
}

// limitsHold applies the thresholds of c, which has no rate_filter, to a
// match, in the caller's turn.
func (e *Engine) limitsHold(c *urule, src, dst netip.Addr, flowID uint64, ts time.Time) bool {
	for _, t := range c.r.Limits {
		if !e.limits.Allow(t, threshold.KeyFor(t, c.idx, src, dst, flowID), ts) {
			return false
		}
	}
	return true
}
