package decode

import (
	"encoding/binary"
	"net/netip"
)

// Quoted is the packet an ICMPv4 destination unreachable message quotes,
// as Suricata's decoder reads it: the embedded IPv4 header's addresses
// and protocol and the first TCP or UDP ports after a 20-byte header.
// Valid says the header and ports were there; Suricata then looks the
// message up as a packet of the quoted packet's flow.
type Quoted struct {
	Src, Dst     netip.Addr
	Proto        uint8
	Sport, Dport uint16
	Valid        bool
}

const (
	icmpDestUnreach = 3
	maxUnreachCode  = 15
	quotedTCPPorts  = 4 // Suricata reads a quoted TCP header's ports from its first 4 bytes
)

// quoted reads the packet an ICMPv4 destination unreachable message with
// a known code quotes.
func (p *Packet) quoted() {
	if p.Proto != 1 || p.IType != icmpDestUnreach || p.ICode > maxUnreachCode {
		return
	}
	b := p.Payload
	if len(b) < ipv4HdrLen || b[0]>>4 != 4 {
		return
	}
	q := Quoted{Src: netip.AddrFrom4([4]byte(b[12:16])), Dst: netip.AddrFrom4([4]byte(b[16:20])), Proto: b[9]}
	l4 := b[ipv4HdrLen:]
	switch {
	case q.Proto == 6 && len(l4) >= quotedTCPPorts, q.Proto == 17 && len(l4) >= udpHdrLen:
		q.Sport, q.Dport, q.Valid = binary.BigEndian.Uint16(l4), binary.BigEndian.Uint16(l4[2:]), true
	}
	p.Quoted = q
}
