package engine

import (
	"net/netip"

	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/threshold"
)

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
