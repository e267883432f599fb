package flowid

import "net/netip"

// Key is a flow key as the classifier's struct event carries it.
type Key struct {
	// Src and Dst are addresses in network order, an IPv4 address in the
	// first 4 bytes and zeros after it.
	Src, Dst [16]byte
	// Sport and Dport are the ports, 0 for a fragment and for protocols
	// without ports; for protocols 1 (ICMP) and 58 (ICMPv6), whatever the
	// IP version, ICMPPorts of the ICMP type (type 0 for a fragment).
	Sport, Dport uint16
	Proto        uint8
	Family       uint8     // 4 or 6
	VLAN         [3]uint16 // VLAN ids, outermost first; 0 for none
}

// Addr returns an address in Key's 16-byte form.
func Addr(a netip.Addr) [16]byte {
	if a.Is4() {
		var b [16]byte
		v4 := a.As4()
		copy(b[:], v4[:])
		return b
	}
	return a.As16()
}

// ICMPPorts gives the port pair of an ICMP or ICMPv6 packet of type t:
// (t, t's counterpart) for the request/reply pairs echo (8/0; ICMPv6
// 128/129), timestamp (13/14), information (15/16) and address mask
// (17/18), so a request and its reply share a flow; (t, t) otherwise.
func ICMPPorts(proto, t uint8) (sport, dport uint16) {
	c := t
	switch proto {
	case 1:
		switch t {
		case 0:
			c = 8
		case 8:
			c = 0
		case 13, 15, 17:
			c = t + 1
		case 14, 16, 18:
			c = t - 1
		}
	case 58:
		switch t {
		case 128:
			c = 129
		case 129:
			c = 128
		}
	}
	return uint16(t), uint16(c)
}

// Of returns the flow id of k, the same for both directions:
//
//  1. Order the endpoints: (Src, Sport) comes first unless Dst is
//     smaller byte by byte as 16 bytes, or the addresses are equal and
//     Dport < Sport; then swap the addresses and the ports. Call the
//     first endpoint (A, AP) and the other (B, BP).
//  2. Lay out 44 bytes: A (16), B (16), AP (2, big endian), BP (2, big
//     endian), Proto (1), Family (1), VLAN[0], VLAN[1], VLAN[2] (2 each,
//     big endian).
//  3. Hash them with 64-bit FNV-1a: h = 0xcbf29ce484222325; for each
//     byte, h ^= byte, then h *= 0x100000001b3 (mod 2^64).
//  4. Keep the low 53 bits (JSON readers keep them exact); a result of
//     0 becomes 1 (flow_id 0 means none).
func Of(k Key) uint64 {
	a, b, ap, bp := k.Src, k.Dst, k.Sport, k.Dport
	if less(b, a) || (a == b && bp < ap) {
		a, b, ap, bp = b, a, bp, ap
	}
	var buf [44]byte
	copy(buf[0:], a[:])
	copy(buf[16:], b[:])
	buf[32], buf[33] = byte(ap>>8), byte(ap)
	buf[34], buf[35] = byte(bp>>8), byte(bp)
	buf[36], buf[37] = k.Proto, k.Family
	for i, v := range k.VLAN {
		buf[38+2*i], buf[39+2*i] = byte(v>>8), byte(v)
	}
	h := uint64(0xcbf29ce484222325)
	for _, c := range buf {
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	if h &= 1<<53 - 1; h == 0 {
		return 1
	}
	return h
}

func less(x, y [16]byte) bool {
	for i := range x {
		if x[i] != y[i] {
			return x[i] < y[i]
		}
	}
	return false
}
