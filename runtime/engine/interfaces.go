package engine

import (
	"time"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/match"
	"github.com/rulec/rulec/runtime/refeval"
)

// Kernel runs the kernel tier on one frame.
type Kernel interface {
	Run(frame []byte) (refeval.Result, error)
	// Track updates the kernel tier's flow state with a frame it does
	// not classify (reassembled from fragments) and returns what it says
	// of the frame.
	Track(frame []byte) (refeval.FlowView, error)
	// Bypass stops the copies of frame's flow direction for userspace
	// rules, but for packets whose payload length keep holds.
	Bypass(frame []byte, both bool, keep refeval.Keep) error
}

// Tracker turns frames into inspection units, reporting them and the
// flows that end to the Events it was made with.
type Tracker interface {
	Frame(ts time.Time, frame []byte) (*inspect.Packet, error)
	// Decoded is Frame for a frame decoded by decode.Decode, which gave
	// err.
	Decoded(ts time.Time, d *decode.Packet, err error) (*inspect.Packet, error)
	// Advance moves the clock as a frame of another tracker's flows does.
	Advance(ts time.Time)
	Flush()
}

// Sequencer orders the workers of one capture where they share state
// across flows (thresholds tracked by host or rule, xbits): Wait returns
// once every other worker is done with the frames before the calling
// worker's current one. The engine calls it before each use of that
// state, so it returns at once when called again during the same frame.
type Sequencer interface {
	Wait()
}

// Positioned is the Sequencer of workers running a capture: with one, an
// engine leaves the thresholds of matches that only alert to be decided
// in capture order (deferredLimits) rather than wait for its turn.
type Positioned interface {
	Sequencer
	// At returns the calling worker's position in the capture and its id.
	At() (uint64, int)
	// Past returns the lowest position of any worker: everything before
	// it is done.
	Past() uint64
}

// Events is what a Tracker reports: every unit, and every flow that ends
// (after its last unit).
type Events struct {
	Unit    func(*inspect.Unit)
	FlowEnd func(*inspect.Flow)
	// Record is a unit completing an app-layer transaction or message,
	// whose one section is its EVE record.
	Record func(*inspect.Unit)
}

// Matcher evaluates the buffer matchers of rules (indices into the slice it
// was compiled from).
type Matcher interface {
	// Group prepares rules that are evaluated together on units of one
	// shape.
	Group(rules []int) MatchGroup
}

// DatasetSaver is a Matcher whose datasets are written at the end of a
// run (dataset save and state files).
type DatasetSaver interface {
	SaveDatasets() error
}

// MatchGroup is a set of rules a Matcher evaluates together.
type MatchGroup interface {
	// MatchEffects appends to out the rules of the group whose buffer
	// matchers hold on u, in any order: those whose prefilter pattern is
	// in the unit and those without one; what the matching stores (entropy
	// values, pcre captures) goes to fx.
	MatchEffects(u *inspect.Unit, out []int, fx *match.Effects) []int
	// NoLiteral lists the rules without a prefilter pattern.
	NoLiteral() []int
}

// Limited is a tracker or matcher that counts what its bounds cut short,
// by name (see Stats.Limits).
type Limited interface {
	Limits() map[string]uint64
}
