package kernel

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"

	kernelgen "github.com/rulec/rulec/codegen/kernel"
)

// rule is one slot of a hand-built rule set and its header sets; a nil
// set matches anything.
type rule struct {
	kernelgen.Slot // ItemStart and ItemCount are set by build
	src, dst       []netip.Prefix
	protos         []uint8
	sports, dports []portRange
	items          []itemRef
}

type portRange struct{ lo, hi uint16 }

type itemRef struct {
	kernelgen.Item
	negated bool
}

var anyPrefixes = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0"), netip.MustParsePrefix("::/0")}

func orAny(p []netip.Prefix) []netip.Prefix {
	if p == nil {
		return anyPrefixes
	}
	return p
}

// build computes the tables of rules as the generator would.
func build(rules []rule) *kernelgen.Tables {
	nw := max(1, (len(rules)+63)/64)
	t := &kernelgen.Tables{NSlots: len(rules), NWords: nw, NSummary: (nw + 63) / 64}
	bs := bitsets{nsummary: t.NSummary, nwords: nw}
	src := func(r rule) []netip.Prefix { return orAny(r.src) }
	dst := func(r rule) []netip.Prefix { return orAny(r.dst) }
	t.SrcV4, t.SrcV6 = bs.prefixes(rules, src, true), bs.prefixes(rules, src, false)
	t.DstV4, t.DstV6 = bs.prefixes(rules, dst, true), bs.prefixes(rules, dst, false)
	for p := range t.Proto {
		t.Proto[p] = bs.of(rules, func(r rule) bool { return r.protos == nil || slices.Contains(r.protos, uint8(p)) })
	}
	t.SportClass, t.SportBits = bs.ports(rules, func(r rule) []portRange { return r.sports })
	t.DportClass, t.DportBits = bs.ports(rules, func(r rule) []portRange { return r.dports })

	ids := map[string]uint32{}
	for _, r := range rules {
		s := r.Slot
		s.ItemStart, s.ItemCount = uint32(len(t.SlotItems)), uint32(len(r.items))
		for _, it := range r.items {
			key := fmt.Sprintf("%q %v %d %d %v %v", it.Pattern, it.Nocase, it.Offset, it.Depth, it.StartsWith, it.EndsWith)
			id, ok := ids[key]
			if !ok {
				id = uint32(len(t.Items))
				ids[key] = id
				t.Items = append(t.Items, it.Item)
			}
			if it.negated {
				id |= kernelgen.ItemNegated
			}
			t.SlotItems = append(t.SlotItems, id)
		}
		t.Slots = append(t.Slots, s)
	}
	t.Automaton = automaton(t.Items)
	return t
}

type bitsets struct{ nsummary, nwords int }

func (b bitsets) empty() kernelgen.Bitset { return make(kernelgen.Bitset, b.nsummary+b.nwords) }

func (b bitsets) add(set kernelgen.Bitset, i int) {
	set[b.nsummary+i/64] |= 1 << (i % 64)
	set[i/64/64] |= 1 << (i / 64 % 64)
}

func (b bitsets) of(rules []rule, in func(rule) bool) kernelgen.Bitset {
	set := b.empty()
	for i, r := range rules {
		if in(r) {
			b.add(set, i)
		}
	}
	return set
}

// prefixes gives every prefix of the family the slots whose prefixes
// contain it, so a longest-prefix match yields the slots of an address.
func (b bitsets) prefixes(rules []rule, sel func(rule) []netip.Prefix, v4 bool) []kernelgen.PrefixBits {
	owners := map[netip.Prefix][]int{}
	for i, r := range rules {
		for _, p := range sel(r) {
			if p = p.Masked(); p.Addr().Is4() == v4 {
				owners[p] = append(owners[p], i)
			}
		}
	}
	var out []kernelgen.PrefixBits
	for p := range owners {
		set := b.empty()
		for bits := p.Bits(); bits >= 0; bits-- {
			for _, i := range owners[netip.PrefixFrom(p.Addr(), bits).Masked()] {
				b.add(set, i)
			}
		}
		out = append(out, kernelgen.PrefixBits{Prefix: p, Bits: set})
	}
	slices.SortFunc(out, func(x, y kernelgen.PrefixBits) int {
		return cmp.Or(x.Prefix.Addr().Compare(y.Prefix.Addr()), cmp.Compare(x.Prefix.Bits(), y.Prefix.Bits()))
	})
	return out
}

// ports sweeps 0..65535, cutting where a range starts or ends, and gives
// equal slot sets one class.
func (b bitsets) ports(rules []rule, sel func(rule) []portRange) ([]kernelgen.PortClass, []kernelgen.Bitset) {
	delta := map[int][]int{} // cut -> +1+i (range starts) or -1-i (ends)
	active := make([]int, len(rules))
	for i, r := range rules {
		if sel(r) == nil {
			active[i] = 1
		}
		for _, pr := range sel(r) {
			delta[int(pr.lo)] = append(delta[int(pr.lo)], 1+i)
			delta[int(pr.hi)+1] = append(delta[int(pr.hi)+1], -1-i)
		}
	}
	cuts := []int{0, 1 << 16}
	for c := range delta {
		cuts = append(cuts, c)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var classes []kernelgen.PortClass
	var sets []kernelgen.Bitset
	ids := map[string]uint32{}
	for k := 0; k+1 < len(cuts); k++ {
		for _, d := range delta[cuts[k]] {
			if d > 0 {
				active[d-1]++
			} else {
				active[-d-1]--
			}
		}
		set := b.empty()
		for i, n := range active {
			if n > 0 {
				b.add(set, i)
			}
		}
		key := fmt.Sprint(set)
		id, ok := ids[key]
		if !ok {
			id = uint32(len(sets))
			ids[key] = id
			sets = append(sets, set)
		}
		if n := len(classes); n > 0 && classes[n-1].Class == id {
			classes[n-1].Hi = uint16(cuts[k+1] - 1)
			continue
		}
		classes = append(classes, kernelgen.PortClass{Lo: uint16(cuts[k]), Hi: uint16(cuts[k+1] - 1), Class: id})
	}
	return classes, sets
}

func fold(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// automaton builds the Aho-Corasick DFA of the items' folded patterns,
// one byte class per folded byte they use and class 0 for the rest.
func automaton(items []kernelgen.Item) kernelgen.Automaton {
	var a kernelgen.Automaton
	a.NClasses = 1
	for _, it := range items {
		for _, c := range it.Pattern {
			if f := fold(c); a.Class[f] == 0 {
				a.Class[f] = uint8(a.NClasses)
				a.NClasses++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		a.Class[c] = a.Class[c+'a'-'A']
	}
	trie := [][]int32{make([]int32, a.NClasses)}
	outs := [][]uint32{nil}
	for id, it := range items {
		s := int32(0)
		for _, c := range it.Pattern {
			cl := a.Class[c]
			if trie[s][cl] == 0 {
				trie[s][cl] = int32(len(trie))
				trie = append(trie, make([]int32, a.NClasses))
				outs = append(outs, nil)
			}
			s = trie[s][cl]
		}
		outs[s] = append(outs[s], uint32(id))
	}
	// Breadth-first: a state's failure state is shallower, so its row and
	// outputs are final when the state is reached.
	fail := make([]int32, len(trie))
	delta := make([][]int32, len(trie))
	delta[0] = trie[0]
	queue := []int32{}
	for _, next := range trie[0] {
		if next != 0 {
			queue = append(queue, next)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		outs[s] = append(outs[s], outs[fail[s]]...)
		delta[s] = make([]int32, a.NClasses)
		for c, next := range trie[s] {
			if next == 0 {
				delta[s][c] = delta[fail[s]][c]
				continue
			}
			delta[s][c] = next
			fail[next] = delta[fail[s]][c]
			queue = append(queue, next)
		}
	}
	a.NStates = len(trie)
	a.OutStart = []uint32{0}
	for s := range a.NStates {
		for _, next := range delta[s] {
			d := uint32(next)
			if len(outs[next]) > 0 {
				d |= kernelgen.AcceptBit
			}
			a.Delta = append(a.Delta, d)
		}
		a.OutItems = append(a.OutItems, outs[s]...)
		a.OutStart = append(a.OutStart, uint32(len(a.OutItems)))
		a.MaxOutput = max(a.MaxOutput, len(outs[s]))
	}
	return a
}
