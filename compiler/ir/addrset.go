package ir

import (
	"encoding/binary"
	"net/netip"
	"strings"
)

var (
	max4 = lowMask(32)
	max6 = lowMask(128)
)

// AddrSet is a resolved, canonical set of IPv4 and IPv6 addresses.
type AddrSet struct {
	V4, V6 Spans
}

// AnyAddr is the set of every address.
func AnyAddr() AddrSet {
	return AddrSet{V4: Spans{{Hi: max4}}, V6: Spans{{Hi: max6}}}
}

// AddrRange returns the set [lo, hi]; both must be of the same family.
func AddrRange(lo, hi netip.Addr) AddrSet {
	sp := Span{toU128(lo), toU128(hi)}
	if lo.Is4() {
		return AddrSet{V4: Spans{sp}}
	}
	return AddrSet{V6: Spans{sp}}
}

// AddrPrefix returns the set of a prefix.
func AddrPrefix(p netip.Prefix) AddrSet {
	p = p.Masked()
	lo := toU128(p.Addr())
	host := p.Addr().BitLen() - p.Bits()
	return AddrRange(p.Addr(), fromU128(lo.or(lowMask(host)), p.Addr().Is4()))
}

func toU128(a netip.Addr) U128 {
	a = a.Unmap()
	if a.Is4() {
		b := a.As4()
		return U128{Lo: uint64(binary.BigEndian.Uint32(b[:]))}
	}
	b := a.As16()
	return U128{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

func fromU128(v U128, v4 bool) netip.Addr {
	if v4 {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(v.Lo))
		return netip.AddrFrom4(b)
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], v.Hi)
	binary.BigEndian.PutUint64(b[8:], v.Lo)
	return netip.AddrFrom16(b)
}

// Union returns s ∪ o.
func (s AddrSet) Union(o AddrSet) AddrSet {
	return AddrSet{union(s.V4, o.V4), union(s.V6, o.V6)}
}

// Complement returns every address not in s.
func (s AddrSet) Complement() AddrSet {
	return AddrSet{complement(s.V4.normalize(), max4), complement(s.V6.normalize(), max6)}
}

// Minus returns s \ o.
func (s AddrSet) Minus(o AddrSet) AddrSet {
	return AddrSet{minus(s.V4, o.V4, max4), minus(s.V6, o.V6, max6)}
}

// Empty reports whether s holds no address.
func (s AddrSet) Empty() bool { return len(s.V4) == 0 && len(s.V6) == 0 }

// IsAny reports whether s holds every address.
func (s AddrSet) IsAny() bool {
	return len(s.V4) == 1 && s.V4[0] == Span{Hi: max4} && len(s.V6) == 1 && s.V6[0] == Span{Hi: max6}
}

// Contains reports whether a is in s.
func (s AddrSet) Contains(a netip.Addr) bool {
	a = a.Unmap()
	spans := s.V6
	if a.Is4() {
		spans = s.V4
	}
	v := toU128(a)
	for _, sp := range spans {
		if sp.Lo.cmp(v) <= 0 && v.cmp(sp.Hi) <= 0 {
			return true
		}
	}
	return false
}

// Prefixes returns s as the shortest sorted list of CIDR prefixes, IPv4
// first.
func (s AddrSet) Prefixes() []netip.Prefix {
	var out []netip.Prefix
	for _, fam := range []struct {
		spans Spans
		width int
	}{{s.V4, 32}, {s.V6, 128}} {
		for _, sp := range fam.spans {
			for _, b := range sp.blocks(fam.width) {
				out = append(out, netip.PrefixFrom(fromU128(b.start, fam.width == 32), fam.width-b.host))
			}
		}
	}
	return out
}

func (s AddrSet) String() string {
	switch {
	case s.IsAny():
		return "any"
	case s.Empty():
		return "none"
	}
	var parts []string
	for _, p := range s.Prefixes() {
		parts = append(parts, p.String())
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// Covers reports whether every address of p is in s.
func (s AddrSet) Covers(p netip.Prefix) bool {
	p = p.Masked()
	spans := s.V6
	if p.Addr().Is4() {
		spans = s.V4
	}
	lo := toU128(p.Addr())
	hi := lo.or(lowMask(p.Addr().BitLen() - p.Bits()))
	for _, sp := range spans {
		if sp.Lo.cmp(lo) <= 0 && hi.cmp(sp.Hi) <= 0 {
			return true
		}
	}
	return false
}
