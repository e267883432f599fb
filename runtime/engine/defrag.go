package engine

import (
	"time"

	"github.com/rulec/rulec/runtime/decode"
)

// reassembled runs a packet that defragmentation completed: the classifier
// only saw its fragments, so the kernel tier's rules are evaluated on it
// here (with the whole payload), then it goes to the tracker as the
// classifier would copy it (not counted as a copy).
func (e *Engine) reassembled(ts time.Time, frame []byte) error {
	o := outcome(ts, frame, e.full.Run(frame), &e.whole, decode.Decode(frame, &e.whole))
	o.Reassembled = true
	return e.Decide(o)
}
