package engine

import (
	"time"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/defrag"
)

// reassembled runs a packet that defragmentation completed: the classifier
// only saw its fragments, so the kernel tier's rules are evaluated on it
// here (with the whole payload), then it goes to the tracker as the
// classifier would copy it (not counted as a copy).
func (e *Engine) reassembled(ts time.Time, frame []byte) error {
	o := outcome(ts, frame, e.full.Run(frame), &e.whole, e.decode(frame, &e.whole))
	o.Reassembled = true
	return e.Decide(o)
}

// TakeDefrag hands the engine's defragmenter to a caller that reassembles
// fragments before they reach engines (a capture's reader ahead of
// workers: a packet's fragments may belong to another worker than its
// flow) and stops the engine's own reassembly. The defragmenter's counts
// stay in the engine's Stats; the caller passes the packets it completes
// to the owner of their flow with ReassembledAt.
func (e *Engine) TakeDefrag() *defrag.Defragmenter {
	e.defragOutside = true
	return e.defrag
}

// ReassembledAt runs a packet reassembled outside the engine (see
// TakeDefrag), completed by the capture's frame n.
func (e *Engine) ReassembledAt(n uint64, ts time.Time, d *decode.Packet, derr error) error {
	e.pcapCnt = n
	o := outcome(ts, d.Frame, e.full.Run(d.Frame), d, derr)
	o.Reassembled = true
	return e.Decide(o)
}
