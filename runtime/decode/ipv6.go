package decode

import (
	"encoding/binary"
	"net/netip"
)

// IPv6 next-header values the decoder follows or stops at.
const (
	nhHopByHop = 0
	nhRouting  = 43
	nhFragment = 44
	nhAH       = 51
	nhNone     = 59
	nhDstOpts  = 60
	nhMobility = 135
	nhHIP      = 139
	nhShim6    = 140
)

// IsIPv6Ext reports the IPv6 extension headers the decoder follows.
func IsIPv6Ext(nh uint8) bool {
	switch nh {
	case nhHopByHop, nhRouting, nhFragment, nhAH, nhDstOpts, nhMobility, nhHIP, nhShim6:
		return true
	}
	return false
}

func (p *Packet) ipv6(off int) error {
	data := p.Frame[off:]
	if len(data) < ipv6HdrLen {
		return p.fail(IPv6PktTooSmall, ErrTruncated, "%d bytes of ipv6 header", len(data))
	}
	if v := data[0] >> 4; v != 6 {
		return p.fail(IPv6WrongIPVersion, ErrCorrupt, "ip version %d in an IPv6 frame", v)
	}
	plen := int(binary.BigEndian.Uint16(data[4:]))
	if ipv6HdrLen+plen > len(data) {
		return p.fail(IPv6TruncPkt, ErrTruncated, "ipv6 payload length %d beyond the frame's %d bytes", plen, len(data)-ipv6HdrLen)
	}
	p.Family, p.NetOff, p.NetEnd = 6, off, off+ipv6HdrLen+plen
	p.Src = netip.AddrFrom16([16]byte(data[8:24]))
	p.Dst = netip.AddrFrom16([16]byte(data[24:40]))
	p.TTL = data[7]
	return p.extensions(off+ipv6HdrLen, data[6], off+6)
}

// extensions walks the extension header chain from off, where header nh
// starts; nhAt is where nh was read. Each header takes at least 8 bytes,
// so the walk ends within the packet.
func (p *Packet) extensions(off int, nh uint8, nhAt int) error {
	var seen [256]uint8
	prev := nh
	for IsIPv6Ext(nh) {
		prev = nh
		p.ExtHdrs++
		rest := p.NetEnd - off
		if rest < 8 {
			p.Proto, p.L4Off = nh, off
			return p.invalid(IPv6TruncExthdr)
		}
		h := p.Frame[off:]
		hlen := (int(h[1]) + 1) * 8
		switch nh {
		case nhFragment:
			hlen = 8
		case nhAH:
			hlen = (int(h[1]) + 2) * 4
		}
		if hlen > rest {
			p.Proto, p.L4Off = nh, off
			return p.invalid(IPv6TruncExthdr)
		}
		seen[nh]++
		if !p.duplicate(nh, seen[nh]) {
			p.checkHeader(nh, h[:hlen])
		}
		if nh == nhFragment {
			fo := binary.BigEndian.Uint16(h[2:])
			frag := Fragment{ID: binary.BigEndian.Uint32(h[4:]), Offset: int(fo & 0xfff8), More: fo&1 != 0,
				HdrOff: off - p.NetOff, PrevNextOff: nhAt - p.NetOff}
			if frag.Offset != 0 || frag.More {
				p.Proto, p.L4, p.L4Off, p.Frag = h[0], L4Fragment, off+hlen, frag
				p.Payload = p.Frame[off+hlen : p.NetEnd]
				if frag.More && len(p.Payload)%8 != 0 {
					p.Events.Set(IPv6FragInvalidLength)
				}
				return nil
			}
			p.Events.Set(IPv6ExthdrUselessFH)
		}
		nh, nhAt, off = h[0], off, off+hlen
	}
	p.Proto = nh
	direct := p.ExtHdrs == 0
	switch {
	case nh == nhNone && off < p.NetEnd && direct:
		// Suricata leaves the packet without a protocol: decoder-event
		// rules only
		return p.fail(IPv6DataAfterNoneHeader, ErrCorrupt, "ipv6 data after no next header")
	case nh == nhNone && off < p.NetEnd:
		p.Events.Set(IPv6DataAfterNoneHeader)
	case nh == 1 && (direct || prev == nhHopByHop):
		// ICMPv4 is not decoded in IPv6; the packet's protocol is the
		// last extension header's, none right after the IPv6 header or
		// hop-by-hop options (protocol 0): decoder-event rules only
		return p.fail(IPv6WithICMPv4, ErrCorrupt, "icmpv4 in ipv6")
	case nh == 1:
		p.Proto, p.L4Off = prev, off
		return p.invalid(IPv6WithICMPv4)
	}
	return p.transport(off)
}

// duplicate raises Suricata's events for headers RFC 8200 allows once
// (destination options twice) and reports whether it did: Suricata skips
// a duplicate's contents.
func (p *Packet) duplicate(nh, n uint8) bool {
	var e Event
	switch {
	case n < 2 || nh == nhDstOpts && n < 3:
		return false
	case nh == nhFragment:
		e = IPv6ExthdrDuplFH
	case nh == nhRouting:
		e = IPv6ExthdrDuplRH
	case nh == nhHopByHop:
		e = IPv6ExthdrDuplHH
	case nh == nhDstOpts:
		e = IPv6ExthdrDuplDH
	case nh == nhAH:
		e = IPv6ExthdrDuplAH
	default:
		return false
	}
	p.Events.Set(e)
	return true
}

// IPv6 option types the decoder knows (RFC 8200, 2711, 2675, 6275).
const (
	optPad1   = 0x00
	optPadN   = 0x01
	optRouter = 0x05
	optJumbo  = 0xc2
	optHome   = 0xc9
)

// checkHeader raises Suricata's events on an extension header's contents:
// hop-by-hop and destination options, a type 0 routing header, reserved
// fields set in fragment and AH headers.
func (p *Packet) checkHeader(nh uint8, h []byte) {
	switch nh {
	case nhHopByHop:
		p.options(h[2:], IPv6HopOptsUnknownOpt, IPv6HopOptsOnlyPadding)
	case nhDstOpts:
		p.options(h[2:], IPv6DstOptsUnknownOpt, IPv6DstOptsOnlyPadding)
	case nhRouting:
		if h[2] == 0 {
			p.Events.Set(IPv6RHType0)
		}
	case nhFragment:
		if h[1] != 0 || h[3]&0x06 != 0 {
			p.Events.Set(IPv6FHNonZeroReservedField)
		}
	case nhAH:
		if h[2] != 0 || h[3] != 0 {
			p.Events.Set(IPv6ExthdrAHResNotNull)
		}
	}
}

// options walks the type-length-value options of a hop-by-hop or
// destination options header.
func (p *Packet) options(opts []byte, unknown, onlyPadding Event) {
	padding, other := 0, 0
	for off := 0; off < len(opts); {
		t := opts[off]
		if t == optPad1 {
			padding++
			off++
			continue
		}
		if off+1 >= len(opts) || off+2+int(opts[off+1]) > len(opts) {
			p.Events.Set(IPv6ExthdrInvalidOptlen)
			break
		}
		switch t {
		case optPadN:
			padding++
			if opts[off+1] == 0 {
				p.Events.Set(IPv6ZeroLenPadN)
			}
		case optRouter, optJumbo, optHome:
			other++
		default:
			p.Events.Set(unknown)
			other++
		}
		off += 2 + int(opts[off+1])
	}
	if padding > 0 && other == 0 {
		p.Events.Set(onlyPadding)
	}
}
