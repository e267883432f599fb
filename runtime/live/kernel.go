package live

import (
	"fmt"

	"github.com/rulec/rulec/runtime/kernel"
	"github.com/rulec/rulec/runtime/refeval"
)

// liveKernel gives a live engine the attached classifier's flow map: the
// engine steps it with the packets it reassembles and bypasses flow
// directions no userspace rule inspects any more. Frames come from the
// ring buffer, never through Run.
type liveKernel struct{ r *Runner }

func (k liveKernel) cls() (*kernel.Classifier, error) {
	k.r.mu.Lock()
	defer k.r.mu.Unlock()
	if k.r.cls == nil {
		return nil, ErrClosed
	}
	return k.r.cls, nil
}

func (liveKernel) Run(frame []byte) (refeval.Result, error) {
	return refeval.Result{}, fmt.Errorf("run a frame of %d bytes: %w", len(frame), ErrRingFrames)
}

func (k liveKernel) Track(frame []byte) (refeval.FlowView, error) {
	c, err := k.cls()
	if err != nil {
		return 0, err
	}
	return c.Track(frame)
}

func (k liveKernel) Bypass(frame []byte, both bool, keep refeval.Keep) error {
	c, err := k.cls()
	if err != nil {
		return err
	}
	_, err = c.Bypass(frame, both, keep)
	return err
}
