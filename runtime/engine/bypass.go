package engine

import (
	"net/netip"

	"github.com/rulec/rulec/runtime/inspect"
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

// bypass runs after a frame was tracked. A flow an exception policy
// bypassed is bypassed in the kernel tier too. A TCP direction whose stream
// depth was reached gives no more stream or app-layer data; when no
// userspace packet rule's header can match its packets either, no
// userspace rule inspects it any more: a copy of it is counted as
// received but not inspected, and the kernel tier is told to stop
// copying the direction (as Suricata bypasses a flow).
func (e *Engine) bypass(frame []byte, p *inspect.Packet, copied bool) {
	if p == nil || p.Flow == nil {
		return
	}
	f := p.Flow
	if f.Bypassed {
		if copied {
			e.stats.Uninspected++
			e.stats.UninspectedBytes += uint64(len(frame))
		}
		e.bypassFlow(frame, p)
		return
	}
	if p.Proto != 6 {
		return
	}
	d := packetDir(f, p)
	if !f.DepthReached[d] || !e.noPacketRules(f, d, p) {
		return
	}
	if copied {
		e.stats.Uninspected++
		e.stats.UninspectedBytes += uint64(len(frame))
	}
	if f.KernelBypassed[d] || e.opts.Kernel == nil {
		return
	}
	f.KernelBypassed[d] = true
	if err := e.opts.Kernel.Bypass(frame, false); err != nil {
		e.stats.BypassErrors++
		return
	}
	e.stats.BypassedDirs++
	e.remember(f, netip.AddrPortFrom(p.Src, p.Sport))
}

// bypassFlow tells the kernel tier to stop copying a flow an exception
// policy bypassed (nothing of it is inspected any more).
func (e *Engine) bypassFlow(frame []byte, p *inspect.Packet) {
	f := p.Flow
	if f.KernelBypassed[inspect.ToServer] && f.KernelBypassed[inspect.ToClient] || e.opts.Kernel == nil {
		return
	}
	f.KernelBypassed[inspect.ToServer], f.KernelBypassed[inspect.ToClient] = true, true
	if err := e.opts.Kernel.Bypass(frame, true); err != nil {
		e.stats.BypassErrors++
		return
	}
	e.stats.BypassedDirs += 2
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

// noPacketRules reports whether no userspace rule can match a packet
// unit of direction d of f: none of those its protocol, ports and
// addresses select runs on packets in that flow direction.
func (e *Engine) noPacketRules(f *inspect.Flow, d inspect.Dir, p *inspect.Packet) bool {
	probe := &inspect.Unit{Kind: inspect.KindPacket, Flow: f, Dir: d}
	g := e.group(probe, p.Sport, p.Dport)
	if g.empty {
		return true
	}
	t := e.obj.Kernel
	src, dst := e.addrs(p.Src, p.Dst)
	for _, slot := range t.And(g.wanted, src, dst) {
		if slot >= len(t.ShapeRules) {
			return false
		}
		for _, r := range t.ShapeRules[slot] {
			u := e.user[r]
			if u == nil || !u.wants(probe) {
				continue
			}
			if fl := u.r.Flow; fl.ToServer && d != inspect.ToServer || fl.ToClient && d != inspect.ToClient {
				continue
			}
			return false
		}
	}
	return true
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
