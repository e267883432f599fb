package refeval

import "encoding/binary"

// dnsState is what dns.query is for one packet, as the classifier's
// bpf/dns.h decides it.
type dnsState uint8

const (
	dnsNone      dnsState = iota // no query: not DNS, a response, no question, too short
	dnsOK                        // one question, its dotted name known
	dnsUndecided                 // the classifier copies it up for userspace to decide
)

const (
	dnsPort    = 53
	dnsHdr     = 12
	dnsTypeOPT = 41
	maxName    = 256 // bpf/rulec.h MAX_NAME
	maxOpts    = 8   // bpf/rulec.h MAX_OPTS
)

// parseDNS reads a packet's DNS query as the classifier does. name is
// the question's name with a dot before each label (the dotprefix form;
// empty for the root).
func parseDNS(p []byte, h *headers) (dnsState, []byte) {
	port53 := h.sport == dnsPort || h.dport == dnsPort
	switch {
	case !h.hasL4:
		return dnsNone, nil
	case h.proto == 6:
		if port53 {
			return dnsUndecided, nil
		}
		return dnsNone, nil
	case h.proto != 17:
		return dnsNone, nil
	}
	msg := p[h.payloadOff : h.payloadOff+h.payloadLen]
	n := len(msg)
	if n < dnsHdr || msg[2]&0x80 != 0 {
		return dnsNone, nil
	}
	if !port53 {
		return dnsUndecided, nil
	}
	qd := binary.BigEndian.Uint16(msg[4:])
	an, ns, ar := binary.BigEndian.Uint16(msg[6:]), binary.BigEndian.Uint16(msg[8:]), binary.BigEndian.Uint16(msg[10:])
	switch {
	case qd > 1:
		return dnsUndecided, nil
	case qd == 0:
		return dnsNone, nil
	case an != 0 || ns != 0 || ar > 1:
		return dnsUndecided, nil
	}
	wire := msg[dnsHdr:]
	if len(wire) == 0 {
		return dnsUndecided, nil
	}
	var name []byte
	next, end := 0, -1
	for i := 0; i < maxName && i < len(wire); i++ {
		c := wire[i]
		if i != next {
			name = append(name, c)
			continue
		}
		if c == 0 {
			end = i
			break
		}
		if c&0xc0 != 0 {
			return dnsUndecided, nil // compressed or malformed
		}
		next = i + int(c) + 1
		if next > 255 || next >= len(wire) {
			return dnsUndecided, nil
		}
		name = append(name, '.')
	}
	if end < 0 || dnsHdr+end+1+4 > n {
		return dnsUndecided, nil
	}
	if ar == 1 && !dnsOPT(msg, dnsHdr+end+1+4) {
		return dnsUndecided, nil
	}
	return dnsOK, name
}

// dnsOPT reports whether the additional record at o is an EDNS OPT
// record with the root name whose options the userspace decoder accepts,
// at most maxOpts of them.
func dnsOPT(msg []byte, o int) bool {
	n := len(msg)
	if o >= n || o+11 > n || msg[o] != 0 || binary.BigEndian.Uint16(msg[o+1:]) != dnsTypeOPT {
		return false
	}
	rdlen := int(binary.BigEndian.Uint16(msg[o+9:]))
	end := o + 11 + rdlen
	if end > n || (rdlen > 0 && rdlen < 4) {
		return false
	}
	pos := o + 11
	for range maxOpts {
		if pos >= end {
			return true
		}
		if pos+4 > end {
			return false
		}
		pos += 4 + int(binary.BigEndian.Uint16(msg[pos+2:]))
		if pos > end {
			return false
		}
	}
	return pos >= end
}
