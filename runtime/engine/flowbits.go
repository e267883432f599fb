package engine

import (
	"strconv"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// passedBit marks a flow that an IP-only pass rule let through; it cannot
// clash with flowbit names, which never contain NUL.
const passedBit = "\x00passed"

// bitsHold checks the flowbits and flowint conditions of a rule.
func bitsHold(bits []ir.Bit, f *inspect.Flow) bool {
	for i := range bits {
		b := &bits[i]
		if flowintCond(b) {
			if !flowintHolds(b, f) {
				return false
			}
			continue
		}
		if b.Kind != "flowbits" || (b.Cmd != "isset" && b.Cmd != "isnotset") {
			continue
		}
		want := b.Cmd == "isset"
		any := false
		all := true
		for _, n := range b.Names {
			set := f.Bits[n]
			any = any || set == want
			all = all && set == want
		}
		if (b.Any && !any) || (!b.Any && !all) {
			return false
		}
	}
	return true
}

// applyBits performs the flowbits and flowint effects of a matched rule.
func applyBits(bits []ir.Bit, f *inspect.Flow) {
	for i := range bits {
		b := &bits[i]
		if b.Kind == "flowint" {
			applyFlowint(b, f)
			continue
		}
		if b.Kind != "flowbits" {
			continue
		}
		for _, n := range b.Names {
			switch {
			case b.Cmd == "set", b.Cmd == "toggle" && !f.Bits[n]:
				setBit(f, n)
			case b.Cmd == "unset", b.Cmd == "toggle":
				delete(f.Bits, n)
			}
		}
	}
}

func setBit(f *inspect.Flow, name string) {
	if f.Bits == nil {
		f.Bits = map[string]bool{}
	}
	f.Bits[name] = true
}

// seenIPOnly reports whether an IP-only rule already matched this flow
// direction, and marks it.
func seenIPOnly(c *urule, u *inspect.Unit) bool {
	key := "\x00iponly:" + strconv.Itoa(int(u.Dir)) + ":" + strconv.Itoa(c.idx)
	if u.Flow.Bits[key] {
		return true
	}
	setBit(u.Flow, key)
	return false
}

// firstInTx reports whether the rule has not matched this transaction
// yet (in this direction, for a rule matching each direction), and
// records it.
func firstInTx(c *urule, u *inspect.Unit) bool {
	f := u.Flow
	if f.TxMatched == nil {
		f.TxMatched = map[int]uint64{}
	}
	key := c.idx
	if c.r.EachDir {
		key = ^(c.idx<<1 | int(u.Dir&1)) // negative: apart from the rules matching once
	}
	if last, ok := f.TxMatched[key]; ok && last == u.Tx {
		return false
	}
	f.TxMatched[key] = u.Tx
	return true
}
