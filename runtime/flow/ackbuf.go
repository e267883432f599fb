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

var ackPoolClasses = bits.Len(uint(ackPoolMax / minChunkCap)) // sizes minChunkCap..ackPoolMax

// ackPool holds drained buffers by size class, and the bytes it holds.
type ackPool struct {
	free [][][]byte
	held int
}

// ackBufSize rounds n up to a buffer size: a power of two, at least
// minChunkCap.
func ackBufSize(n int) int {
	if n <= minChunkCap {
		return minChunkCap
	}
	return 1 << bits.Len(uint(n-1))
}

// class is the pool index of a buffer of capacity c, or -1 when buffers
// of that capacity are not kept.
func ackClass(c int) int {
	if c < minChunkCap || c > ackPoolMax || c&(c-1) != 0 {
		return -1
	}
	return bits.Len(uint(c/minChunkCap)) - 1
}

// get returns an empty buffer of capacity size (a value of ackBufSize).
func (p *ackPool) get(size int) []byte {
	if i := ackClass(size); i >= 0 && i < len(p.free) {
		if l := p.free[i]; len(l) > 0 {
			b := l[len(l)-1]
			p.free[i] = l[:len(l)-1]
			p.held -= cap(b)
			return b[:0]
		}
	}
	return make([]byte, 0, size)
}

// put keeps b for reuse when it is of a pool size and the pool has room;
// b must not be used after.
func (p *ackPool) put(b []byte) {
	i := ackClass(cap(b))
	if i < 0 || p.held+cap(b) > ackPoolBytes {
		return
	}
	if p.free == nil {
		p.free = make([][][]byte, ackPoolClasses)
	}
	if len(p.free[i]) >= ackPoolDepth {
		return
	}
	if http.ScribbleBodies {
		all := b[:cap(b)]
		for j := range all {
			all[j] = 0xa5
		}
	}
	p.held += cap(b)
	p.free[i] = append(p.free[i], b[:0])
}
