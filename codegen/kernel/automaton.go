package kernel

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"

	"github.com/rulec/rulec/codegen/ac"
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

// buildAutomaton compiles the items' folded patterns with the shared
// Aho-Corasick compiler and lays the DFA out as the classifier reads it:
// states numbered breadth first, AcceptBit on transitions into states
// with outputs, outputs as sorted item ids.
func buildAutomaton(items []Item) (Automaton, error) {
	keys := make([][]byte, len(items))
	for i, it := range items {
		k := make([]byte, len(it.Pattern))
		for j, c := range it.Pattern {
			k[j] = fold(c)
		}
		keys[i] = k
	}
	d := ac.Build(keys, true)
	if d.States() > MaxStates {
		return Automaton{}, fmt.Errorf("automaton of %d states exceeds %d", d.States(), MaxStates)
	}
	a := Automaton{Class: d.Class, NClasses: d.NClasses, NStates: d.States()}
	number := make([]uint32, d.States())
	for i, s := range d.Order {
		number[s] = uint32(i)
	}
	a.Delta = make([]uint32, a.NStates*a.NClasses)
	a.OutStart = make([]uint32, a.NStates+1)
	for i, s := range d.Order {
		for cl, n := range d.Next[int(s)*a.NClasses : int(s+1)*a.NClasses] {
			v := number[n]
			if len(d.Out[n]) > 0 {
				v |= AcceptBit
			}
			a.Delta[i*a.NClasses+cl] = v
		}
		out := slices.Clone(d.Out[s])
		slices.SortFunc(out, func(x, y uint32) int { return cmp.Compare(x, y) })
		out = slices.Compact(out)
		a.OutItems = append(a.OutItems, out...)
		a.OutStart[i+1] = uint32(len(a.OutItems))
		a.MaxOutput = max(a.MaxOutput, len(out))
	}
	return a, nil
}
