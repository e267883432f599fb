package pipeline

import (
	"errors"
	"testing"

	"github.com/rulec/rulec/internal/bpftest"
	"github.com/rulec/rulec/runtime/kernel"
	"github.com/rulec/rulec/runtime/refeval"
)

// TestBPFFallbackOnFrameSizeOnly: frames of a size the test-run interface
// does not take go to the reference evaluator and are counted; any other
// failure of the classifier is an error, not a silent fallback.
func TestBPFFallbackOnFrameSizeOnly(t *testing.T) {
	bpftest.Require(t)
	o := compileObject(t, "../../rules")
	c, err := kernel.Load(o.Kernel, kernel.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var fallbacks uint64
	b := bpfKernel{c: c, ref: refeval.New(o.Kernel), fallbacks: &fallbacks}
	for _, n := range []int{10, 9000} {
		if _, err := b.Run(make([]byte, n)); err != nil {
			t.Errorf("%d-byte frame: %v", n, err)
		}
	}
	if _, err := b.Run(make([]byte, 60)); err != nil || fallbacks != 2 {
		t.Errorf("60-byte frame: %v; %d fallbacks, want 2 (the 10- and 9000-byte frames)", err, fallbacks)
	}
	c.Close()
	if _, err := b.Run(make([]byte, 60)); err == nil || errors.Is(err, kernel.ErrFrameSize) || fallbacks != 2 {
		t.Errorf("closed classifier: err %v, %d fallbacks; want the error surfaced", err, fallbacks)
	}
}
