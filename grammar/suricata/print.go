package suricata

import "strings"

// Format prints r in canonical form: single spaces between header fields,
// canonical address and port expressions, and every option as written.
// Parsing the result gives back the same rule.
func Format(r *Rule) string {
	var b strings.Builder
	if r.Disabled {
		b.WriteString("# ")
	}
	dir := " -> "
	if r.Bidir {
		dir = " <> "
	}
	if r.TxBoth {
		dir = " => "
	}
	b.WriteString(r.Action + " " + r.Proto + " ")
	b.WriteString(r.Src.String() + " " + r.SrcPort.String() + dir)
	b.WriteString(r.Dst.String() + " " + r.DstPort.String() + " (")
	for i, o := range r.Options {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(o.Name)
		if o.HasValue {
			b.WriteByte(':')
			b.WriteString(o.Value)
		}
		b.WriteByte(';')
	}
	b.WriteByte(')')
	return b.String()
}

func (e *AddrExpr) String() string {
	var b strings.Builder
	if e.Negated {
		b.WriteByte('!')
	}
	switch {
	case e.IsList:
		b.WriteByte('[')
		for i, c := range e.List {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(c.String())
		}
		b.WriteByte(']')
	case e.Any:
		b.WriteString("any")
	case e.Var != "":
		b.WriteString("$" + e.Var)
	default:
		b.WriteString(e.IP)
		if e.RangeTo != "" {
			b.WriteString("-" + e.RangeTo)
		}
	}
	return b.String()
}

func (e *PortExpr) String() string {
	var b strings.Builder
	if e.Negated {
		b.WriteByte('!')
	}
	switch {
	case e.IsList:
		b.WriteByte('[')
		for i, c := range e.List {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(c.String())
		}
		b.WriteByte(']')
	case e.Any:
		b.WriteString("any")
	case e.Var != "":
		b.WriteString("$" + e.Var)
	case e.IsRange:
		b.WriteString(e.Lo + ":" + e.Hi)
	default:
		b.WriteString(e.Lo)
	}
	return b.String()
}
