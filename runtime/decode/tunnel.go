package decode

import "encoding/binary"

// Via says which decoder found a tunnel's inner packet; it names the
// inner packet's origin (Suricata's pkt_src).
type Via uint8

const (
	ViaNone   Via = iota
	ViaIPv4       // IP-in-IP or IPv6 in IPv4
	ViaIPv6       // IPv4 or IPv6 in IPv6
	ViaGRE        // GRE (IPv4, IPv6, VLAN, Ethernet, ERSPAN inside)
	ViaVXLAN      // VXLAN (UDP port 4789)
	ViaGeneve     // Geneve (UDP port 6081)
	ViaTeredo     // Teredo (UDP port 3544)
)

// Tunnel is where a packet's encapsulated packet is.
type Tunnel struct {
	Via Via
	// Off and End bound the inner bytes in Frame.
	Off, End int
	// Len is how many bytes of the outer packet Suricata's pseudo packet
	// of the inner one has: from the end of the tunnel header (GRE's, an
	// ERSPAN header included) to the end of the outer packet.
	Len int
	// EtherType is what the inner bytes are: IPv4, IPv6, a VLAN tag, or 0
	// for an Ethernet frame.
	EtherType uint16
	// VLAN is an ERSPAN type II session's VLAN id (0: none), the inner
	// frame's outermost tag.
	VLAN uint16
}

// IP protocols and GRE protocol types that carry a packet.
const (
	protoIPIP     = 4
	protoIPv6     = 41
	protoGRE      = 47
	greHdrLen     = 4
	greTEB        = 0x6558 // transparent Ethernet bridging
	grePPP        = 0x880b
	greV1Ack      = 0x0080
	greV1Flags    = 0x0078
	greERSPAN     = 0x88be
	erspanHdrLen  = 8
	greFlagCsum   = 0x8000
	greFlagRoute  = 0x4000
	greFlagKey    = 0x2000
	greFlagSeq    = 0x1000
	greFlagStrict = 0x0800
	greRecur      = 0x0700
	greFlagsRsvd  = 0x00f8
	greVersion    = 0x0007
)

// IsTunnel reports the IP protocols whose payload may be a packet that is
// inspected on its own (the outer packet is inspected without payload).
func IsTunnel(proto uint8) bool { return proto == protoIPIP || proto == protoIPv6 || proto == protoGRE }

// tunnel finds the packet that the IP payload data, at off in the frame,
// carries, as Suricata's decoder does: IP-in-IP and IPv6 encapsulation
// whose inner header has the right version, and GRE version 0 with an
// IPv4, IPv6, VLAN, Ethernet or ERSPAN (type I, or type II version 1)
// payload.
func (p *Packet) tunnel(off int, data []byte) {
	via := ViaIPv4
	if p.Family == 6 {
		via = ViaIPv6
	}
	switch p.Proto {
	case protoIPIP:
		if len(data) >= ipv4HdrLen && data[0]>>4 == 4 {
			p.Tunnel = Tunnel{Via: via, Off: off, End: p.NetEnd, Len: p.NetEnd - off, EtherType: etherIPv4}
		}
	case protoIPv6:
		if len(data) >= ipv6HdrLen && data[0]>>4 == 6 {
			p.Tunnel = Tunnel{Via: via, Off: off, End: p.NetEnd, Len: p.NetEnd - off, EtherType: etherIPv6}
		}
	case protoGRE:
		p.gre(off, data)
	}
}

func (p *Packet) gre(off int, data []byte) {
	if len(data) < greHdrLen {
		_ = p.invalid(GREPktTooSmall)
		return
	}
	flags := binary.BigEndian.Uint16(data)
	if flags&greVersion == 1 {
		p.greV1(off, data, flags)
		return
	}
	if flags&greVersion != 0 || flags&(greRecur|greFlagsRsvd) != 0 {
		return // other versions and malformed headers carry nothing inspected
	}
	hlen := greHdrLen
	if flags&greFlagKey != 0 {
		hlen += 4
	}
	if flags&greFlagSeq != 0 {
		hlen += 4
	}
	if flags&(greFlagCsum|greFlagRoute) != 0 {
		hlen += 4
	}
	if flags&greFlagRoute != 0 {
		for {
			if hlen+4 > len(data) {
				return
			}
			af, n := binary.BigEndian.Uint16(data[hlen:]), int(data[hlen+3])
			hlen += 4
			if af == 0 && n == 0 {
				break
			}
			hlen += n
		}
	}
	if hlen > len(data) {
		return
	}
	t := Tunnel{Via: ViaGRE, Off: off + hlen, End: p.NetEnd, Len: p.NetEnd - off - hlen}
	switch proto := binary.BigEndian.Uint16(data[2:]); proto {
	case etherIPv4, etherIPv6, 0x8100:
		t.EtherType = proto
	case grePPP:
		if !t.ppp(p.Frame[t.Off:t.End]) {
			return
		}
	case greTEB:
	case greERSPAN:
		if flags&greFlagSeq != 0 {
			// type II: an 8-byte header, version 1, with the session's VLAN
			if hlen+erspanHdrLen > len(data) {
				return
			}
			vv := binary.BigEndian.Uint16(data[hlen:])
			if vv>>12 != 1 {
				return
			}
			t.Off += erspanHdrLen
			t.VLAN = vv & 0x0fff
		}
	default:
		return
	}
	if t.EtherType == 0 && t.End-t.Off < ethHeaderLen {
		return
	}
	p.Tunnel = t
}

// greV1 takes the PPP packet of an enhanced GRE (version 1, PPTP)
// header as Suricata does: a key (whose payload length is not zero), no
// checksum, routing, strict route, recursion or other flags, protocol PPP.
func (p *Packet) greV1(off int, data []byte, flags uint16) {
	if flags&(greFlagCsum|greFlagRoute|greFlagStrict|greRecur|greV1Flags) != 0 || flags&greFlagKey == 0 ||
		binary.BigEndian.Uint16(data[2:]) != grePPP {
		return
	}
	hlen := greHdrLen + 4
	if flags&greFlagSeq != 0 {
		hlen += 4
	}
	if flags&greV1Ack != 0 {
		hlen += 4
	}
	if hlen > len(data) || binary.BigEndian.Uint16(data[4:]) == 0 {
		return
	}
	t := Tunnel{Via: ViaGRE, Off: off + hlen, End: p.NetEnd, Len: p.NetEnd - off - hlen}
	if t.ppp(p.Frame[t.Off:t.End]) {
		p.Tunnel = t
	}
}

// ppp moves t past the PPP header of data (an HDLC address and control
// 0xff 0x03, then a protocol field of one byte when odd, else two) when
// it carries IPv4, VJ uncompressed IPv4 or IPv6, as Suricata's DecodePPP.
func (t *Tunnel) ppp(data []byte) bool {
	at := 0
	if len(data) > 0 && data[0] == 0xff {
		at = 2
	}
	if len(data) < at+1 {
		return false
	}
	proto, n := uint16(data[at]), 1
	if data[at]&1 == 0 {
		if len(data) < at+2 {
			return false
		}
		proto, n = binary.BigEndian.Uint16(data[at:]), 2
	}
	in := data[at+n:]
	switch {
	case (proto == pppIP || proto == pppVJUncompressed) && len(in) >= ipv4HdrLen && (proto == pppIP || in[0]>>4 == 4):
		t.EtherType = etherIPv4
	case proto == pppIPv6 && len(in) >= ipv6HdrLen:
		t.EtherType = etherIPv6
	default:
		return false
	}
	t.Off += at + n
	return true
}

// InnerLink is the link layer of the tunnel's inner IP packet as
// Suricata's pseudo packet of it has it: a raw record of the tunnel's
// payload (Len bytes), whose bytes before the IP packet (a PPP header)
// are its link header. An inner Ethernet frame (or ERSPAN's) keeps the
// zero Link, the frame itself.
func (p *Packet) InnerLink() Link {
	t := p.Tunnel
	start := t.End - t.Len
	if t.Via == ViaNone || t.EtherType == 0 || t.VLAN != 0 || start > t.Off || start < 0 {
		return Link{}
	}
	return Link{Type: LinkRaw, Header: append([]byte{}, p.Frame[start:t.Off]...)}
}

// InnerFrame returns the tunnel's inner packet as an Ethernet frame of its
// own: an inner Ethernet frame as it is (with an ERSPAN session's VLAN as
// its outermost tag), an inner IP packet or VLAN tag behind the outer
// frame's addresses. It returns nil for a packet without a tunnel.
func (p *Packet) InnerFrame() []byte {
	t := p.Tunnel
	if t.Via == ViaNone {
		return nil
	}
	in := p.Frame[t.Off:t.End]
	if t.EtherType != 0 {
		f := make([]byte, 0, ethHeaderLen+len(in))
		f = append(f, p.Frame[:12]...)
		f = binary.BigEndian.AppendUint16(f, t.EtherType)
		return append(f, in...)
	}
	if t.VLAN == 0 {
		return append([]byte(nil), in...)
	}
	f := make([]byte, 0, len(in)+vlanTagLen)
	f = append(f, in[:12]...)
	f = binary.BigEndian.AppendUint16(f, 0x8100)
	f = binary.BigEndian.AppendUint16(f, t.VLAN)
	return append(f, in[12:]...)
}
