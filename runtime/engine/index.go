package engine

import (
	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/inspect"
)

// index precomputes what every unit would otherwise recompute: which
// slots can matter for each kind of unit and, for app-layer units, each
// app protocol (a rule's forward slot, or both of a bidirectional one, by
// the units the rule inspects), and the rules' inspection order.
func (e *Engine) index() {
	t := e.obj.Kernel
	for k := range e.kindSlots {
		e.kindSlots[k] = t.NewBitset()
	}
	e.appSlots = map[string]kernel.Bitset{}
	for i, s := range t.Slots {
		u := e.user[s.Rule]
		if u == nil || (i != e.firstSlot[s.Rule] && !u.r.Header.Bidir) {
			continue
		}
		switch {
		case u.app:
			if e.appSlots[u.appName] == nil {
				e.appSlots[u.appName] = t.NewBitset()
			}
			t.Set(e.appSlots[u.appName], i)
		case u.payload && u.stream:
			t.Set(e.kindSlots[inspect.KindStream], i)
			t.Set(e.kindSlots[inspect.KindPacket], i)
		default:
			t.Set(e.kindSlots[inspect.KindPacket], i)
		}
	}
	var users []*urule
	for _, u := range e.user {
		if u != nil {
			users = append(users, u)
		}
	}
	sortRules(users)
	e.rank = make([]int, len(e.user))
	for i, u := range users {
		e.rank[u.idx] = i
	}
	e.stamp = make([]uint64, len(e.user))
}
