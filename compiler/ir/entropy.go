package ir

// Entropy is Suricata 8's entropy keyword: the Shannon entropy, in bits
// per byte, of the buffer's Bytes bytes from Offset (0: the rest of the
// buffer; a part past the buffer's end fails) compared with Value. Every
// evaluation, matching or not, stores the value in the flow under Var,
// Suricata's name of the buffer ("content" for the payload), which EVE
// logs in metadata.entropy.
type Entropy struct {
	Buffer        Buffer
	Offset, Bytes int
	Value         FloatCmp
	Var           string
}

func (m *Entropy) Kind() string { return "entropy" }
func (m *Entropy) Buf() Buffer  { return m.Buffer }

// FloatCmp is a floating-point comparison as Suricata's float keywords
// parse it: Op is one of = != < <= > >=, "<>" for the open range
// A < x < B, or "!<>" for its complement x <= A || x >= B.
type FloatCmp struct {
	Op   string
	A, B float64
}

// FloatOps are the operators of a FloatCmp.
var FloatOps = []string{"=", "!=", "<", "<=", ">", ">=", "<>", "!<>"}

// Holds reports whether v satisfies the comparison.
func (c FloatCmp) Holds(v float64) bool {
	switch c.Op {
	case "=":
		return v == c.A
	case "!=":
		return v != c.A
	case "<":
		return v < c.A
	case "<=":
		return v <= c.A
	case ">":
		return v > c.A
	case ">=":
		return v >= c.A
	case "<>":
		return v > c.A && v < c.B
	case "!<>":
		return v <= c.A || v >= c.B
	}
	return false
}
