package engine

import (
	"net/netip"
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/refeval"
)

// maxBypassed bounds the bypassed flow directions remembered for counting
// the frames the classifier no longer copies; past it the set restarts
// (those frames then go uncounted, the bypass itself stays).
const maxBypassed = 1 << 16

// bypassKey is one direction of a flow: its id and the sender.
type bypassKey struct {
	flow uint64
	src  netip.AddrPort
}

// packetDir is the direction of a TCP packet p in its flow.
func packetDir(f *inspect.Flow, p *inspect.Packet) inspect.Dir {
	if p.Src == f.Client && p.Sport == f.ClientPort {
		return inspect.ToServer
	}
	return inspect.ToClient
}

// bypass runs after a frame was tracked. A flow an exception policy, a
// bypass rule or the TLS encryption handling bypassed is bypassed in the
// kernel tier too. A TCP direction whose stream depth was reached, and a
// flow whose payload is no longer inspected (TLS or SSH encrypted data), give
// no more stream or app-layer data; only userspace packet rules (those
// that need no payload, for the latter) still inspect them. A copy for
// userspace rules none of them can match (by header, flow direction and
// dsize) is counted as received but not inspected, by reason, and the
// kernel tier is told to stop copying the direction but for the payload
// lengths those rules' dsize allows (as Suricata bypasses a flow); a
// packet rule without dsize keeps it copied. Any other copy for userspace
// rules that no unit of its packet met a rule for, and whose payload does
// not go on to a live TCP stream, is counted as not inspected (no_rule).
func (e *Engine) bypass(frame []byte, p *inspect.Packet, reason uint8) {
	if p == nil || p.Flow == nil {
		return
	}
	f := p.Flow
	forRules := reason == refeval.CopyUserspace
	if f.Bypassed {
		if forRules {
			e.uninspected(uninspectedBypassed, len(frame))
		}
		e.bypassFlow(frame, p)
		return
	}
	d := packetDir(f, p)
	if p.Proto != 6 || !f.DepthReached[d] && !f.NoPayload {
		if forRules && !e.fate.inspected && !streamLive(f, d, p) {
			e.uninspected(uninspectedNoRule, len(frame))
		}
		return
	}
	rules := e.packetRules(f, d, p)
	why := uninspectedDepth
	// the packet reaching the depth had its data inspected, the packet
	// ending the payload inspection too
	past := f.PastDepth[d]
	if f.NoPayload {
		why, past = uninspectedEncrypted, e.fate.noPayload
		rules = slices.DeleteFunc(rules, func(u *urule) bool { return u.needsPayload })
	}
	if forRules && past && !slices.ContainsFunc(rules, func(u *urule) bool { return dsizeHolds(u.r, len(p.Payload)) }) {
		e.uninspected(why, len(frame))
	}
	f.PastDepth[d] = f.DepthReached[d]
	if f.KernelBypassed[d] || e.opts.Kernel == nil {
		return
	}
	keep, ok := keepFor(rules)
	if !ok {
		return
	}
	f.KernelBypassed[d] = true
	if err := e.opts.Kernel.Bypass(frame, false, keep); err != nil {
		e.stats.BypassErrors++
		return
	}
	e.stats.BypassedDirs++
	e.stats.BypassedBy[why]++
	e.remember(f, netip.AddrPortFrom(p.Src, p.Sport))
}

// Reasons a copy was not inspected, and a direction bypassed.
const (
	uninspectedDepth     = "past_stream_depth"
	uninspectedEncrypted = "encrypted"
	uninspectedBypassed  = "flow_bypassed"
	uninspectedNoRule    = "no_rule"
)

// streamLive reports whether a TCP packet's payload goes on to the
// stream and app layer, to be inspected there (counted as inspected: the
// rules of its stream and app-layer units are not known yet).
func streamLive(f *inspect.Flow, d inspect.Dir, p *inspect.Packet) bool {
	return p.Proto == 6 && len(p.Payload) > 0 && f.Reassembled && !f.DepthReached[d] && !f.NoPayload
}

// uninspected counts a copy of n bytes no userspace rule could inspect.
func (e *Engine) uninspected(why string, n int) {
	e.stats.Uninspected++
	e.stats.UninspectedBytes += uint64(n)
	e.stats.UninspectedBy[why] += uint64(n)
}

// dsizeHolds reports whether r's dsize, if any, holds for a payload of n
// bytes.
func dsizeHolds(r *ir.Rule, n int) bool {
	for _, m := range r.Matchers {
		if s, ok := m.(*ir.Size); ok && s.What == "dsize" && !s.Cmp.Holds(int64(n)) {
			return false
		}
	}
	return true
}

// keepFor is the payload lengths a bypassed direction must still copy for
// rules: the span of their dsize values; false when one has no dsize.
func keepFor(rules []*urule) (refeval.Keep, bool) {
	keep, lo, hi := refeval.NoKeep, -1, -1
	for _, u := range rules {
		sized := false
		for _, m := range u.r.Matchers {
			s, ok := m.(*ir.Size)
			if !ok || s.What != "dsize" {
				continue
			}
			sized = true
			for v := range 1 << 16 {
				if s.Cmp.Holds(int64(v)) {
					if lo < 0 || v < lo {
						lo = v
					}
					hi = max(hi, v)
				}
			}
		}
		if !sized {
			return keep, false
		}
	}
	if lo >= 0 {
		keep = refeval.Keep{Min: uint16(lo), Max: uint16(hi)}
	}
	return keep, true
}

// bypassFlow tells the kernel tier to stop copying a flow an exception
// policy bypassed (nothing of it is inspected any more).
func (e *Engine) bypassFlow(frame []byte, p *inspect.Packet) {
	f := p.Flow
	if f.KernelBypassed[inspect.ToServer] && f.KernelBypassed[inspect.ToClient] || e.opts.Kernel == nil {
		return
	}
	f.KernelBypassed[inspect.ToServer], f.KernelBypassed[inspect.ToClient] = true, true
	if err := e.opts.Kernel.Bypass(frame, true, refeval.NoKeep); err != nil {
		e.stats.BypassErrors++
		return
	}
	e.stats.BypassedDirs += 2
	e.stats.BypassedBy[uninspectedBypassed] += 2
	e.remember(f, netip.AddrPortFrom(f.Client, f.ClientPort))
	e.remember(f, netip.AddrPortFrom(f.Server, f.ServerPort))
}

// remember records a bypassed direction, by its sender, to count the
// frames the kernel tier no longer copies.
func (e *Engine) remember(f *inspect.Flow, src netip.AddrPort) {
	if len(e.bypassed) >= maxBypassed {
		clear(e.bypassed)
	}
	if e.bypassed == nil {
		e.bypassed = map[bypassKey]bool{}
	}
	e.bypassed[bypassKey{f.ID, src}] = true
}

// packetRules returns the userspace rules that can match a packet unit
// of direction d of f by its protocol, ports, addresses and flow
// direction.
func (e *Engine) packetRules(f *inspect.Flow, d inspect.Dir, p *inspect.Packet) []*urule {
	probe := &inspect.Unit{Kind: inspect.KindPacket, Flow: f, Dir: d}
	g := e.group(probe, p.Sport, p.Dport)
	if g.empty {
		return nil
	}
	t := e.obj.Kernel
	src, dst := e.addrs(p.Src, p.Dst)
	var out []*urule
	for _, slot := range t.And(g.wanted, src, dst) {
		if slot >= len(t.ShapeRules) {
			continue
		}
		for _, r := range t.ShapeRules[slot] {
			u := e.user[r]
			if u == nil || !u.wants(probe) || slices.Contains(out, u) {
				continue
			}
			if fl := u.r.Flow; fl.ToServer && d != inspect.ToServer || fl.ToClient && d != inspect.ToClient {
				continue
			}
			out = append(out, u)
		}
	}
	return out
}

// bypassedFrame counts a frame the classifier did not copy because its
// flow direction was bypassed.
func (e *Engine) bypassedFrame(o *Outcome) {
	if len(e.bypassed) == 0 || o.Frame == nil || o.Decoded == nil || o.DecodeErr != nil {
		return
	}
	d := o.Decoded
	if e.bypassed[bypassKey{o.FlowID, netip.AddrPortFrom(d.Src, d.Sport)}] {
		e.stats.BypassedPkts++
		e.stats.BypassedBytes += uint64(len(o.Frame))
	}
}

// forgetBypass drops a flow that ended from the bypassed directions.
func (e *Engine) forgetBypass(f *inspect.Flow) {
	if len(e.bypassed) == 0 {
		return
	}
	delete(e.bypassed, bypassKey{f.ID, netip.AddrPortFrom(f.Client, f.ClientPort)})
	delete(e.bypassed, bypassKey{f.ID, netip.AddrPortFrom(f.Server, f.ServerPort)})
}
