package ir

// Holds reports whether v satisfies the comparison.
func (c Cmp) Holds(v int64) bool {
	switch c.Op {
	case "=":
		return v == c.A
	case "!=":
		return v != c.A
	case "<":
		return v < c.A
	case ">":
		return v > c.A
	case "<=":
		return v <= c.A
	case ">=":
		return v >= c.A
	case "<>":
		return c.A < v && v < c.B
	case "<=>":
		return c.A <= v && v <= c.B
	case "&": // a bit of A is set
		return v&c.A != 0
	case "!&": // a bit is set, none of A
		return v != 0 && v&c.A == 0
	}
	return false
}

// Holds reports whether a TCP flags byte satisfies the flags keyword.
func (m *TCPFlags) Holds(flags uint8) bool {
	f := flags &^ m.Ignore
	switch m.Mod {
	case "+":
		return f&m.Flags == m.Flags
	case "*":
		return f&m.Flags != 0
	case "!":
		return f&m.Flags != m.Flags
	}
	return f == m.Flags
}
