package engine

import "github.com/rulec/rulec/runtime/refeval"

// reference runs the kernel tier with the Go reference evaluator.
type reference struct{ ev *refeval.Evaluator }

// Reference returns a Kernel backed by the reference evaluator.
func Reference(ev *refeval.Evaluator) Kernel { return reference{ev} }

func (r reference) Run(frame []byte) (refeval.Result, error) { return r.ev.Run(frame), nil }

func (r reference) Track(frame []byte) (refeval.FlowView, error) { return r.ev.Track(frame), nil }

func (r reference) Bypass(frame []byte, both bool, keep refeval.Keep) error {
	r.ev.Bypass(frame, both, keep)
	return nil
}
