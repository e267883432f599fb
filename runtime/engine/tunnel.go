package engine

import (
	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/refeval"
)

// maxTunnelDepth bounds nested tunnels (Suricata bounds all of a packet's
// layers with decoder.max-layers); an inner packet deeper than that is
// counted in Stats.TunnelTooDeep and not inspected.
const maxTunnelDepth = 8

// tunnelSrc names where a tunnel's inner packet came from (EVE pkt_src).
var tunnelSrc = [...]string{decode.ViaIPv4: eve.PktSrcIPv4Tunnel, decode.ViaIPv6: eve.PktSrcIPv6Tunnel, decode.ViaGRE: eve.PktSrcGRETunnel,
	decode.ViaVXLAN: eve.PktSrcVXLAN, decode.ViaGeneve: eve.PktSrcGeneve, decode.ViaTeredo: eve.PktSrcTeredo}

// tunnel runs the packet that o's packet encapsulates as a packet of its
// own, as Suricata's decoder makes a pseudo packet of it: the classifier
// saw only the outer packet, so the kernel tier's rules are evaluated on
// the inner one here, then it goes to the tracker, with its own flow. An
// inner packet that does not decode as an IP packet is not inspected,
// nor is the inner packet of a dropped flow's packet.
func (e *Engine) tunnel(o *Outcome) error {
	d := o.Decoded
	if d == nil || o.DecodeErr != nil || d.Tunnel.Via == decode.ViaNone || o.Frame == nil {
		return nil
	}
	if o.Verdict == refeval.ActShot && len(o.Events) == 0 {
		return nil
	}
	t := &eve.Tunnel{Src: d.Src, Dst: d.Dst, Sport: d.Sport, Dport: d.Dport, Proto: d.Proto, Depth: 1, PktSrc: e.pktSrc}
	if o.Tunnel != nil {
		outer := *o.Tunnel
		outer.Depth++
		t = &outer
	} else if e.opts.Offline {
		t.PcapCnt = e.pcapCnt
	}
	if t.Depth > maxTunnelDepth {
		e.stats.TunnelTooDeep++
		return nil
	}
	frame := d.InnerFrame()
	inner := new(decode.Packet)
	if err := e.opts.Decoder.Decode(frame, inner); err != nil || inner.Family == 0 {
		return nil
	}
	inner.Link = d.InnerLink()
	inner.WireLen = d.Tunnel.Len
	inner.Recursion = uint8(t.Depth)
	res, err := e.runWhole(frame)
	if err != nil {
		return err
	}
	e.stats.Tunneled++
	io := outcome(o.TS, frame, res, inner, nil)
	io.Tunnel, io.innerSrc = t, tunnelSrc[d.Tunnel.Via]
	err = e.Decide(io)
	e.pktSrc, e.curTunnel = eve.PktSrcWire, nil
	return err
}
