package refeval

import (
	"encoding/binary"
	"net/netip"

	"github.com/rulec/rulec/runtime/flowid"
)

// headers is what the classifier reads of a packet.
type headers struct {
	src, dst     netip.Addr
	proto        uint8
	sport, dport uint16
	ttl          uint8
	tcpFlags     uint8
	seq, ack     uint32 // TCP
	itype, icode uint8
	vlans        [maxVLAN]uint16
	hasL4        bool // ports/flags/type were read (not a fragment)
	// l4Bad: a whole IP packet whose transport header is malformed; it
	// is matched as an IP packet without ports or payload, outside any
	// flow, and copied up for the decoder's events.
	l4Bad bool
	// invalid: a VLAN tag or IP header that does not decode (before the
	// addresses): not classified, copied up for the decoder's events.
	invalid bool
	// tunnel: copied up for the inner packet: IP-in-IP, IPv6
	// encapsulation or GRE (no payload), or a UDP encapsulation the
	// decoder finds (set by run)
	tunnel     bool
	fragment   bool // an IP fragment: copied up for reassembly
	deep       bool // past the parser's bounds: copied up for decoding
	payloadOff int
	payloadLen int
}

const (
	etherIPv4  = 0x0800
	etherIPv6  = 0x86dd
	etherPPPoE = 0x8864 // PPPoE session
	maxVLAN    = 3      // Suricata's VLAN_MAX_LAYERS
	maxExt     = 8      // longer than any legal IPv6 extension header chain
)

// isTunnel reports the protocols whose payload is a packet inspected on
// its own: IP-in-IP, IPv6 encapsulation and GRE.
func isTunnel(proto uint8) bool { return proto == 4 || proto == 41 || proto == 47 }

func isVLAN(etype uint16) bool { return etype == 0x8100 || etype == 0x88a8 || etype == 0x9100 }

// isExt reports the IPv6 extension headers the classifier follows:
// hop-by-hop, routing, fragment, AH, destination options, mobility, HIP
// and shim6.
func isExt(proto uint8) bool {
	switch proto {
	case 0, 43, 44, 51, 60, 135, 139, 140:
		return true
	}
	return false
}

// parse reads Ethernet, VLAN, IP and transport headers as the classifier
// does, which follows Suricata's decoders. ok is false for non-IP packets
// and for IP packets Suricata's decoder refuses (h.invalid when that is
// before the addresses). h.deep is set for a frame with more VLAN tags
// (ip false) or IPv6 extension headers (ip and ok true) than the
// classifier follows.
func parse(p []byte) (h headers, ip bool, ok bool) {
	if len(p) < 14 {
		return h, false, false
	}
	off, etype := 14, binary.BigEndian.Uint16(p[12:])
	for i := 0; i < maxVLAN && isVLAN(etype); i++ {
		if len(p) < off+4 {
			h.invalid = true
			return h, false, false
		}
		h.vlans[i] = binary.BigEndian.Uint16(p[off:]) & 0x0fff
		etype = binary.BigEndian.Uint16(p[off+2:])
		off += 4
	}
	if isVLAN(etype) {
		h.deep = true
		return h, false, false
	}
	if etype == etherPPPoE {
		var ok bool
		if etype, off, ok = pppoeIP(p, off); !ok {
			h.invalid = true
			return h, false, false
		}
	}
	var end int
	switch etype {
	case etherIPv4:
		if len(p) < off+20 || p[off]>>4 != 4 {
			h.invalid = true
			return h, true, false
		}
		h.src = netip.AddrFrom4([4]byte(p[off+12 : off+16]))
		h.dst = netip.AddrFrom4([4]byte(p[off+16 : off+20]))
		h.proto, h.ttl = p[off+9], p[off+8]
		ihl := int(p[off]&0x0f) * 4
		total := int(binary.BigEndian.Uint16(p[off+2:]))
		if ihl < 20 || total < ihl || len(p) < off+total || !ipv4OptionsOK(p[off+20:off+ihl]) {
			return h, true, false
		}
		end = off + total
		frag := binary.BigEndian.Uint16(p[off+6:]) & 0x3fff
		off += ihl
		if frag != 0 {
			h.fragment = true
			h.payloadOff = off
			return h, true, true
		}
		if h.proto == 58 {
			// Suricata does not decode ICMPv6 in IPv4.
			h.l4Bad, h.payloadOff = true, end
			return h, true, true
		}
	case etherIPv6:
		if len(p) < off+40 || p[off]>>4 != 6 {
			h.invalid = true
			return h, true, false
		}
		h.src = netip.AddrFrom16([16]byte(p[off+8 : off+24]))
		h.dst = netip.AddrFrom16([16]byte(p[off+24 : off+40]))
		end = off + 40 + int(binary.BigEndian.Uint16(p[off+4:]))
		if end > len(p) {
			return h, true, false
		}
		h.proto, h.ttl = p[off+6], p[off+7]
		prev := h.proto
		off += 40
		for i := 0; i < maxExt && isExt(h.proto); i++ {
			prev = h.proto
			if end < off+8 {
				return h, true, false
			}
			next := p[off]
			switch h.proto {
			case 44:
				// An atomic fragment (offset 0, no more) is a whole packet.
				frag := binary.BigEndian.Uint16(p[off+2:])&0xfff9 != 0
				off += 8
				if frag {
					h.proto = next
					h.fragment = true
					h.payloadOff = off
					return h, true, true
				}
			case 51:
				off += (int(p[off+1]) + 2) * 4
			default:
				off += (int(p[off+1]) + 1) * 8
			}
			h.proto = next
		}
		if off > end {
			return h, true, false
		}
		if isExt(h.proto) {
			h.deep = true
			return h, true, true
		}
		// Suricata: no next header right after the IPv6 header leaves
		// the packet without a protocol (invalid with data after it);
		// ICMPv4 is not decoded in IPv6: without a protocol right after
		// the IPv6 header or hop-by-hop options, else with the last
		// extension header's.
		switch {
		case h.proto == 59 && prev == 59 && off < end:
			return h, true, false
		case h.proto == 1 && (prev == 1 || prev == 0):
			return h, true, false
		case h.proto == 1:
			h.proto, h.l4Bad, h.payloadOff = prev, true, end
			return h, true, true
		}
	default:
		return h, false, false
	}
	if off > end {
		return h, true, false
	}
	l4 := 0
	bad := func() (headers, bool, bool) {
		h.l4Bad, h.payloadOff = true, end
		return h, true, true
	}
	switch h.proto {
	case 6:
		if end < off+20 {
			return bad()
		}
		l4 = int(p[off+12]>>4) * 4
		if l4 < 20 || end < off+l4 {
			return bad()
		}
		h.sport, h.dport = binary.BigEndian.Uint16(p[off:]), binary.BigEndian.Uint16(p[off+2:])
		h.tcpFlags = p[off+13]
		h.seq, h.ack = binary.BigEndian.Uint32(p[off+4:]), binary.BigEndian.Uint32(p[off+8:])
	case 17:
		l4 = 8
		if end < off+l4 {
			return bad()
		}
		// The UDP length bounds the payload; one past the IP packet or
		// below the header makes the packet invalid.
		ulen := int(binary.BigEndian.Uint16(p[off+4:]))
		if ulen < l4 || off+ulen > end {
			return bad()
		}
		end = off + ulen
		h.sport, h.dport = binary.BigEndian.Uint16(p[off:]), binary.BigEndian.Uint16(p[off+2:])
	case 1, 58:
		l4 = 8
		if end < off+l4 {
			return bad()
		}
		h.itype, h.icode = p[off], p[off+1]
		if h.proto == 1 {
			l4 = icmp4HeaderLen(p[off:end])
		} else if !icmp6Full(h.itype, h.icode) {
			// Suricata's payload of an ICMPv6 message without a full
			// header: from byte 4, 12 bytes short of the end.
			h.hasL4, h.payloadOff = true, off+4
			h.payloadLen = max(end-off-12, 0)
			return h, true, true
		}
	case 50, 132:
		// ESP and SCTP headers (SCTP's ports are not read)
		l4 = 8
		if h.proto == 132 {
			l4 = 12
		}
		if end < off+l4 {
			return bad()
		}
	default:
		// Suricata decodes no other protocol: no payload
		l4 = end - off
	}
	h.hasL4 = true
	h.payloadOff = off + l4
	h.payloadLen = end - h.payloadOff
	if isTunnel(h.proto) {
		h.tunnel, h.payloadOff, h.payloadLen = true, end, 0
	}
	return h, true, true
}

// Tuple is a packet's addresses, protocol and ports.
type Tuple struct {
	Src, Dst     netip.Addr
	Proto        uint8
	Sport, Dport uint16
}

// PacketFlow reads the tuple and the flow key (runtime/flowid) of a frame
// the classifier would evaluate.
func PacketFlow(frame []byte) (Tuple, flowid.Key, bool) {
	h, ip, ok := parse(frame)
	if !ip || !ok {
		return Tuple{}, flowid.Key{}, false
	}
	k := flowid.Key{Src: flowid.Addr(h.src), Dst: flowid.Addr(h.dst), Sport: h.sport, Dport: h.dport, Proto: h.proto, Family: 4, VLAN: h.vlans}
	if h.src.Is6() {
		k.Family = 6
	}
	if h.proto == 1 || h.proto == 58 {
		k.Sport, k.Dport = flowid.ICMPPorts(h.proto, h.itype)
	}
	return Tuple{h.src, h.dst, h.proto, h.sport, h.dport}, k, true
}

// pppoeIP finds the IPv4 or IPv6 packet of a PPPoE session frame whose
// header is at off, as the classifier's pppoe_ip: its EtherType and
// offset, or false for anything else.
func pppoeIP(p []byte, off int) (uint16, int, bool) {
	const hdr = 7 // with a one-byte PPP protocol field
	if len(p) < off+hdr+2 || p[off+4]|p[off+5] == 0 {
		return 0, 0, false
	}
	proto, hlen := uint16(p[off+6]), hdr
	if p[off+6]&1 == 0 {
		proto, hlen = binary.BigEndian.Uint16(p[off+6:]), hdr+1
	}
	switch {
	case proto == 0x2f && p[off+hlen]>>4 != 4:
		return 0, 0, false
	case proto == 0x21 || proto == 0x2f:
		return etherIPv4, off + hlen, true
	case proto == 0x57:
		return etherIPv6, off + hlen, true
	}
	return 0, 0, false
}

// ipv4OptionsOK walks IPv4 options as Suricata's DecodeIPV4Options: an
// option whose length is below 2 or runs past the options makes the
// packet invalid; nothing else does.
func ipv4OptionsOK(opts []byte) bool {
	for len(opts) > 0 {
		switch {
		case opts[0] == 0:
			return true
		case opts[0] == 1:
			opts = opts[1:]
		case len(opts) < 2:
			return true
		case opts[1] < 2 || int(opts[1]) > len(opts):
			return false
		default:
			opts = opts[opts[1]:]
		}
	}
	return true
}

// icmp4HeaderLen is the header length Suricata's DecodeICMPV4 gives an
// ICMPv4 message (at least 8 bytes): the timestamps of a timestamp
// request or reply and the addresses of a router advertisement follow
// the 8 bytes when the message holds them.
func icmp4HeaderLen(m []byte) int {
	extra := 0
	switch m[0] {
	case 13, 14:
		extra = 12
	case 9:
		extra = int(m[4]) * int(m[5]) * 4
	}
	if len(m) >= 8+extra {
		return 8 + extra
	}
	return 8
}

// icmp6Full reports the ICMPv6 messages Suricata gives a full 8-byte
// header (errors and echo with a known code).
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
