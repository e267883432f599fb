package ac

import dfa "github.com/rulec/rulec/codegen/ac"

// product returns the automaton that runs x and y side by side: its
// states are the pairs of their states reachable from their roots, its
// byte classes the pairs of their classes, and a state's outputs those
// of both halves, y's keys numbered after x's nx keys. Built from a case-sensitive and a folded automaton, it
// matches both sets exactly in one walk, which neither could alone.
func product(x, y *dfa.DFA, nx uint32) *dfa.DFA {
	p := &dfa.DFA{}
	type pair struct{ a, b uint8 }
	classes := map[pair]uint8{}
	var rep []int // a byte of each class
	for c := range 256 {
		k := pair{x.Class[c], y.Class[c]}
		id, ok := classes[k]
		if !ok {
			id = uint8(len(rep))
			classes[k] = id
			rep = append(rep, c)
		}
		p.Class[c] = id
	}
	p.NClasses = len(rep)
	type state struct{ a, b uint32 }
	ids := map[state]uint32{{}: 0}
	states := []state{{}}
	for q := 0; q < len(states); q++ {
		s := states[q]
		p.Order = append(p.Order, uint32(q))
		out := append([]uint32(nil), x.Out[s.a]...)
		for _, k := range y.Out[s.b] {
			out = append(out, nx+k)
		}
		p.Out = append(p.Out, out)
		for _, c := range rep {
			to := state{x.Next[int(s.a)*x.NClasses+int(x.Class[c])], y.Next[int(s.b)*y.NClasses+int(y.Class[c])]}
			id, ok := ids[to]
			if !ok {
				id = uint32(len(states))
				ids[to] = id
				states = append(states, to)
			}
			p.Next = append(p.Next, id)
		}
	}
	return p
}
