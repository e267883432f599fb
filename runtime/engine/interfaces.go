package engine

import (
	"time"

	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/refeval"
)

// Kernel runs the kernel tier on one frame.
type Kernel interface {
	Run(frame []byte) (refeval.Result, error)
}

// Tracker turns frames into inspection units, reporting them and the
// flows that end to the Events it was made with.
type Tracker interface {
	Frame(ts time.Time, frame []byte) (*inspect.Packet, error)
	Flush()
}

// Events is what a Tracker reports: every unit, and every flow that ends
// (after its last unit).
type Events struct {
	Unit    func(*inspect.Unit)
	FlowEnd func(*inspect.Flow)
}

// Matcher evaluates the buffer matchers of rules (indices into the slice it
// was compiled from) on a unit.
type Matcher interface {
	Match(u *inspect.Unit, candidates []int) []int
}

// Limited is a tracker or matcher that counts what its bounds cut short,
// by name (see Stats.Limits).
type Limited interface {
	Limits() map[string]uint64
}
