package flow

import (
	"math/bits"

	"github.com/rulec/rulec/runtime/flow/http"
)

// Stream buffers (a direction's bytes held for their ACK, its bytes
// held for a stream unit) come in power-of-two sizes from minChunkCap;
// a tracker keeps up to ackPoolDepth drained ones of each size up to
// ackPoolMax for reuse, at most ackPoolBytes in all, so that neither a
// flow's bursts nor each new flow allocate (the depth keeps small buffers
// of ended flows from taking the room of large ones).
const (
	ackPoolMax   = 1 << 20
	ackPoolBytes = 4 << 20
	ackPoolDepth = 16
)

// newAckPool returns a tracker's pool of stream buffers.
func newAckPool() bufPool {
	return bufPool{minCap: minChunkCap, maxCap: ackPoolMax, maxBytes: ackPoolBytes, depth: ackPoolDepth, scribble: &http.ScribbleBodies}
}

// ackBufSize rounds n up to a buffer size: a power of two, at least
// minChunkCap.
func ackBufSize(n int) int {
	if n <= minChunkCap {
		return minChunkCap
	}
	return 1 << bits.Len(uint(n-1))
}
