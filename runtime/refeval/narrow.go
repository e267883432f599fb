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
	*kernel.Narrowing
	scratch  sync.Pool // *runScratch, one per concurrent Run
	scanners sync.Pool // *scanner
}

func newNarrowing(t *kernel.Tables) *narrowing {
	n := &narrowing{Narrowing: t.Narrowing()}
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

// allow sets b to the slots the items found allow (and the userspace
// slots, which Run leaves out).
func (n *narrowing) allow(t *kernel.Tables, b kernel.Bitset, scans ...*scanner) {
	copy(b, n.Walk)
	for _, sc := range scans {
		if sc == nil {
			continue
		}
		for _, id := range sc.ids {
			for _, s := range n.Slots(id) {
				t.Set(b, int(s))
			}
		}
	}
}
