package refeval

import (
	"encoding/binary"
	"net/netip"
)

// headers is what the classifier reads of a packet.
type headers struct {
	src, dst     netip.Addr
	proto        uint8
	sport, dport uint16
	ttl          uint8
	tcpFlags     uint8
	itype, icode uint8
	hasL4        bool // ports/flags/type were read (not a later fragment)
	payloadOff   int
	payloadLen   int
}

const (
	etherIPv4 = 0x0800
	etherIPv6 = 0x86dd
	etherVLAN = 0x8100
	etherQinQ = 0x88a8
	maxVLAN   = 3
	maxExt    = 4
)

// parse reads Ethernet, VLAN, IP and transport headers. ok is false for
// non-IP packets and for malformed or truncated ones.
func parse(p []byte) (h headers, ip bool, ok bool) {
	if len(p) < 14 {
		return h, false, false
	}
	off, etype := 14, binary.BigEndian.Uint16(p[12:])
	for i := 0; i < maxVLAN && (etype == etherVLAN || etype == etherQinQ); i++ {
		if len(p) < off+4 {
			return h, false, false
		}
		etype = binary.BigEndian.Uint16(p[off+2:])
		off += 4
	}
	var end int
	switch etype {
	case etherIPv4:
		if len(p) < off+20 || p[off]>>4 != 4 {
			return h, true, false
		}
		ihl := int(p[off]&0x0f) * 4
		total := int(binary.BigEndian.Uint16(p[off+2:]))
		if ihl < 20 || total < ihl || len(p) < off+ihl {
			return h, true, false
		}
		end = min(off+total, len(p))
		h.src = netip.AddrFrom4([4]byte(p[off+12 : off+16]))
		h.dst = netip.AddrFrom4([4]byte(p[off+16 : off+20]))
		h.proto, h.ttl = p[off+9], p[off+8]
		fragOff := binary.BigEndian.Uint16(p[off+6:]) & 0x1fff
		off += ihl
		if fragOff != 0 {
			h.payloadOff = off
			return h, true, true
		}
	case etherIPv6:
		if len(p) < off+40 || p[off]>>4 != 6 {
			return h, true, false
		}
		end = min(off+40+int(binary.BigEndian.Uint16(p[off+4:])), len(p))
		h.src = netip.AddrFrom16([16]byte(p[off+8 : off+24]))
		h.dst = netip.AddrFrom16([16]byte(p[off+24 : off+40]))
		h.proto, h.ttl = p[off+6], p[off+7]
		off += 40
	ext:
		for i := 0; i < maxExt; i++ {
			switch h.proto {
			case 0, 43, 60:
				if end < off+8 {
					return h, true, false
				}
				h.proto = p[off]
				off += (int(p[off+1]) + 1) * 8
				continue
			case 44:
				if end < off+8 {
					return h, true, false
				}
				h.proto = p[off]
				later := binary.BigEndian.Uint16(p[off+2:])&0xfff8 != 0
				off += 8
				if later {
					h.payloadOff = off
					return h, true, true
				}
				continue
			}
			break ext
		}
	default:
		return h, false, false
	}
	if off > end {
		return h, true, false
	}
	l4 := 0
	switch h.proto {
	case 6:
		if end < off+20 {
			return h, true, false
		}
		l4 = int(p[off+12]>>4) * 4
		if l4 < 20 || end < off+l4 {
			return h, true, false
		}
		h.sport, h.dport = binary.BigEndian.Uint16(p[off:]), binary.BigEndian.Uint16(p[off+2:])
		h.tcpFlags = p[off+13]
	case 17:
		l4 = 8
		if end < off+l4 {
			return h, true, false
		}
		h.sport, h.dport = binary.BigEndian.Uint16(p[off:]), binary.BigEndian.Uint16(p[off+2:])
	case 1, 58:
		l4 = 8
		if end < off+l4 {
			return h, true, false
		}
		h.itype, h.icode = p[off], p[off+1]
	}
	h.hasL4 = true
	h.payloadOff = off + l4
	h.payloadLen = end - h.payloadOff
	return h, true, true
}

// Tuple is a packet's addresses, protocol and ports.
type Tuple struct {
	Src, Dst     netip.Addr
	Proto        uint8
	Sport, Dport uint16
}

// PacketTuple reads the tuple of a frame the classifier would evaluate.
func PacketTuple(frame []byte) (Tuple, bool) {
	h, ip, ok := parse(frame)
	if !ip || !ok {
		return Tuple{}, false
	}
	return Tuple{h.src, h.dst, h.proto, h.sport, h.dport}, true
}
