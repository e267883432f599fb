package engine

import (
	"time"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/defrag"
	"github.com/rulec/rulec/runtime/eve"
	"github.com/rulec/rulec/runtime/refeval"
)

// reassembled runs a packet that defragmentation completed, with the
// link layer of its fragments: the classifier only saw its fragments, so
// the kernel tier's rules are evaluated on it here (with the whole
// payload), then it goes to the tracker as the classifier would copy it
// (not counted as a copy).
func (e *Engine) reassembled(ts time.Time, frame []byte, link decode.Link) error {
	res, err := e.runWhole(frame)
	if err != nil {
		return err
	}
	derr := e.opts.Decoder.Decode(frame, &e.whole)
	e.whole.Link = link // a tunnel's inner packet's, when the fragments were inner ones
	o := outcome(ts, frame, res, &e.whole, derr)
	o.Reassembled = true
	err = e.Decide(o)
	e.pktSrc = eve.PktSrcWire // the fragment's processing goes on
	return err
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
	res, err := e.runWhole(d.Frame)
	if err != nil {
		return err
	}
	o := outcome(ts, d.Frame, res, d, derr)
	o.Reassembled = true
	return e.Decide(o)
}

// runWhole evaluates the kernel tier's rules on a reassembled packet, with
// the flow state the kernel tier gives it (none live, where the engine
// does not run the classifier).
func (e *Engine) runWhole(frame []byte) (refeval.Result, error) {
	var pf refeval.FlowView
	if e.opts.Kernel != nil {
		var err error
		if pf, err = e.opts.Kernel.Track(frame); err != nil {
			return refeval.Result{}, err
		}
	}
	return e.full.RunFlow(frame, pf), nil
}
