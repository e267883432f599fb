package inspect

import (
	"encoding/binary"

	"github.com/rulec/rulec/runtime/decode"
)

// IPv4 option flags, one bit per option kind Suricata's decoder records.
const (
	OptEOL uint16 = 1 << (iota + 1)
	OptNOP
	OptRR
	OptTS
	OptQS
	OptLSRR
	OptSSRR
	OptSID
	OptSEC
	OptCIPSO
	OptRTRALT
	OptESEC
)

// IPv4Options returns the options p's IPv4 header carries, as the flags
// Suricata's decoder sets: the first option of each kind counts (later
// ones are not checked); the walk stops at EOL or at a multi-byte option
// cut short; a known option with a bad length or pointer does not count
// (Suricata 8 raises an event); an option length below 2 or past the
// options makes the packet invalid for Suricata, and then none counts.
func (p *Packet) IPv4Options() uint16 {
	h := ipv4Header(p)
	if len(h) <= 20 {
		return 0
	}
	opts := h[20:]
	var set uint16
	for len(opts) > 0 {
		switch opts[0] {
		case 0:
			return set | OptEOL
		case 1:
			set |= OptNOP
			opts = opts[1:]
			continue
		}
		if len(opts) < 2 {
			return set
		}
		n := int(opts[1])
		if n < 2 || n > len(opts) {
			return 0
		}
		if f, valid := ipv4Option(opts[:n]); valid {
			set |= f
		}
		opts = opts[n:]
	}
	return set
}

// ipv4Option returns the flag of option o (type, length, data; 0 for a
// kind Suricata does not record) and whether o is well formed.
func ipv4Option(o []byte) (uint16, bool) {
	n := len(o)
	switch o[0] {
	case 0x07:
		return OptRR, validRoute(o)
	case 0x83:
		return OptLSRR, validRoute(o)
	case 0x89:
		return OptSSRR, validRoute(o)
	case 0x44:
		return OptTS, validTimestamp(o)
	case 0x19: // quick start
		return OptQS, n >= 8
	case 0x82:
		return OptSEC, n >= 3
	case 0x85:
		return OptESEC, n >= 3
	case 0x86:
		return OptCIPSO, validCIPSO(o)
	case 0x88: // stream identifier
		return OptSID, n == 4
	case 0x94: // router alert
		return OptRTRALT, n == 4
	}
	return 0, true
}

// validRoute checks a route option's pointer: past type, length and
// pointer, a multiple of 4, within the option.
func validRoute(o []byte) bool {
	return len(o) >= 3 && o[2] >= 4 && o[2]%4 == 0 && int(o[2]) <= len(o)+1
}

// validTimestamp checks a timestamp option's pointer against its record
// size (8 bytes with addresses, flag 1 or 3, else 4).
func validTimestamp(o []byte) bool {
	if len(o) < 5 || o[2] < 5 {
		return false
	}
	rec := 4
	if f := o[3] & 0x0f; f == 1 || f == 3 {
		rec = 8
	}
	return (int(o[2])-5)%rec == 0 && int(o[2]) <= len(o)+1
}

// validCIPSO checks a CIPSO option's tags after its domain of
// interpretation: types 1, 2, 5, 6 and 7, at least 4 bytes that fit, the
// alignment byte zero but in type 7.
func validCIPSO(o []byte) bool {
	if len(o) < 10 {
		return false
	}
	tags := o[6:]
	for len(tags) > 0 {
		if len(tags) < 2 || int(tags[1]) > len(tags) {
			return false
		}
		switch t, n := tags[0], int(tags[1]); {
		case t != 1 && t != 2 && t != 5 && t != 6 && t != 7, n < 4:
			return false
		case t != 7 && tags[2] != 0:
			return false
		default:
			tags = tags[n:]
		}
	}
	return true
}

// TCPMSS returns the value of the TCP header's first well-formed MSS
// option, as Suricata's decoder takes it.
func (p *Packet) TCPMSS() (uint16, bool) {
	o := p.tcpOption(2, 4)
	if o == nil {
		return 0, false
	}
	return binary.BigEndian.Uint16(o[2:]), true
}

// TCPWScale returns the shift of the TCP header's first well-formed
// window scale option, 0 for one over 14, as Suricata's decoder takes it.
func (p *Packet) TCPWScale() (uint8, bool) {
	o := p.tcpOption(3, 3)
	if o == nil {
		return 0, false
	}
	if o[2] > 14 {
		return 0, true
	}
	return o[2], true
}

// TCPSackPermitted reports whether the TCP header carries a SACK
// permitted option.
func (p *Packet) TCPSackPermitted() bool { return p.tcpOption(4, 2) != nil }

// TCPTimestamp returns the TS value of the TCP header's first
// well-formed timestamp option.
func (p *Packet) TCPTimestamp() (uint32, bool) {
	o := p.tcpOption(8, 10)
	if o == nil {
		return 0, false
	}
	return binary.BigEndian.Uint32(o[2:]), true
}

// TCPTimestampEcho returns the TS echo reply of the TCP header's first
// well-formed timestamp option.
func (p *Packet) TCPTimestampEcho() (uint32, bool) {
	o := p.tcpOption(8, 10)
	if o == nil {
		return 0, false
	}
	return binary.BigEndian.Uint32(o[6:]), true
}

// TCPSigned reports whether the TCP header carries an RFC 2385 MD5
// signature (kind 19, 18 bytes) or an RFC 5925 authentication option
// (kind 29, at least 4 bytes), which Suricata's decoder records and its
// stream engine cannot verify.
func (p *Packet) TCPSigned() bool {
	if p.tcpOption(19, 18) != nil {
		return true
	}
	for n := 4; n <= 40; n++ {
		if p.tcpOption(29, n) != nil {
			return true
		}
	}
	return false
}

// TCPFastOpen reports whether the TCP header carries a TCP Fast Open
// option as Suricata's decoder takes it: kind 34 of length 2 (a cookie
// request) or of an even length from 6 to 18, or an experimental option
// (kind 253 or 254) of length 4 or 12 with the magic 0xf989.
func (p *Packet) TCPFastOpen() bool {
	for _, n := range []int{2, 6, 8, 10, 12, 14, 16, 18} {
		if p.tcpOption(34, n) != nil {
			return true
		}
	}
	for _, kind := range []byte{253, 254} {
		for _, n := range []int{4, 12} {
			if o := p.tcpOption(kind, n); o != nil && binary.BigEndian.Uint16(o[2:]) == 0xf989 {
				return true
			}
		}
	}
	return false
}

// tcpOption returns the first option of kind with length n in the TCP
// header; the walk ends at EOL or at a length that does not fit.
func (p *Packet) tcpOption(kind byte, n int) []byte {
	h := tcpHeader(p)
	if len(h) <= 20 {
		return nil
	}
	opts := h[20:]
	for len(opts) > 0 {
		switch opts[0] {
		case 0:
			return nil
		case 1:
			opts = opts[1:]
			continue
		}
		if len(opts) < 2 {
			return nil
		}
		l := int(opts[1])
		if l < 2 || l > len(opts) {
			return nil
		}
		if opts[0] == kind && l == n {
			return opts[:l]
		}
		opts = opts[l:]
	}
	return nil
}

// ICMPv6MTU returns the MTU of an ICMPv6 Packet Too Big message (type 2,
// code 0).
func (p *Packet) ICMPv6MTU() (uint32, bool) {
	if p.L4 != decode.L4ICMP || p.Proto != 58 || p.IType != 2 || p.ICode != 0 {
		return 0, false
	}
	h := icmpv6Header(p)
	if h == nil {
		return 0, false
	}
	return binary.BigEndian.Uint32(h[4:]), true
}
