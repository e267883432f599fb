package pipeline

import (
	"math"
	"runtime"
	"sync/atomic"
)

// position is where one worker is in the capture, on its own cache line.
type position struct {
	at     atomic.Uint64
	parked atomic.Int32  // workers parked until this one moves on
	waited uint64        // its worker's: the position its last Wait returned at
	wake   chan struct{} // its worker, parked, is woken here
	_      [40]byte
}

// at is a worker's position at frame n: the frame's owner comes after the
// workers that only advance their clock on it.
func at(n uint64, owner bool) uint64 {
	if owner {
		return 2*n + 1
	}
	return 2 * n
}

// positions sets up the positions of n workers, at the capture's start.
func (w *workers) positions(n int) {
	w.pos, w.need = make([]position, n), make([][]atomic.Uint64, n)
	for i := range w.pos {
		w.pos[i].wake = make(chan struct{}, 1)
		w.need[i] = make([]atomic.Uint64, n)
	}
}

// sequencer is one worker's view of the others' positions.
type sequencer struct {
	w  *workers
	id int
}

// Wait returns once every other worker is past this one's position, or
// at it with a higher id; at once when it returned at this position
// before, or once the capture is over (the workers then end their flows
// one after the other).
func (s sequencer) Wait() {
	w, me := s.w, &s.w.pos[s.id]
	p := me.at.Load()
	if p == me.waited || p == math.MaxUint64 {
		return
	}
	for i := range w.pos {
		switch {
		case i < s.id:
			w.await(i, s.id, p+1)
		case i > s.id:
			w.await(i, s.id, p)
		}
	}
	me.waited = p
}

// At returns the worker's position and id.
func (s sequencer) At() (uint64, int) { return s.w.pos[s.id].at.Load(), s.id }

// Past returns the lowest position of any worker.
func (s sequencer) Past() uint64 {
	low := uint64(math.MaxUint64)
	for i := range s.w.pos {
		low = min(low, s.w.pos[i].at.Load())
	}
	return low
}

// spins is how often a waiting worker yields before it parks.
const spins = 50

// await returns once worker i is at position need or later; worker j
// waits. A parked worker leaves need in its slot of i's list, which i
// checks whenever it moves on (moveTo).
func (w *workers) await(i, j int, need uint64) {
	o := &w.pos[i]
	for range spins {
		if o.at.Load() >= need {
			return
		}
		runtime.Gosched()
	}
	slot := &w.need[i][j]
	slot.Store(need)
	o.parked.Add(1)
	defer o.parked.Add(-1)
	if o.at.Load() >= need && slot.CompareAndSwap(need, 0) {
		return
	}
	<-w.pos[j].wake // i took the slot, and wakes j once
}

// moveTo sets worker i's position to p and wakes the workers parked
// until it got there.
func (w *workers) moveTo(i int, p uint64) {
	o := &w.pos[i]
	o.at.Store(p)
	if o.parked.Load() == 0 {
		return
	}
	for j := range w.need[i] {
		slot := &w.need[i][j]
		if need := slot.Load(); need != 0 && p >= need && slot.CompareAndSwap(need, 0) {
			w.pos[j].wake <- struct{}{}
		}
	}
}
