package engine

import (
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// atHook reports whether a rule hooked to a progress state
// (ir.Rule.StateHook) sees its transaction at that state: Suricata keeps
// no state of such a match, so it matches again on the next inspection;
// past the state it matches once.
func atHook(c *urule, u *inspect.Unit) bool {
	if !c.r.StateHook {
		return false
	}
	for _, m := range c.conds {
		if f, ok := m.(*ir.Field); ok && f.Cmp.Op == ">=" && ir.IsStateField(f.Name) {
			return slices.Contains(u.Codes[f.Name], f.Cmp.A)
		}
	}
	return false
}
