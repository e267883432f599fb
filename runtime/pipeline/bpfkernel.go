package pipeline

import (
	"errors"

	"github.com/rulec/rulec/runtime/kernel"
	"github.com/rulec/rulec/runtime/refeval"
)

// bpfKernel runs the real classifier and reports like the reference
// evaluator, so the engine sees one kind of result. Frames the kernel's
// test-run interface does not take for their size (kernel.ErrFrameSize:
// larger than about a page, shorter than an Ethernet header) are
// evaluated by the reference evaluator, which the differential test keeps
// equal to the classifier, and counted; any other failure is an error.
type bpfKernel struct {
	c         *kernel.Classifier
	ref       *refeval.Evaluator
	fallbacks *uint64
}

func (b bpfKernel) Run(frame []byte) (refeval.Result, error) {
	r, err := b.c.Run(frame)
	switch {
	case errors.Is(err, kernel.ErrFrameSize):
		*b.fallbacks++
		pf, err := b.c.Track(frame)
		if err != nil {
			return refeval.Result{}, err
		}
		return b.ref.RunFlow(frame, pf), nil
	case err != nil:
		return refeval.Result{}, err
	}
	return Convert(r), nil
}

// Track updates the classifier's flow map with a frame it does not see.
func (b bpfKernel) Track(frame []byte) (refeval.FlowView, error) { return b.c.Track(frame) }

// Convert maps a classifier result onto the reference evaluator's form.
func Convert(r kernel.Result) refeval.Result {
	out := refeval.Result{Verdict: r.Verdict}
	for _, ev := range r.Events {
		out.Flow |= refeval.FlowView(ev.Flow)
		switch ev.Kind {
		case kernel.Alert:
			out.Events = append(out.Events, refeval.Event{Kind: refeval.EventAlert, Rule: ev.Rule, Verdict: uint8(ev.Action)})
		case kernel.Block:
			out.Events = append(out.Events, refeval.Event{Kind: refeval.EventBlock, Rule: ev.Rule})
		case kernel.Copy:
			out.Events = append(out.Events, refeval.Event{Kind: refeval.EventCopy, Reason: uint8(ev.Reason)})
			if ev.Reason&kernel.CopyScanTruncated != 0 {
				out.Truncated = true
			}
			if ev.Reason&kernel.CopyApp != 0 {
				out.App = true
			}
		}
	}
	return out
}

// Bypass stops the classifier copying frame's flow direction for
// userspace rules.
func (b bpfKernel) Bypass(frame []byte, both bool, keep refeval.Keep) error {
	_, err := b.c.Bypass(frame, both, keep)
	return err
}
