package engine

import (
	"cmp"
	"slices"
)

// GroupRules are the rules of one family of rule groups that every unit
// of such a group confirms: the rules without a usable literal for the
// prefilter (no buffer matcher, or no content to take a fast pattern
// from).
type GroupRules struct {
	Family string // the unit kind ("packet", "stream") or "app:" and the app protocol, then the IP protocol
	SIDs   []uint64
}

// NoLiteral lists, by family of rule groups, the rules confirmed on every
// unit of their group. A unit's group narrows a family further by port
// classes, reassembly and the rules' flow app protocol; the listing is
// the union.
func (e *Engine) NoLiteral() []GroupRules {
	var all []int
	for i := range e.byMatch {
		if e.user[e.byMatch[i].idx] != nil {
			all = append(all, i)
		}
	}
	noFast := map[int]bool{}
	if len(all) > 0 {
		for _, m := range e.matcher.Group(all).NoLiteral() {
			noFast[e.byMatch[m].idx] = true
		}
	}
	by := map[string][]uint64{}
	for _, u := range e.user {
		if u == nil || (u.matchIdx >= 0 && !noFast[u.idx]) {
			continue
		}
		proto := u.r.Header.Proto.L4
		switch {
		case u.app:
			by["app:"+u.appName+"/"+proto] = append(by["app:"+u.appName+"/"+proto], u.r.Meta.SID)
		case u.payload && u.stream:
			by["stream/"+proto] = append(by["stream/"+proto], u.r.Meta.SID)
			fallthrough
		default:
			by["packet/"+proto] = append(by["packet/"+proto], u.r.Meta.SID)
		}
	}
	var out []GroupRules
	for f, sids := range by {
		slices.Sort(sids)
		out = append(out, GroupRules{f, slices.Compact(sids)})
	}
	slices.SortFunc(out, func(a, b GroupRules) int { return cmp.Compare(a.Family, b.Family) })
	return out
}
