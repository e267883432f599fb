package kernel

import (
	"encoding/binary"
	"net/netip"
)

// packet describes a test frame; zero fields get defaults.
type packet struct {
	vlans        []uint16 // TPIDs of VLAN tags, outermost first
	src, dst     string   // addresses; IPv6 when they contain ':'
	proto        uint8
	ttl          uint8
	sport, dport uint16
	flags        uint8  // TCP flags
	seq          uint32 // TCP sequence number; 0 means 1
	ack          uint32 // TCP acknowledgement number
	icmpType     uint8
	icmpCode     uint8
	ipOptions    int     // IPv4 option bytes (a multiple of 4)
	ipOpt        []byte  // IPv4 options (a multiple of 4 bytes); overrides ipOptions
	ipLenDelta   int     // added to the IP total (IPv4) or payload (IPv6) length
	ipVersion    uint8   // IPv4: the version field when not zero
	ihl          uint8   // IPv4: the header length field when not zero
	tcpOptions   int     // TCP option bytes (a multiple of 4)
	ext          []uint8 // IPv6 extension headers (8 bytes each)
	fragOffset   uint16  // in 8-byte units; non-zero: a non-first fragment
	more         bool    // more fragments follow: with fragOffset 0, a first fragment
	vlanIDs      []uint16
	payload      string
	cut          int // drop this many bytes from the end of the frame
	// l4Keep > 0 keeps that many bytes of the transport header and
	// payload: a whole IP packet with a malformed transport header.
	l4Keep int
	pad    int // Ethernet padding after the IP packet
	// udpDelta is added to the UDP length (8 + payload): below zero the
	// datagram ends before the IP packet, above it runs past it.
	udpDelta int
	// pppoe, when set, carries the IP packet in a PPPoE session with
	// this PPP protocol, in one byte unless pppoeWide or at least 0x100.
	pppoe     uint16
	pppoeWide bool
}

const (
	ipTCP    = 6
	ipUDP    = 17
	ipICMP   = 1
	ipICMPv6 = 58
	extFrag  = 44
	extAH    = 51

	flagFIN = 0x01
	flagSYN = 0x02
	flagRST = 0x04
	flagPSH = 0x08
	flagACK = 0x10
)

func (p packet) bytes() []byte {
	src := netip.MustParseAddr(p.src)
	dst := netip.MustParseAddr(p.dst)
	l4 := p.l4()
	if p.l4Keep > 0 {
		l4 = l4[:min(p.l4Keep, len(l4))]
	}
	var frame []byte
	frame = append(frame, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1)
	for i, tpid := range p.vlans {
		id := uint16(100 + i)
		if i < len(p.vlanIDs) {
			id = p.vlanIDs[i]
		}
		frame = binary.BigEndian.AppendUint16(frame, tpid)
		frame = binary.BigEndian.AppendUint16(frame, id)
	}
	ttl := p.ttl
	if ttl == 0 {
		ttl = 64
	}
	if p.pppoe != 0 {
		frame = append(frame, 0x88, 0x64, 0x11, 0, 0, 0x2d, 0, 1)
		if p.pppoe < 0x100 && !p.pppoeWide {
			frame = append(frame, byte(p.pppoe))
		} else {
			frame = binary.BigEndian.AppendUint16(frame, p.pppoe)
		}
	}
	if src.Is4() {
		if p.pppoe == 0 {
			frame = binary.BigEndian.AppendUint16(frame, 0x0800)
		}
		opts := make([]byte, p.ipOptions)
		if p.ipOpt != nil {
			opts = p.ipOpt
		}
		hlen := 20 + len(opts)
		vi := byte(0x40 | hlen/4)
		if p.ipVersion != 0 {
			vi = p.ipVersion<<4 | vi&0x0f
		}
		if p.ihl != 0 {
			vi = vi&0xf0 | p.ihl
		}
		frame = append(frame, vi, 0)
		frame = binary.BigEndian.AppendUint16(frame, uint16(hlen+len(l4)+p.ipLenDelta))
		frame = append(frame, 0, 1)
		frag := p.fragOffset
		if p.more {
			frag |= 0x2000
		}
		frame = binary.BigEndian.AppendUint16(frame, frag)
		frame = append(frame, ttl, p.proto, 0, 0)
		frame = append(frame, src.AsSlice()...)
		frame = append(frame, dst.AsSlice()...)
		frame = append(frame, opts...)
	} else {
		if p.pppoe == 0 {
			frame = binary.BigEndian.AppendUint16(frame, 0x86dd)
		}
		ext := p.ext
		if (p.fragOffset != 0 || p.more) && len(ext) == 0 {
			ext = []uint8{extFrag}
		}
		frame = append(frame, 0x60, 0, 0, 0)
		frame = binary.BigEndian.AppendUint16(frame, uint16(8*len(ext)+len(l4)+p.ipLenDelta))
		next := append(append([]uint8(nil), ext...), p.proto)
		frame = append(frame, next[0], ttl)
		frame = append(frame, src.AsSlice()...)
		frame = append(frame, dst.AsSlice()...)
		for i, h := range ext {
			frame = append(frame, next[i+1], 0)
			if h == extFrag {
				frag := p.fragOffset << 3
				if p.more {
					frag |= 1
				}
				frame = binary.BigEndian.AppendUint16(frame, frag)
				frame = append(frame, 0, 0, 0, 1)
			} else {
				frame = append(frame, 1, 4, 0, 0, 0, 0) // PadN
			}
		}
	}
	frame = append(frame, l4...)
	frame = append(frame, make([]byte, p.pad)...)
	return frame[:len(frame)-p.cut]
}

func (p packet) l4() []byte {
	var h []byte
	switch {
	case p.fragOffset != 0:
	case p.proto == ipTCP:
		h = binary.BigEndian.AppendUint16(h, p.sport)
		h = binary.BigEndian.AppendUint16(h, p.dport)
		seq := p.seq
		if seq == 0 {
			seq = 1
		}
		h = binary.BigEndian.AppendUint32(h, seq)
		h = binary.BigEndian.AppendUint32(h, p.ack)
		h = append(h, byte((20+p.tcpOptions)/4)<<4, p.flags, 0xff, 0xff, 0, 0, 0, 0)
		h = append(h, make([]byte, p.tcpOptions)...)
	case p.proto == ipUDP:
		h = binary.BigEndian.AppendUint16(h, p.sport)
		h = binary.BigEndian.AppendUint16(h, p.dport)
		h = binary.BigEndian.AppendUint16(h, uint16(8+len(p.payload)+p.udpDelta))
		h = append(h, 0, 0)
	case p.proto == ipICMP || p.proto == ipICMPv6:
		h = append(h, p.icmpType, p.icmpCode, 0, 0, 0, 1, 0, 1)
	}
	return append(h, p.payload...)
}
