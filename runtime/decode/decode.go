package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
)

const (
	etherIPv4    = 0x0800
	etherIPv6    = 0x86dd
	ethHeaderLen = 14
	vlanTagLen   = 4
	ipv4HdrLen   = 20
	ipv6HdrLen   = 40
	tcpHdrLen    = 20
	udpHdrLen    = 8
	icmpHdrLen   = 8
	protoESP     = 50
	protoSCTP    = 132
)

// IsVLAN reports whether an EtherType is a VLAN tag.
func IsVLAN(t uint16) bool { return t == 0x8100 || t == 0x88a8 || t == 0x9100 }

// Decode decodes an Ethernet frame into p, which it resets. A frame
// without an IP packet gives Family 0 and no error; a frame whose link or
// IP header cannot be decoded gives an error wrapping ErrTruncated or
// ErrCorrupt. A whole IP packet whose extension or transport headers do
// not decode gives L4Invalid and no error. The decoder events raised are
// in p.Events either way.
// UDP encapsulations are decoded on their default ports (DefaultConfig).
func Decode(frame []byte, p *Packet) error { return defaultConfig.Decode(frame, p) }

func (p *Packet) decode() error {
	frame := p.Frame
	if len(frame) < ethHeaderLen {
		return fmt.Errorf("%w: %d bytes of ethernet header", ErrTruncated, len(frame))
	}
	et, off := binary.BigEndian.Uint16(frame[12:]), ethHeaderLen
	for IsVLAN(et) {
		if p.NVLANs == MaxVLANs {
			p.Events.Set(VLANTooManyLayers)
			return fmt.Errorf("%w: more than %d vlan tags", ErrCorrupt, MaxVLANs)
		}
		if len(frame) < off+vlanTagLen {
			return fmt.Errorf("%w: vlan tag", ErrTruncated)
		}
		p.VLANs[p.NVLANs] = binary.BigEndian.Uint16(frame[off:]) & 0x0fff
		p.NVLANs++
		et, off = binary.BigEndian.Uint16(frame[off+2:]), off+vlanTagLen
	}
	p.EtherType = et
	switch et {
	case etherIPv4:
		return p.ipv4(off)
	case etherIPv6:
		return p.ipv6(off)
	case etherPPPoESession:
		return p.pppoeSession(off)
	}
	return nil
}

func (p *Packet) fail(e Event, err error, format string, args ...any) error {
	p.Events.Set(e)
	return fmt.Errorf("%w: "+format, append([]any{err}, args...)...)
}

func (p *Packet) ipv4(off int) error {
	data := p.Frame[off:]
	if len(data) < ipv4HdrLen {
		return p.fail(IPv4PktTooSmall, ErrTruncated, "%d bytes of ipv4 header", len(data))
	}
	if v := data[0] >> 4; v != 4 {
		return p.fail(IPv4WrongIPVersion, ErrCorrupt, "ip version %d in an IPv4 frame", v)
	}
	hlen := int(data[0]&0x0f) * 4
	total := int(binary.BigEndian.Uint16(data[2:]))
	switch {
	case hlen < ipv4HdrLen:
		return p.fail(IPv4HlenTooSmall, ErrCorrupt, "ipv4 header length %d", hlen)
	case total < hlen:
		return p.fail(IPv4IPLenSmallerThanHlen, ErrCorrupt, "ipv4 total length %d below header length %d", total, hlen)
	case total > len(data):
		return p.fail(IPv4TruncPkt, ErrTruncated, "ipv4 total length %d beyond the frame's %d bytes", total, len(data))
	}
	if err := p.ipv4Options(data[ipv4HdrLen:hlen]); err != nil {
		return err
	}
	p.Family, p.NetOff, p.NetEnd = 4, off, off+total
	p.Src = netip.AddrFrom4([4]byte(data[12:16]))
	p.Dst = netip.AddrFrom4([4]byte(data[16:20]))
	p.TTL, p.Proto = data[8], data[9]
	flags := binary.BigEndian.Uint16(data[6:])
	if flags&0x3fff != 0 {
		p.L4, p.L4Off = L4Fragment, off+hlen
		p.Frag = Fragment{ID: uint32(binary.BigEndian.Uint16(data[4:])), Offset: int(flags&0x1fff) * 8, More: flags&0x2000 != 0}
		p.Payload = p.Frame[off+hlen : p.NetEnd]
		return nil
	}
	if p.Proto == 58 {
		// Suricata does not decode ICMPv6 in IPv4: an IP packet
		// without a transport header.
		p.L4Off = off + hlen
		return p.invalid(IPv4WithICMPv6)
	}
	return p.transport(off + hlen)
}

// invalid marks a whole IP packet whose headers past the IP header do not
// decode.
func (p *Packet) invalid(e Event) error {
	p.Events.Set(e)
	p.L4, p.Payload, p.Sport, p.Dport, p.TCPFlags, p.IType, p.ICode = L4Invalid, nil, 0, 0, 0, 0, 0
	return nil
}

// transport decodes the transport header at off, up to p.NetEnd.
func (p *Packet) transport(off int) error {
	p.L4Off = off
	data := p.Frame[off:p.NetEnd]
	if p.Family == 6 && p.ExtHdrs > 0 && len(data) < 2 && (p.Proto == 6 || p.Proto == 17 || p.Proto == 1 || p.Proto == 58) {
		// Suricata's extension header walk wants 2 bytes of any header
		// that follows an extension header.
		return p.invalid(IPv6TruncExthdr)
	}
	switch p.Proto {
	case 6:
		if len(data) < tcpHdrLen {
			return p.invalid(TCPPktTooSmall)
		}
		hlen := int(data[12]>>4) * 4
		if hlen > len(data) {
			return p.invalid(TCPHlenTooSmall)
		}
		if hlen < tcpHdrLen {
			// Suricata's option length (hlen - 20, a byte) wraps past 40
			return p.invalid(TCPInvalidOptlen)
		}
		p.L4 = L4TCP
		p.Sport, p.Dport = binary.BigEndian.Uint16(data), binary.BigEndian.Uint16(data[2:])
		p.Seq, p.Ack = binary.BigEndian.Uint32(data[4:]), binary.BigEndian.Uint32(data[8:])
		p.TCPFlags, p.Payload = data[13], data[hlen:]
	case 17:
		if len(data) < udpHdrLen {
			return p.invalid(UDPHlenTooSmall)
		}
		// The UDP length bounds the payload (bytes past it, up to the
		// IP end, are not inspected); one past the IP packet or below
		// the header makes the packet invalid, as Suricata's decoder.
		n := int(binary.BigEndian.Uint16(data[4:]))
		switch {
		case n > len(data):
			return p.invalid(UDPPktTooSmall)
		case n < udpHdrLen:
			return p.invalid(UDPLenInvalid)
		}
		p.L4 = L4UDP
		p.Sport, p.Dport = binary.BigEndian.Uint16(data), binary.BigEndian.Uint16(data[2:])
		p.Payload = data[udpHdrLen:n]
		p.udpTunnel(off+udpHdrLen, p.Payload)
	case 1, 58:
		if len(data) < icmpHdrLen {
			e := ICMPv4PktTooSmall
			if p.Proto == 58 {
				e = ICMPv6PktTooSmall
			}
			return p.invalid(e)
		}
		p.L4 = L4ICMP
		p.IType, p.ICode = data[0], data[1]
		p.Payload = icmpPayload(p.Proto, data)
		p.quoted()
	case protoESP, protoSCTP:
		// ESP's and SCTP's headers (SCTP's ports are not read)
		n, e := 8, ESPPktTooSmall
		if p.Proto == protoSCTP {
			n, e = 12, SCTPPktTooSmall
		}
		if len(data) < n {
			return p.invalid(e)
		}
		p.Payload = data[n:]
	default:
		// Suricata decodes no other protocol's payload; it inspects a
		// tunnel's inner packet on its own
		p.Payload = nil
		if IsTunnel(p.Proto) {
			p.tunnel(off, data)
		}
	}
	return nil
}

// icmpPayload is the payload Suricata's DecodeICMPV4 and DecodeICMPV6
// give an ICMP message of at least 8 bytes. ICMPv4: after the timestamps
// of a timestamp request or reply, after the addresses of a router
// advertisement (when the message holds them), else after 8 bytes.
// ICMPv6: after 8 bytes for errors and echo with a known code; the other
// messages' payload starts at byte 4 and ends 8 bytes short of the end.
func icmpPayload(proto uint8, data []byte) []byte {
	if proto == 1 {
		extra := 0
		switch data[0] {
		case 13, 14:
			extra = 12
		case 9:
			extra = int(data[4]) * int(data[5]) * 4
		}
		if len(data) >= icmpHdrLen+extra {
			return data[icmpHdrLen+extra:]
		}
		return data[icmpHdrLen:]
	}
	if icmp6Full(data[0], data[1]) {
		return data[icmpHdrLen:]
	}
	if len(data) < icmpHdrLen+4 {
		return data[:0]
	}
	return data[4 : len(data)-icmpHdrLen]
}

// icmp6Full reports the ICMPv6 messages Suricata gives a full 8-byte
// header: destination unreachable (codes 0-6), packet too big (0), time
// exceeded (0-1), parameter problem (0-2), echo request and reply (0).
func icmp6Full(typ, code uint8) bool {
	switch typ {
	case 1:
		return code <= 6
	case 2, 128, 129:
		return code == 0
	case 3:
		return code <= 1
	case 4:
		return code <= 2
	}
	return false
}
