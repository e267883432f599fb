package ir

// canonical reports whether s is sorted, disjoint, non-adjacent and within
// [0, max], the form every set operation produces.
func (s Spans) canonical(max U128) bool {
	for i, sp := range s {
		if sp.Lo.cmp(sp.Hi) > 0 || sp.Hi.cmp(max) > 0 {
			return false
		}
		if i > 0 && (s[i-1].Hi.cmp(sp.Lo) >= 0 || s[i-1].Hi.add1() == sp.Lo) {
			return false
		}
	}
	return true
}

// Canonical reports whether s is in the form the set operations produce:
// what a decoded set must be before it is used.
func (s AddrSet) Canonical() bool { return s.V4.canonical(max4) && s.V6.canonical(max6) }

// Canonical reports whether s is in the form the set operations produce.
func (s PortSet) Canonical() bool { return s.Spans.canonical(U128{Lo: maxPort}) }
