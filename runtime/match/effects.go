package match

// Effects is what matching a unit leaves besides the rules that matched,
// for the caller to apply to the flow and packet: the entropy values the
// entropy keyword computed (in evaluation order, whether its rule matched
// or not, as Suricata stores them) and the variables the pcre captures of
// matched rules set.
type Effects struct {
	Entropy []EntropyValue
	Vars    []Capture
}

// EntropyValue is one entropy computed on the buffer Suricata names Var.
type EntropyValue struct {
	Var   string
	Value float64
}

// Capture is a variable a matched rule's pcre captured: Scope "flow" or
// "pkt", named Name, or for a pkt key/value capture (Name "") keyed by
// Key. Key and Value are copies, at most MaxVarLen bytes (a key at most
// MaxKeyLen).
type Capture struct {
	Rule       int
	Scope      string
	Name       string
	Key, Value []byte
}

// Suricata's bounds of a captured variable.
const (
	MaxVarLen = 0xffff
	MaxKeyLen = 0xff
)

// Reset empties x for the next unit, keeping its room.
func (x *Effects) Reset() {
	x.Entropy = x.Entropy[:0]
	x.Vars = x.Vars[:0]
}
