package inspect

import "encoding/binary"

// TCPField returns the TCP header's sequence number ("tcp.seq"),
// acknowledgement number ("tcp.ack") or window ("tcp.window").
func (p *Packet) TCPField(name string) (uint32, bool) {
	h := tcpHeader(p)
	if h == nil {
		return 0, false
	}
	switch name {
	case "tcp.seq":
		return binary.BigEndian.Uint32(h[4:]), true
	case "tcp.ack":
		return binary.BigEndian.Uint32(h[8:]), true
	case "tcp.window":
		return uint32(binary.BigEndian.Uint16(h[14:])), true
	}
	return 0, false
}

// ICMPField returns the identifier ("icmp_id") or sequence number
// ("icmp_seq") of an ICMP message that has them, as Suricata reads them:
// echo, timestamp, information and address mask requests and replies,
// ICMPv6 echo request and reply.
func (p *Packet) ICMPField(name string) (uint16, bool) {
	var h []byte
	switch {
	case p.Proto == 1 && (p.IType == 0 || p.IType == 8 || p.IType >= 13 && p.IType <= 18):
		h = icmpv4Header(p)
	case p.Proto == 58 && (p.IType == 128 || p.IType == 129):
		h = icmpv6Header(p)
	}
	if h == nil {
		return 0, false
	}
	switch name {
	case "icmp_id":
		return binary.BigEndian.Uint16(h[4:]), true
	case "icmp_seq":
		return binary.BigEndian.Uint16(h[6:]), true
	}
	return 0, false
}

// FragBits returns an IPv4 packet's fragmentation bits: 1 more fragments,
// 2 don't fragment, 4 reserved.
func (p *Packet) FragBits() (uint8, bool) {
	h := ipv4Header(p)
	if h == nil {
		return 0, false
	}
	f := h[6]
	return f>>5&1 | f>>6&1<<1 | f>>7<<2, true
}

// FragOffset returns an IPv4 packet's fragment offset field (8-byte
// units).
func (p *Packet) FragOffset() (uint16, bool) {
	h := ipv4Header(p)
	if h == nil {
		return 0, false
	}
	return binary.BigEndian.Uint16(h[6:]) & 0x1fff, true
}
