package flow

import (
	"bytes"
	"net/netip"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/flowid"
)

// key identifies a flow in both directions: the endpoint that sorts first
// is a.
type key struct {
	a, b   [16]byte
	ap, bp uint16
	proto  uint8
	v6     bool
	vlan   [decode.MaxVLANs]uint16
	// recursion keeps a tunnel's inner flow apart from the same tuple
	// seen outside it (Suricata's decoder.recursion-level.use-for-tracking,
	// on by default).
	recursion uint8
}

// keyOf returns the packet's flow key and whether the packet goes from a
// to b.
func keyOf(p *decode.Packet) (key, bool) {
	k := key{proto: p.Proto, v6: p.Family == 6, vlan: p.VLANs, recursion: p.Recursion}
	sp, dp := p.Sport, p.Dport
	if p.L4 == decode.L4ICMP {
		sp, dp = flowid.ICMPPorts(p.Proto, p.IType)
	}
	src, dst := p.Src.As16(), p.Dst.As16()
	fwd := endpointLess(src, sp, dst, dp)
	if fwd {
		k.a, k.ap, k.b, k.bp = src, sp, dst, dp
	} else {
		k.a, k.ap, k.b, k.bp = dst, dp, src, sp
	}
	return k, fwd
}

// quotedKey is the flow key of the packet an ICMP destination
// unreachable message quotes.
func quotedKey(p *decode.Packet) key {
	q := &p.Quoted
	k := key{proto: q.Proto, vlan: p.VLANs}
	src, dst := q.Src.As16(), q.Dst.As16()
	if endpointLess(src, q.Sport, dst, q.Dport) {
		k.a, k.ap, k.b, k.bp = src, q.Sport, dst, q.Dport
	} else {
		k.a, k.ap, k.b, k.bp = dst, q.Dport, src, q.Sport
	}
	return k
}

func endpointLess(a [16]byte, ap uint16, b [16]byte, bp uint16) bool {
	if c := bytes.Compare(a[:], b[:]); c != 0 {
		return c < 0
	}
	return ap <= bp
}

// addr returns an address from its 16-byte form.
func addr(b [16]byte, v6 bool) netip.Addr {
	a := netip.AddrFrom16(b)
	if !v6 {
		return a.Unmap()
	}
	return a
}
