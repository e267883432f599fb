package kernel

import (
	"testing"

	"github.com/rulec/rulec/runtime/refeval"
)

// The reference evaluator's copy reasons are the classifier's bits.
func TestCopyReasonsMatchReference(t *testing.T) {
	for _, c := range []struct {
		kernel CopyReason
		ref    uint8
	}{{CopyUserspace, refeval.CopyUserspace}, {CopyScanTruncated, refeval.CopyScanTruncated}, {CopyFragment, refeval.CopyFragment},
		{CopyDecode, refeval.CopyDecode}, {CopyApp, refeval.CopyApp}, {CopyDetail, refeval.CopyDetail}} {
		if uint8(c.kernel) != c.ref {
			t.Errorf("classifier reason %d, reference %d", c.kernel, c.ref)
		}
	}
}
