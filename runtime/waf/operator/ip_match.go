package operator

import (
	"fmt"
	"net/netip"
	"strings"
)

// @ipMatch tests the value, an address, against the addresses and
// prefixes of its argument (which the compiler collected in Spec.Phrases).
// IPv4 addresses mapped into IPv6 count as IPv4, on both sides.
func init() { register("ipMatch", newIPMatch) }

type ipMatch []netip.Prefix

func newIPMatch(s Spec) (Operator, error) {
	items := s.Phrases
	if len(items) == 0 {
		items = strings.Split(s.Arg, ",")
	}
	var m ipMatch
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		p, err := netip.ParsePrefix(it)
		if err != nil {
			a, aerr := netip.ParseAddr(it)
			if aerr != nil {
				return nil, fmt.Errorf("%q is not an address or prefix: %w", it, ErrArg)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		m = append(m, p.Masked())
	}
	return m, nil
}

func (m ipMatch) Match(_ *Call, v string) bool {
	a, err := netip.ParseAddr(strings.TrimSpace(v))
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range m {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
