package engine

import (
	"sort"

	"github.com/rulec/rulec/codegen/kernel"
	"github.com/rulec/rulec/runtime/inspect"
)

// slotRules are the userspace rules worth evaluating on one kind of unit
// (or, for app-layer units, one app protocol), by the header-shape slot
// that selects them (kernel.Tables.ShapeRules).
type slotRules struct {
	mask  kernel.Bitset
	rules [][]*urule // by slot
}

func (e *Engine) newSlotRules() *slotRules {
	t := e.obj.Kernel
	return &slotRules{mask: t.NewBitset(), rules: make([][]*urule, t.NSlots)}
}

func (s *slotRules) add(t *kernel.Tables, slot int, u *urule) {
	t.Set(s.mask, slot)
	s.rules[slot] = append(s.rules[slot], u)
}

// index precomputes what every unit would otherwise recompute: which
// rules can matter for each kind of unit and, for app-layer units, each
// app protocol, by header shape, and the rules' inspection order.
func (e *Engine) index() {
	t := e.obj.Kernel
	for k := range e.kindRules {
		e.kindRules[k] = e.newSlotRules()
	}
	e.appRules = map[string]*slotRules{}
	e.ruleSlots = make([][]int, len(e.user))
	for slot, rules := range t.ShapeRules {
		for _, r := range rules {
			u := e.user[r]
			if u != nil {
				e.ruleSlots[r] = append(e.ruleSlots[r], slot)
			}
			switch {
			case u == nil:
			case u.kernelApp:
				if e.undecidedRules == nil {
					e.undecidedRules = e.newSlotRules()
				}
				e.undecidedRules.add(t, slot, u)
			case u.app || u.frame:
				key := u.appName
				switch {
				case u.frame:
					key = frameRulesKey(key)
				case u.state:
					key = stateRulesKey(key)
				}
				if e.appRules[key] == nil {
					e.appRules[key] = e.newSlotRules()
				}
				e.appRules[key].add(t, slot, u)
			case u.payload && u.stream:
				e.kindRules[inspect.KindStream].add(t, slot, u)
				e.kindRules[inspect.KindPacket].add(t, slot, u)
			default:
				e.kindRules[inspect.KindPacket].add(t, slot, u)
				if u.pseudo {
					e.kindRules[inspect.KindPseudo].add(t, slot, u)
				}
			}
		}
	}
	e.appKeys = e.appKeys[:0]
	for key := range e.appRules {
		e.appKeys = append(e.appKeys, key)
	}
	sort.Strings(e.appKeys)
	for slot, s := range t.Slots {
		if s.Userspace {
			continue
		}
		if u := e.user[s.Rule]; u != nil && u.kernelApp {
			if e.undecidedRules == nil {
				e.undecidedRules = e.newSlotRules()
			}
			e.undecidedRules.add(t, slot, u)
			e.ruleSlots[s.Rule] = append(e.ruleSlots[s.Rule], slot)
		}
	}
	// every rule has a rank: a packet's kernel and userspace matches
	// are finalized together, in this order
	all := make([]*urule, len(e.user))
	for i, u := range e.user {
		if u == nil {
			u, _ = prepare(i, e.obj.Rules[i])
		}
		all[i] = u
	}
	sortRules(all, e.opts.ActionOrder)
	e.rank = make([]int, len(e.user))
	for i, u := range all {
		e.rank[u.idx] = i
		if e.user[u.idx] != nil && deOnly(u) {
			e.deOnly = append(e.deOnly, u)
		}
	}
}

// frameRulesKey is the appRules key of a protocol's frame rules.
func frameRulesKey(app string) string { return "frame:" + app }

// stateRulesKey is the appRules key of a protocol's progress rules.
func stateRulesKey(app string) string { return "state:" + app }

// kernelAppRules marks the kernel rules that inspect an app-layer buffer
// the classifier parses, so that userspace decides them on the packets
// the classifier copies up undecided.
func kernelAppRules(t *kernel.Tables, nrules int) []bool {
	app := make([]bool, nrules)
	for _, s := range t.Slots {
		if !s.Userspace && int(s.Rule) < nrules && s.Buffer != kernel.BufPayload {
			app[s.Rule] = true
		}
	}
	return app
}
