package decode

import (
	"encoding/binary"
	"net/netip"
)

// frame describes a test frame.
type frame struct {
	tpids, ids []uint16 // VLAN tags, outermost first
	src, dst   string   // IPv6 when they contain ':'
	proto      uint8
	ext        []uint8 // IPv6 extension headers, 8 bytes each
	fragOff    uint16  // bytes, a multiple of 8
	more       bool
	fragID     uint32
	sport      uint16
	dport      uint16
	payload    string
}

func (f frame) bytes() []byte {
	b := []byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}
	for i, t := range f.tpids {
		b = binary.BigEndian.AppendUint16(b, t)
		b = binary.BigEndian.AppendUint16(b, f.ids[i])
	}
	src, dst := netip.MustParseAddr(f.src), netip.MustParseAddr(f.dst)
	l4 := f.l4()
	if src.Is4() {
		b = binary.BigEndian.AppendUint16(b, 0x0800)
		b = append(b, 0x45, 0)
		b = binary.BigEndian.AppendUint16(b, uint16(20+len(l4)))
		b = binary.BigEndian.AppendUint16(b, uint16(f.fragID))
		fo := f.fragOff / 8
		if f.more {
			fo |= 0x2000
		}
		b = binary.BigEndian.AppendUint16(b, fo)
		b = append(b, 64, f.proto, 0, 0)
		b = append(b, src.AsSlice()...)
		return append(append(b, dst.AsSlice()...), l4...)
	}
	b = binary.BigEndian.AppendUint16(b, 0x86dd)
	b = append(b, 0x60, 0, 0, 0)
	b = binary.BigEndian.AppendUint16(b, uint16(8*len(f.ext)+len(l4)))
	next := append(append([]uint8(nil), f.ext...), f.proto)
	b = append(b, next[0], 64)
	b = append(b, src.AsSlice()...)
	b = append(b, dst.AsSlice()...)
	for i, h := range f.ext {
		switch h {
		case nhFragment:
			fo := f.fragOff
			if f.more {
				fo |= 1
			}
			b = append(b, next[i+1], 0)
			b = binary.BigEndian.AppendUint16(b, fo)
			b = binary.BigEndian.AppendUint32(b, f.fragID)
		case nhAH:
			b = append(b, next[i+1], 0, 0, 0, 0, 0, 0, 1) // (0+2)*4 bytes
		default:
			b = append(b, next[i+1], 0, 1, 4, 0, 0, 0, 0) // PadN
		}
	}
	return append(b, l4...)
}

func (f frame) l4() []byte {
	var h []byte
	switch {
	case f.fragOff != 0:
	case f.proto == 6:
		h = binary.BigEndian.AppendUint16(h, f.sport)
		h = binary.BigEndian.AppendUint16(h, f.dport)
		h = append(h, 0, 0, 0, 1, 0, 0, 0, 2, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0)
	case f.proto == 17:
		h = binary.BigEndian.AppendUint16(h, f.sport)
		h = binary.BigEndian.AppendUint16(h, f.dport)
		h = binary.BigEndian.AppendUint16(h, uint16(8+len(f.payload)))
		h = append(h, 0, 0)
	}
	return append(h, f.payload...)
}
