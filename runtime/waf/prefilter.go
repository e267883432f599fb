package waf

import (
	"unsafe"

	"github.com/rulec/rulec/runtime/match/ac"
	"github.com/rulec/rulec/runtime/waf/prefilter"
)

// nodeFilter finds the literals of a chain node's @rx parts in one pass:
// pattern i of m sets the bits of bits[i], one bit per part; a part whose
// bit stays clear cannot match the value.
type nodeFilter struct {
	m     *ac.Matcher
	bits  [][]int32
	words int
}

// filterBuilder collects the parts of one node before the automaton is
// built.
type filterBuilder struct {
	lits  map[string]int
	bits  [][]int32
	parts []*part
}

// addPart gives p a prefilter bit when its pattern has required literals.
func (b *filterBuilder) addPart(p *part, pattern string) {
	lits, ok := prefilter.Required(pattern)
	if !ok {
		return
	}
	if b.lits == nil {
		b.lits = map[string]int{}
	}
	bit := int32(len(b.parts))
	b.parts = append(b.parts, p)
	p.pfBit = bit
	for _, l := range lits {
		id, ok := b.lits[l]
		if !ok {
			id = len(b.bits)
			b.lits[l] = id
			b.bits = append(b.bits, nil)
		}
		b.bits[id] = append(b.bits[id], bit)
	}
}

func (b *filterBuilder) build() (*nodeFilter, error) {
	if len(b.parts) == 0 {
		return nil, nil
	}
	pats := make([]ac.Pattern, len(b.bits))
	for l, id := range b.lits {
		pats[id] = ac.Pattern{Bytes: []byte(l), Nocase: true}
	}
	m, err := ac.New(pats)
	if err != nil {
		return nil, err
	}
	return &nodeFilter{m: m, bits: b.bits, words: (len(b.parts) + 63) / 64}, nil
}

// mayMatch reports whether part p's literals occur in the cached value ci
// (of p's chain node).
func (tx *Tx) mayMatch(p *part, ci int32) bool {
	cv := &tx.cvals[ci]
	if cv.pf < 0 {
		f := tx.w.chains.nodes[p.chain].pf
		off := len(tx.pfArena)
		for range f.words {
			tx.pfArena = append(tx.pfArena, 0)
		}
		arena := tx.pfArena[off:]
		s := cv.s
		f.m.Find(unsafe.Slice(unsafe.StringData(s), len(s)), func(id, _ int) bool {
			for _, bit := range f.bits[id] {
				arena[bit>>6] |= 1 << (bit & 63)
			}
			return true
		})
		cv = &tx.cvals[ci]
		cv.pf = int32(off)
	}
	return tx.pfArena[int(cv.pf)+int(p.pfBit>>6)]&(1<<(p.pfBit&63)) != 0
}
