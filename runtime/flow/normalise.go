package flow

import (
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
)

// inlineKeep bounds the delivered bytes of a direction kept, in IPS mode,
// for the segments that overlap them (Normalise).
const inlineKeep = 64 << 10

// Normalise gives, in IPS mode, the packet as Suricata's inline stream
// engine passes it on: where the data of a TCP segment that goes into
// its stream overlaps bytes the stream already accepted (delivered and
// not yet acknowledged or within the raw stream chunk, or queued out of
// order) and differs from them, the packet carries the accepted bytes,
// with its TCP checksum recomputed. It fills n with d so rewritten (its
// frame valid until the next call) and reports whether it rewrote
// anything; it changes no flow. Detection, in both tiers, then sees the
// packet rewritten, and the stream gets no different data.
func (t *Tracker) Normalise(d *decode.Packet, n *decode.Packet) bool {
	if !t.cfg.IPS || d.L4 != decode.L4TCP || len(d.Payload) == 0 || d.TCPFlags&(flagSYN|flagRST|flagURG) != 0 {
		return false
	}
	k, fromA := keyOf(d)
	f := t.table.flows[k]
	if f == nil || f.tcp == nil || !f.tcp.reassemble || !f.Established || f.Action == "drop" || f.Bypassed {
		return false
	}
	dir := inspect.ToServer
	if fromA != f.clientIsA {
		dir = inspect.ToClient
	}
	tc := f.tcp
	h := &tc.half[dir]
	seq := d.Seq - uint32(tc.oob[dir])
	if f.DepthReached[dir] || !h.Overlaps(seq, len(d.Payload)) {
		return false
	}
	off := d.NetEnd - len(d.Payload)
	t.norm = append(t.norm[:0], d.Frame...)
	payload := t.norm[off : off+len(d.Payload)]
	if !h.Overlay(seq, payload) {
		return false
	}
	*n = *d
	n.Frame, n.Payload = t.norm, payload
	p := inspect.Packet{Frame: n.Frame, Family: n.Family, Proto: n.Proto, L4: n.L4, NetOff: n.NetOff, L4Off: n.L4Off, NetEnd: n.NetEnd}
	p.SetTCPChecksum()
	t.stats.Normalised++
	return true
}
