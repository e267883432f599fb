package ir

// FragBits tests the IPv4 fragmentation bits: 1 more fragments, 2 don't
// fragment, 4 reserved. Mod is "" (exactly these), "+" (these and at
// least one other), "*" (any of these) or "!" (not all of these), as
// Suricata 8 matches them.
type FragBits struct {
	Bits uint8
	Mod  string
}

func (m *FragBits) Kind() string { return "fragbits" }
func (m *FragBits) Buf() Buffer  { return Buffer{Name: "pkt.hdr"} }

// Holds reports whether the packet's bits b satisfy m.
func (m *FragBits) Holds(b uint8) bool {
	switch m.Mod {
	case "+":
		return b&m.Bits == m.Bits && b != m.Bits
	case "*":
		return b&m.Bits != 0
	case "!":
		return b&m.Bits != m.Bits
	}
	return b == m.Bits
}
