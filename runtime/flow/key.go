package flow

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"net/netip"

	"github.com/rulec/rulec/runtime/inspect"
)

// key identifies a flow in both directions: the endpoint that sorts first
// is a.
type key struct {
	a, b   [16]byte
	ap, bp uint16
	proto  uint8
	v6     bool
	vlan   [2]uint16
}

// icmpCounterpart pairs ICMP request and reply types, so that both share
// a flow as in Suricata.
var icmpCounterpart = map[uint8]map[uint8]uint8{
	1:  {8: 0, 0: 8, 13: 14, 14: 13, 15: 16, 16: 15, 17: 18, 18: 17},
	58: {128: 129, 129: 128},
}

// keyOf returns the packet's flow key and whether the packet goes from a
// to b.
func keyOf(p *inspect.Packet, l4 transport) (key, bool) {
	k := key{proto: p.Proto, v6: p.Src.Is6()}
	copy(k.vlan[:], p.VLANs)
	sp, dp := p.Sport, p.Dport
	if l4 == l4ICMP {
		sp, dp = uint16(p.IType), uint16(p.IType)
		if c, ok := icmpCounterpart[p.Proto][p.IType]; ok {
			dp = uint16(c)
		}
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

func endpointLess(a [16]byte, ap uint16, b [16]byte, bp uint16) bool {
	if c := bytes.Compare(a[:], b[:]); c != 0 {
		return c < 0
	}
	return ap <= bp
}

// flowID makes a stable, non-zero id from the flow's creation number and
// a hash of its key; for the first 2^33 flows it stays below 2^53, which
// JSON readers keep exact.
func flowID(seq uint64, k key) uint64 {
	h := fnv.New64a()
	var b [4 + 1 + 1 + 4]byte
	binary.BigEndian.PutUint16(b[0:], k.ap)
	binary.BigEndian.PutUint16(b[2:], k.bp)
	b[4] = k.proto
	if k.v6 {
		b[5] = 1
	}
	binary.BigEndian.PutUint16(b[6:], k.vlan[0])
	binary.BigEndian.PutUint16(b[8:], k.vlan[1])
	h.Write(k.a[:])
	h.Write(k.b[:])
	h.Write(b[:])
	return seq<<20 | h.Sum64()&(1<<20-1)
}

// addr returns an address from its 16-byte form.
func addr(b [16]byte, v6 bool) netip.Addr {
	a := netip.AddrFrom16(b)
	if !v6 {
		return a.Unmap()
	}
	return a
}
