package kernel

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"
)

func trailing(x uint64) int { return bits.TrailingZeros64(x) }

// fold lower-cases ASCII letters, as the automaton sees the payload.
func fold(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// MaxStates bounds the automaton the classifier is generated for.
const MaxStates = 1 << 20

// buildAutomaton compiles the items' folded patterns into a DFA.
func buildAutomaton(items []Item) (Automaton, error) {
	var a Automaton
	used := [256]bool{}
	for _, it := range items {
		for _, c := range it.Pattern {
			used[fold(c)] = true
		}
	}
	a.NClasses = 1
	for c := 0; c < 256; c++ {
		if used[c] {
			a.Class[c] = uint8(a.NClasses)
			a.NClasses++
		}
	}
	if a.NClasses > 256 {
		return a, fmt.Errorf("automaton needs %d byte classes, the classifier has 256", a.NClasses)
	}
	for c := 'A'; c <= 'Z'; c++ {
		a.Class[c] = a.Class[c+'a'-'A']
	}

	// The trie, with outputs per node, built in item order.
	type node struct {
		next map[uint8]int
		out  []uint32
	}
	trie := []node{{next: map[uint8]int{}}}
	for id, it := range items {
		s := 0
		for _, c := range it.Pattern {
			cl := a.Class[c]
			n, ok := trie[s].next[cl]
			if !ok {
				n = len(trie)
				trie = append(trie, node{next: map[uint8]int{}})
				trie[s].next[cl] = n
			}
			s = n
		}
		trie[s].out = append(trie[s].out, uint32(id))
		if len(trie) > MaxStates {
			return a, fmt.Errorf("automaton exceeds %d states", MaxStates)
		}
	}

	// Breadth-first numbering, failure links and the full transition table.
	order := []int{0}
	number := make([]int, len(trie))
	fail := make([]int, len(trie))
	delta := make([][]int, len(trie))
	for i := 0; i < len(order); i++ {
		s := order[i]
		number[s] = i
		delta[s] = make([]int, a.NClasses)
		for cl := 0; cl < a.NClasses; cl++ {
			n, ok := trie[s].next[uint8(cl)]
			switch {
			case ok:
				if s != 0 {
					fail[n] = delta[fail[s]][cl]
				}
				trie[n].out = append(trie[n].out, trie[fail[n]].out...)
				delta[s][cl] = n
				order = append(order, n)
			case s != 0:
				delta[s][cl] = delta[fail[s]][cl]
			}
		}
	}
	a.NStates = len(order)
	a.Delta = make([]uint32, a.NStates*a.NClasses)
	a.OutStart = make([]uint32, a.NStates+1)
	for i, s := range order {
		for cl, n := range delta[s] {
			v := uint32(number[n])
			if len(trie[n].out) > 0 {
				v |= AcceptBit
			}
			a.Delta[i*a.NClasses+cl] = v
		}
		out := slices.Clone(trie[s].out)
		slices.SortFunc(out, func(x, y uint32) int { return cmp.Compare(x, y) })
		out = slices.Compact(out)
		a.OutItems = append(a.OutItems, out...)
		a.OutStart[i+1] = uint32(len(a.OutItems))
		a.MaxOutput = max(a.MaxOutput, len(out))
	}
	return a, nil
}
