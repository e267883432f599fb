package refeval

import (
	"sync"

	"github.com/rulec/rulec/codegen/kernel"
)

// narrowing lets Run visit only the kernel slots a packet can match once
// the automaton has run: those without a positive item, and those of the
// positive items it found. A slot's items must all hold, so a slot none of
// whose positive items was found cannot match; the rest are checked as
// before.
type narrowing struct {
	noPos        kernel.Bitset // kernel slots without a positive item
	payloadItems kernel.Bitset // kernel slots with payload items: worth a payload scan
	nameItems    kernel.Bitset // kernel slots with DNS name items: worth a name scan
	byItem       [][]int32     // by item: the kernel slots it is a positive item of
	scratch      sync.Pool     // *runScratch, one per concurrent Run
	scanners     sync.Pool     // *scanner
}

func newNarrowing(t *kernel.Tables, kernelSlots kernel.Bitset) *narrowing {
	n := &narrowing{noPos: t.NewBitset(), payloadItems: t.NewBitset(), nameItems: t.NewBitset(), byItem: make([][]int32, len(t.Items))}
	for i := range t.Slots {
		if !t.Has(kernelSlots, i) {
			continue
		}
		s := &t.Slots[i]
		switch {
		case s.ItemCount == 0:
		case s.Buffer == kernel.BufPayload:
			t.Set(n.payloadItems, i)
		default:
			t.Set(n.nameItems, i)
		}
		pos := false
		for _, ref := range t.SlotItems[s.ItemStart : s.ItemStart+s.ItemCount] {
			if ref&kernel.ItemNegated == 0 {
				pos = true
				n.byItem[ref] = append(n.byItem[ref], int32(i))
			}
		}
		if !pos {
			t.Set(n.noPos, i)
		}
	}
	n.scratch.New = func() any { return &runScratch{allowed: t.NewBitset(), head: make([]kernel.Bitset, 0, 8)} }
	words := (len(t.Items) + 63) / 64
	n.scanners.New = func() any { return &scanner{bits: make([]uint64, words)} }
	return n
}

// scanner returns an empty scanner, to give back with done.
func (n *narrowing) scanner() *scanner { return n.scanners.Get().(*scanner) }

// done gives back the scanners of one Run.
func (n *narrowing) done(scans ...*scanner) {
	for _, sc := range scans {
		if sc == nil {
			continue
		}
		for _, id := range sc.ids {
			sc.bits[id>>6] = 0
		}
		sc.ids = sc.ids[:0]
		n.scanners.Put(sc)
	}
}

// runScratch is what one Run reuses from the last.
type runScratch struct {
	allowed kernel.Bitset
	head    []kernel.Bitset
	slots   []int
	matched []int
}

func (n *narrowing) run() *runScratch { return n.scratch.Get().(*runScratch) }

func (n *narrowing) endRun(sc *runScratch) { n.scratch.Put(sc) }

// allow sets b to the slots the items found allow.
func (n *narrowing) allow(t *kernel.Tables, b kernel.Bitset, scans ...*scanner) {
	copy(b, n.noPos)
	for _, sc := range scans {
		if sc == nil {
			continue
		}
		for _, id := range sc.ids {
			for _, s := range n.byItem[id] {
				t.Set(b, int(s))
			}
		}
	}
}
