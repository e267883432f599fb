package decode

import "encoding/binary"

// PPPoE session frames (EtherType 0x8864) carry a PPP packet, as
// Suricata's DecodePPPOESession reads it.
const (
	etherPPPoESession = 0x8864
	pppoeHdrLen       = 7 // version/type, code, session id, length, a one-byte protocol
	pppIP             = 0x0021
	pppIPv6           = 0x0057
	pppVJUncompressed = 0x002f
)

// pppUnsupported are the PPP protocols Suricata names and does not
// decode (event ppp.unsup_proto); pppControl the link and network
// control protocols it takes without inspecting them.
var (
	pppUnsupported = map[uint16]bool{0x002d: true, 0x002b: true, 0x0023: true, 0x0025: true, 0x0027: true, 0x0029: true,
		0x0031: true, 0x0033: true, 0x0035: true, 0x0201: true, 0x0231: true, 0x0233: true, 0x0281: true, 0x0283: true,
		0x8023: true, 0x8025: true, 0x8027: true, 0x8029: true, 0x802b: true, 0x8033: true, 0x8035: true, 0x8281: true}
	pppControl = map[uint16]bool{0x8021: true, 0x8057: true, 0xc021: true, 0xc023: true, 0xc223: true, 0x80fd: true,
		0xc025: true, 0xc029: true, 0x00fd: true, 0x8207: true}
)

// pppoeSession decodes the IPv4 or IPv6 packet of a PPPoE session frame
// whose PPPoE header is at off. The PPP protocol field is one byte when
// its first byte is odd (RFC 1661 protocol field compression), else two.
func (p *Packet) pppoeSession(off int) error {
	data := p.Frame[off:]
	if len(data) < pppoeHdrLen {
		return p.fail(PPPoEPktTooSmall, ErrTruncated, "%d bytes of pppoe header", len(data))
	}
	if binary.BigEndian.Uint16(data[4:]) == 0 {
		return nil
	}
	proto, hlen := uint16(data[6]), pppoeHdrLen
	if data[6]&0x01 == 0 {
		if len(data) < pppoeHdrLen+1 {
			return p.fail(PPPoEPktTooSmall, ErrTruncated, "%d bytes of pppoe header", len(data))
		}
		proto, hlen = binary.BigEndian.Uint16(data[6:]), pppoeHdrLen+1
	}
	return p.pppPayload(proto, off+hlen)
}

// pppPayload decodes what a PPP packet of protocol proto carries at off.
func (p *Packet) pppPayload(proto uint16, off int) error {
	n := len(p.Frame) - off
	switch {
	case proto == pppIP || proto == pppVJUncompressed:
		if n < ipv4HdrLen {
			e := PPPIPv4PktTooSmall
			if proto == pppVJUncompressed {
				e = PPPVJUPktTooSmall
			}
			return p.fail(e, ErrTruncated, "%d bytes of ipv4 in ppp", n)
		}
		if proto == pppVJUncompressed && p.Frame[off]>>4 != 4 {
			return nil
		}
		return p.ipv4(off)
	case proto == pppIPv6:
		if n < ipv6HdrLen {
			return p.fail(PPPIPv6PktTooSmall, ErrTruncated, "%d bytes of ipv6 in ppp", n)
		}
		return p.ipv6(off)
	case pppUnsupported[proto]:
		p.Events.Set(PPPUnsupProto)
		return nil
	case pppControl[proto]:
		return nil
	}
	return p.fail(PPPWrongType, ErrCorrupt, "ppp protocol %#04x", proto)
}
