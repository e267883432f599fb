package engine

import (
	"bytes"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/match"
)

// applyEntropy stores the entropy values the unit's rules computed in
// its flow, as Suricata's entropy keyword does whether its rule matched.
func applyEntropy(fx *match.Effects, f *inspect.Flow) {
	for _, v := range fx.Entropy {
		f.Floats = inspect.SetFloat(f.Floats, v.Var, v.Value)
	}
}

// applyCaptures stores the variables rule m's pcre captures set (the
// matcher's index m), as Suricata's post-match does: flow variables in
// the flow, packet ones in the packet being decided (own).
func (e *Engine) applyCaptures(fx *match.Effects, m int, f *inspect.Flow, own bool) {
	for _, c := range fx.Vars {
		if c.Rule != m {
			continue
		}
		switch {
		case c.Scope == "flow":
			f.Vars = inspect.SetVar(f.Vars, c.Name, c.Value)
		case !own:
		case c.Name == "":
			e.fate.pktVars = append(e.fate.pktVars, inspect.Var{Key: c.Key, Value: c.Value})
		default:
			e.fate.pktVars = inspect.SetVar(e.fate.pktVars, c.Name, c.Value)
		}
	}
}

// varHolds checks flowvar and pktvar: the variable is set and contains
// the content.
func (e *Engine) varHolds(m *ir.VarMatch, u *inspect.Unit) bool {
	vars := u.Flow.Vars
	if m.Scope == "pkt" {
		if u.Flow != e.fate.flow {
			return false
		}
		vars = e.fate.pktVars
	}
	v, ok := inspect.GetVar(vars, m.Name)
	return ok && bytes.Contains(v, m.Content)
}
