package match

import (
	"maps"
	"slices"

	"github.com/rulec/rulec/runtime/inspect"
)

// Group is a set of rules evaluated together on units of one shape, as
// Suricata's signature groups are: a unit runs the prefilters of the
// buffers holding its rules' fast patterns, keeps the hits that are rules
// of the group, and confirms those and the group's rules without a usable
// literal. Nothing a unit does is proportional to the group's size. A
// group is safe for concurrent use.
type Group struct {
	e      *Engine
	member []uint64 // bitset by rule index
	scans  []scan   // by prefilter key holding a member's fast pattern
	noFast []int    // members without a prefilter pattern
	joints joints
}

// NewGroup makes a group of rules (indices into the rules given to
// Compile); rejected and out of range indices are left out.
func (e *Engine) NewGroup(rules []int) *Group {
	g := &Group{e: e, member: make([]uint64, (len(e.rules)+63)/64)}
	pats := map[int][]int32{}
	for _, c := range rules {
		if c < 0 || c >= len(e.rules) || e.rules[c] == nil || g.member[c>>6]&(1<<(c&63)) != 0 {
			continue
		}
		g.member[c>>6] |= 1 << (c & 63)
		if r := e.rules[c]; r.fastKey >= 0 {
			pats[r.fastKey] = append(pats[r.fastKey], int32(r.fastPat))
		} else {
			g.noFast = append(g.noFast, c)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(pats)) {
		ids := pats[k]
		slices.Sort(ids)
		g.scans = append(g.scans, e.newScan(k, slices.Compact(ids)))
	}
	slices.Sort(g.noFast)
	return g
}

// NoLiteral returns the group's rules without a prefilter pattern, which
// every unit confirms.
func (g *Group) NoLiteral() []int { return g.noFast }

// Match appends to out the group's rules whose matchers all hold on u, in
// no particular order.
func (g *Group) Match(u *inspect.Unit, out []int) []int {
	return g.MatchEffects(u, out, nil)
}

// MatchEffects is Match that also appends the unit's effects to fx.
func (g *Group) MatchEffects(u *inspect.Unit, out []int, fx *Effects) []int {
	if len(g.scans) == 0 && len(g.noFast) == 0 {
		return out
	}
	e := g.e
	uc := e.acquire(u)
	defer e.release(uc)
	uc.fx = fx
	uc.todo = uc.todo[:0]
	g.scan(uc)
	todo := append(uc.todo, g.noFast...)
	slices.Sort(todo)
	uc.todo = todo
	for _, c := range todo {
		if r := e.rules[c]; uc.admits(r) && uc.eval(r) {
			out = append(out, c)
			if fx != nil {
				for _, cp := range uc.caps {
					cp.Rule = c
					fx.Vars = append(fx.Vars, cp)
				}
			}
		}
	}
	return out
}
