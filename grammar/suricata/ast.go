package suricata

import "github.com/rulec/rulec/diag"

// Rule is one parsed Suricata rule.
type Rule struct {
	Pos      diag.Pos // start of the action
	Disabled bool     // the rule was commented out
	Action   string
	Proto    string
	ProtoPos diag.Pos
	Src      *AddrExpr
	SrcPort  *PortExpr
	Bidir    bool // "<>" rather than "->"
	TxBoth   bool // "=>": a transactional rule over both directions (Suricata 8)
	Dst      *AddrExpr
	DstPort  *PortExpr
	Options  []Option

	SrcPos, SrcPortPos, DstPos, DstPortPos diag.Pos
}

// Option is one "name[:value];" item of a rule's body. Value holds the text
// between the colon and the terminating semicolon, trimmed of surrounding
// white space but otherwise as written (quotes and escapes included).
type Option struct {
	Name     string
	Value    string
	HasValue bool
	Pos      diag.Pos // of the name
	ValuePos diag.Pos // of the first byte of Value
}

// AddrExpr is an address expression: any, a variable, a CIDR or a plain
// address, a range "a-b", or a bracketed list, each possibly negated.
type AddrExpr struct {
	Negated bool
	Any     bool
	Var     string // without the leading $
	IP      string // literal address, CIDR or range start
	RangeTo string // range end, when the expression is "a-b"
	List    []*AddrExpr
	IsList  bool
}

// PortExpr is a port expression: any, a variable, a port, a range "a:b",
// an open range "a:" or ":b", or a bracketed list, each possibly negated.
type PortExpr struct {
	Negated bool
	Any     bool
	Var     string
	Lo, Hi  string // Lo == Hi for a single port; "" for an open end
	IsRange bool
	List    []*PortExpr
	IsList  bool
}
