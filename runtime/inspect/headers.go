package inspect

import "github.com/rulec/rulec/runtime/decode"

// headerBuffers are the sticky buffers holding a packet's raw protocol
// header, as Suricata 8 defines them.
var headerBuffers = map[string]func(p *Packet) []byte{
	"ipv4.hdr":   ipv4Header,
	"ipv6.hdr":   ipv6Header,
	"tcp.hdr":    tcpHeader,
	"udp.hdr":    udpHeader,
	"icmpv4.hdr": icmpv4Header,
	"icmpv6.hdr": icmpv6Header,
}

// IsHeaderBuffer reports whether name is a packet header buffer.
func IsHeaderBuffer(name string) bool {
	_, ok := headerBuffers[name]
	return ok
}

// Header returns header buffer name of p, or nil and false when p does
// not carry that header whole.
func (p *Packet) Header(name string) ([]byte, bool) {
	f, ok := headerBuffers[name]
	if !ok {
		return nil, false
	}
	b := f(p)
	return b, b != nil
}

// bounded is Frame[from:from+n] when it lies within the IP packet.
func (p *Packet) bounded(from, n int) []byte {
	if n <= 0 || from <= 0 || from+n > p.NetEnd || p.NetEnd > len(p.Frame) {
		return nil
	}
	return p.Frame[from : from+n]
}

// ipv4Header is the IPv4 header with its options.
func ipv4Header(p *Packet) []byte {
	if p.Family != 4 || p.NetOff >= len(p.Frame) {
		return nil
	}
	return p.bounded(p.NetOff, int(p.Frame[p.NetOff]&0x0f)*4)
}

// ipv6Header is the fixed IPv6 header and the extension headers after it.
func ipv6Header(p *Packet) []byte {
	if p.Family != 6 {
		return nil
	}
	return p.bounded(p.NetOff, max(p.L4Off-p.NetOff, 40))
}

// tcpHeader is the TCP header with its options.
func tcpHeader(p *Packet) []byte {
	if p.L4 != decode.L4TCP || p.L4Off+12 >= p.NetEnd {
		return nil
	}
	return p.bounded(p.L4Off, int(p.Frame[p.L4Off+12]>>4)*4)
}

func udpHeader(p *Packet) []byte {
	if p.L4 != decode.L4UDP {
		return nil
	}
	return p.bounded(p.L4Off, 8)
}

// icmpv4Header is the 8-byte ICMP header, with the timestamps of a
// timestamp message and the addresses of a router advertisement, as
// Suricata's decoder counts them in the header.
func icmpv4Header(p *Packet) []byte {
	if p.L4 != decode.L4ICMP || p.Proto != 1 {
		return nil
	}
	n, rest := 8, p.NetEnd-p.L4Off
	switch p.IType {
	case 13, 14: // timestamp, timestamp reply
		if rest >= 8+12 {
			n += 12
		}
	case 9: // router advertisement: number of addresses times entry size in words
		h := p.Frame[p.L4Off:]
		if adv := int(h[4]) * int(h[5]) * 4; rest >= 8+adv {
			n += adv
		}
	}
	return p.bounded(p.L4Off, n)
}

func icmpv6Header(p *Packet) []byte {
	if p.L4 != decode.L4ICMP || p.Proto != 58 {
		return nil
	}
	return p.bounded(p.L4Off, 8)
}
