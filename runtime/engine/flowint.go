package engine

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// flowintHolds checks a flowint condition as Suricata does: a comparison
// needs its variable set (an unset operand variable counts as 0).
func flowintHolds(b *ir.Bit, f *inspect.Flow) bool {
	v, set := f.Ints[b.Names[0]]
	switch b.Cmd {
	case "isset":
		return set
	case "isnotset":
		return !set
	}
	if !set {
		return false
	}
	t := operand(b, f)
	switch b.Cmd {
	case "==":
		return v == t
	case "!=":
		return v != t
	case "<":
		return v < t
	case "<=":
		return v <= t
	case ">":
		return v > t
	}
	return v >= t
}

// flowintCond reports whether the operation is a condition.
func flowintCond(b *ir.Bit) bool { return b.Kind == "flowint" && !b.Sets() }

// applyFlowint performs =, + or - of a matched rule; + on an unset
// variable starts it at the operand, - on one does nothing. Values wrap
// at 32 bits.
func applyFlowint(b *ir.Bit, f *inspect.Flow) {
	name := b.Names[0]
	t := operand(b, f)
	v, set := f.Ints[name]
	switch {
	case b.Cmd == "=":
		v = t
	case b.Cmd == "+":
		v += t
	case b.Cmd == "-" && set:
		v -= t
	default:
		return
	}
	if f.Ints == nil {
		f.Ints = map[string]uint32{}
	}
	f.Ints[name] = v
}

func operand(b *ir.Bit, f *inspect.Flow) uint32 {
	if b.Var != "" {
		return f.Ints[b.Var]
	}
	return b.Value
}
