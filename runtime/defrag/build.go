package defrag

import (
	"encoding/binary"
	"slices"
)

// complete reports whether the first and last fragments are held and the
// data between them has no hole.
func (t *tracker) complete() bool {
	if t.head == nil || t.total < 0 {
		return false
	}
	frags := slices.Clone(t.frags)
	slices.SortFunc(frags, func(a, b fragment) int { return a.offset - b.offset })
	covered := 0
	for _, g := range frags {
		if g.offset > covered {
			return false
		}
		covered = max(covered, g.offset+len(g.data))
	}
	return covered >= t.total
}

// build lays the data out by the overlap policy behind the first
// fragment's headers.
func (t *tracker) build(p Policy) []byte {
	frags := slices.Clone(t.frags)
	slices.SortStableFunc(frags, func(a, b fragment) int {
		switch p {
		case First:
			return int(a.seq) - int(b.seq)
		case Last:
			return int(b.seq) - int(a.seq)
		case Linux:
			if a.offset != b.offset {
				return a.offset - b.offset
			}
			return int(b.seq) - int(a.seq)
		}
		if a.offset != b.offset {
			return a.offset - b.offset
		}
		return int(a.seq) - int(b.seq)
	})
	out := make([]byte, len(t.head)+t.total)
	copy(out, t.head)
	data, written := out[len(t.head):], make([]bool, t.total)
	for _, g := range frags {
		for i, c := range g.data {
			if j := g.offset + i; j < t.total && !written[j] {
				data[j], written[j] = c, true
			}
		}
	}
	ip := out[t.netOff:]
	if t.key.v6 {
		ip[t.prevNext] = t.nextHdr
		binary.BigEndian.PutUint16(ip[4:], uint16(len(ip)-40))
		return out
	}
	hlen := int(ip[0]&0x0f) * 4
	binary.BigEndian.PutUint16(ip[2:], uint16(len(ip)))
	binary.BigEndian.PutUint16(ip[6:], 0)
	binary.BigEndian.PutUint16(ip[10:], 0)
	binary.BigEndian.PutUint16(ip[10:], checksum(ip[:hlen]))
	return out
}

// checksum is the IPv4 header checksum.
func checksum(h []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(h); i += 2 {
		s += uint32(binary.BigEndian.Uint16(h[i:]))
	}
	for s>>16 != 0 {
		s = s&0xffff + s>>16
	}
	return ^uint16(s)
}
