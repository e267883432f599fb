package inspect

import (
	"encoding/binary"

	"github.com/rulec/rulec/runtime/decode"
)

// Checksum reports whether p's checksum of proto ("ipv4", "tcpv4",
// "udpv6", ... as ir.ChecksumProtos) is valid, as Suricata's checksum
// keywords compute it; ok is false when p does not carry that header, or
// for a UDP-over-IPv4 checksum of zero (none sent), where neither valid
// nor invalid holds. A packet whose checksums the capture ignores
// (IgnoreChecksums) has valid ones.
func (p *Packet) Checksum(proto string) (valid, ok bool) {
	var v4, v6 bool
	switch proto {
	case "ipv4", "tcpv4", "udpv4", "icmpv4":
		v4 = p.Family == 4
	case "tcpv6", "udpv6", "icmpv6":
		v6 = p.Family == 6
	}
	if !v4 && !v6 {
		return false, false
	}
	var l4 []byte
	switch proto {
	case "ipv4":
		if ipv4Header(p) == nil {
			return false, false
		}
	case "tcpv4", "tcpv6":
		if tcpHeader(p) == nil {
			return false, false
		}
		l4 = p.Frame[p.L4Off:p.NetEnd]
	case "udpv4", "udpv6":
		if udpHeader(p) == nil {
			return false, false
		}
		l4 = p.Frame[p.L4Off:p.NetEnd]
		if v4 && l4[6] == 0 && l4[7] == 0 {
			return false, false
		}
	case "icmpv4", "icmpv6":
		want := uint8(1)
		if v6 {
			want = 58
		}
		if p.L4 != decode.L4ICMP || p.Proto != want {
			return false, false
		}
		l4 = p.Frame[p.L4Off:p.NetEnd]
	}
	if p.IgnoreChecksums {
		return true, true
	}
	switch proto {
	case "ipv4":
		return fold(sum(0, ipv4Header(p))) == 0xffff, true
	case "icmpv4":
		return fold(sum(0, l4)) == 0xffff, true
	}
	return fold(sum(p.pseudoHeader(len(l4)), l4)) == 0xffff, true
}

// pseudoHeader is the sum of the TCP/UDP/ICMPv6 pseudo-header.
func (p *Packet) pseudoHeader(n int) uint32 {
	ip := p.Frame[p.NetOff:]
	var s uint32
	if p.Family == 4 {
		s = sum(0, ip[12:20])
	} else {
		s = sum(0, ip[8:40])
	}
	return s + uint32(p.Proto) + uint32(n>>16) + uint32(n&0xffff)
}

// sum adds b as big-endian 16-bit words, an odd last byte padded with
// zero, to s.
func sum(s uint32, b []byte) uint32 {
	for len(b) >= 2 {
		s += uint32(binary.BigEndian.Uint16(b))
		b = b[2:]
	}
	if len(b) == 1 {
		s += uint32(b[0]) << 8
	}
	return s
}

// fold is the ones' complement sum of s's 16-bit halves.
func fold(s uint32) uint16 {
	for s>>16 != 0 {
		s = s>>16 + s&0xffff
	}
	return uint16(s)
}

// SetTCPChecksum recomputes the TCP checksum of p's frame in place, as
// Suricata does for a packet its inline stream engine rewrote.
func (p *Packet) SetTCPChecksum() {
	if tcpHeader(p) == nil || p.L4Off+18 > p.NetEnd {
		return
	}
	l4 := p.Frame[p.L4Off:p.NetEnd]
	l4[16], l4[17] = 0, 0
	binary.BigEndian.PutUint16(l4[16:], ^fold(sum(p.pseudoHeader(len(l4)), l4)))
}
