package ac

import (
	dfa "github.com/rulec/rulec/codegen/ac"
	"github.com/rulec/rulec/runtime/match/internal/ascii"
)

// automaton is the dense DFA of the short patterns: every state's row
// lives in one table whose entries are the next state's row offset in
// units of rows' alignment, so a step is one class lookup, one table load
// and one shift; states with outputs are numbered last, so a single
// comparison tells whether a step ended a pattern. Rows are padded to a
// multiple of align entries; the table is []uint16 when every offset
// fits, halving the cache lines a walk touches, and []uint32 otherwise.
type automaton struct {
	class   [256]uint8
	stride  uint32   // entries per row, a multiple of align
	delta16 []uint16 // row offset>>alignBits of the next state, by row offset + class
	delta32 []uint32 // the same when an offset does not fit 16 bits
	accept  uint32   // row offsets at or past accept have outputs
	out     []uint32 // per accepting state: start of its ids in outIDs
	outIDs  []uint32 // pattern indexes
	overlap int      // bytes a segment's walk starts before the segment
}

// Rows start at multiples of align entries.
const (
	alignBits = 5
	align     = 1 << alignBits
)

// newAutomaton compiles the case-sensitive patterns cs and the nocase
// patterns nc of pats into one exact automaton: the product of a
// case-sensitive automaton and a folded one (a case-sensitive pattern in
// a folded automaton would have to be confirmed on every hit of another
// case).
func newAutomaton(pats []Pattern, cs, nc []uint32) *automaton {
	a := &automaton{}
	keys := func(ids []uint32, fold bool) [][]byte {
		ks := make([][]byte, len(ids))
		for i, id := range ids {
			ks[i] = pats[id].Bytes
			a.overlap = max(a.overlap, len(ks[i])-1)
			if fold {
				ks[i] = ascii.ToLower(ks[i])
			}
		}
		return ks
	}
	var d *dfa.DFA
	switch {
	case len(nc) == 0:
		d = dfa.Build(keys(cs, false), false)
	case len(cs) == 0:
		d = dfa.Build(keys(nc, true), true)
	default:
		d = product(dfa.Build(keys(cs, false), false), dfa.Build(keys(nc, true), true), uint32(len(cs)))
	}
	a.class, a.stride = d.Class, (uint32(d.NClasses)+align-1)&^(align-1)
	a.compile(d, append(append([]uint32(nil), cs...), nc...))
	return a
}

// compile renumbers the trie's states so that accepting states come last
// and lays the rows out with premultiplied offsets.
func (a *automaton) compile(t *dfa.DFA, ids []uint32) {
	n := uint32(len(t.Out))
	num := make([]uint32, n)
	plain, last := uint32(0), n
	for _, s := range t.Order {
		if len(t.Out[s]) == 0 {
			num[s] = plain
			plain++
		}
	}
	for _, s := range t.Order {
		if len(t.Out[s]) > 0 {
			num[s] = plain + (n - last)
			last--
		}
	}
	stride, classes := a.stride, uint32(t.NClasses)
	a.accept = plain * stride
	if n*stride>>alignBits <= 1<<16 {
		a.delta16 = make([]uint16, int(n*stride))
	} else {
		a.delta32 = make([]uint32, int(n*stride))
	}
	for s := range n {
		row := num[s] * stride
		for c, to := range t.Next[s*classes : (s+1)*classes] {
			next := num[to] * stride >> alignBits
			if a.delta16 != nil {
				a.delta16[row+uint32(c)] = uint16(next)
			} else {
				a.delta32[row+uint32(c)] = next
			}
		}
	}
	a.out = make([]uint32, n-plain+1)
	for s := range n {
		if k := num[s]; k >= plain {
			a.out[k-plain+1] = uint32(len(t.Out[s]))
		}
	}
	for i := 1; i < len(a.out); i++ {
		a.out[i] += a.out[i-1]
	}
	a.outIDs = make([]uint32, a.out[len(a.out)-1])
	for s := range n {
		if k := num[s]; k >= plain {
			for j, key := range t.Out[s] {
				a.outIDs[a.out[k-plain]+uint32(j)] = ids[key]
			}
		}
	}
}

func (a *automaton) size() int {
	return 2*len(a.delta16) + 4*(len(a.delta32)+len(a.out)+len(a.outIDs))
}
