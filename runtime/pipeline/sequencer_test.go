package pipeline

import (
	"math"
	"sync/atomic"
	"testing"
)

// TestWaitParksUntilTheOthersPass: a worker waiting at a frame returns
// only once the workers before it are past the frame (parked, it is woken
// by their move), and once only per frame.
func TestWaitParksUntilTheOthersPass(t *testing.T) {
	var w workers
	w.positions(3)
	w.moveTo(0, at(5, false))
	w.moveTo(1, at(5, true))
	w.moveTo(2, at(3, false))
	var moved atomic.Int32
	done := make(chan int32)
	go func() {
		sequencer{&w, 1}.Wait()
		done <- moved.Load()
	}()
	// worker 0 (lower id) and worker 2 must pass frame 5, which worker 1
	// owns: the others advance their clocks on it first
	steps := []struct {
		i int
		p uint64
	}{{2, at(4, false)}, {0, at(5, true)}, {2, at(5, false)}, {0, at(6, false)}, {2, at(6, false)}}
	for _, s := range steps {
		moved.Add(1)
		w.moveTo(s.i, s.p)
	}
	if got := <-done; got != int32(len(steps)) {
		t.Errorf("Wait returned after %d of %d moves", got, len(steps))
	}
	// called again during the same frame, Wait does not look again
	w.moveTo(2, at(4, false))
	sequencer{&w, 1}.Wait()
}

// TestWaitAfterTheCapture: once the capture is over (every worker at the
// end), the workers end their flows one after the other and Wait returns
// at once, for any id.
func TestWaitAfterTheCapture(t *testing.T) {
	var w workers
	w.positions(2)
	w.moveTo(0, math.MaxUint64)
	w.moveTo(1, math.MaxUint64)
	sequencer{&w, 1}.Wait()
	sequencer{&w, 0}.Wait()
}
