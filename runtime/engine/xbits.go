package engine

import (
	"net/netip"
	"time"

	"github.com/rulec/rulec/compiler/ir"
)

// maxXbits bounds the host bits kept; past it, expired entries are swept
// and new ones refused (counted).
const maxXbits = 1 << 20

// xkey is one xbit on a host (ip_src, ip_dst) or a host pair (ip_pair).
type xkey struct {
	name string
	a, b netip.Addr
}

// xbits holds Suricata's host and host-pair bits with their expiry, on
// packet time.
type xbits struct {
	bits     map[xkey]time.Time
	Refused  uint64
	lastScan time.Time
}

func newXbits() *xbits { return &xbits{bits: map[xkey]time.Time{}} }

func xbitKey(b ir.Bit, name string, src, dst netip.Addr) (xkey, bool) {
	switch b.Track {
	case "ip_src":
		return xkey{name: name, a: src}, true
	case "ip_dst":
		return xkey{name: name, a: dst}, true
	case "ip_pair":
		if dst.Less(src) {
			src, dst = dst, src
		}
		return xkey{name: name, a: src, b: dst}, true
	}
	return xkey{}, false
}

// xbitsHold checks c's xbits conditions, in the worker's turn.
func (e *Engine) xbitsHold(c *urule, src, dst netip.Addr, now time.Time) bool {
	if !c.xbits {
		return true
	}
	e.turn()
	return e.xbits.holds(c.r.Bits, src, dst, now)
}

// xbitsApply performs c's xbits effects, in the worker's turn.
func (e *Engine) xbitsApply(c *urule, src, dst netip.Addr, now time.Time) {
	if c.xbits {
		e.turn()
		e.xbits.apply(c.r.Bits, src, dst, now)
	}
}

// holds checks a rule's xbits conditions.
func (x *xbits) holds(bits []ir.Bit, src, dst netip.Addr, now time.Time) bool {
	for _, b := range bits {
		if b.Kind != "xbits" || (b.Cmd != "isset" && b.Cmd != "isnotset") {
			continue
		}
		for _, n := range b.Names {
			k, _ := xbitKey(b, n, src, dst)
			exp, ok := x.bits[k]
			set := ok && now.Before(exp)
			if set != (b.Cmd == "isset") {
				return false
			}
		}
	}
	return true
}

// apply performs a matched rule's xbits effects.
func (x *xbits) apply(bits []ir.Bit, src, dst netip.Addr, now time.Time) {
	x.sweep(now)
	for _, b := range bits {
		if b.Kind != "xbits" {
			continue
		}
		for _, n := range b.Names {
			k, _ := xbitKey(b, n, src, dst)
			exp, ok := x.bits[k]
			set := ok && now.Before(exp)
			switch {
			case b.Cmd == "unset", b.Cmd == "toggle" && set:
				delete(x.bits, k)
			case b.Cmd == "set", b.Cmd == "toggle":
				if !ok && len(x.bits) >= maxXbits {
					x.Refused++
					continue
				}
				x.bits[k] = now.Add(time.Duration(b.Expire) * time.Second)
			}
		}
	}
}

func (x *xbits) sweep(now time.Time) {
	if now.Sub(x.lastScan) < time.Second && len(x.bits) < maxXbits {
		return
	}
	x.lastScan = now
	for k, exp := range x.bits {
		if !now.Before(exp) {
			delete(x.bits, k)
		}
	}
}
