package flow

import "math/bits"

// ACK-wait buffers come in power-of-two sizes from minChunkCap; a
// tracker keeps up to ackPoolDepth drained ones of each size up to
// ackPoolMax for reuse, so a flow's bursts do not each allocate (and the
// kept bytes stay bounded: about 2 MiB per tracker).
const (
	ackPoolMax   = 64 << 10
	ackPoolDepth = 16
)

var ackPoolClasses = bits.Len(uint(ackPoolMax / minChunkCap)) // sizes minChunkCap..ackPoolMax

// ackPool holds drained buffers by size class.
type ackPool [][][]byte

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
	if i := ackClass(size); i >= 0 && i < len(*p) {
		if l := (*p)[i]; len(l) > 0 {
			b := l[len(l)-1]
			(*p)[i] = l[:len(l)-1]
			return b[:0]
		}
	}
	return make([]byte, 0, size)
}

// put keeps b for reuse when its size class has room.
func (p *ackPool) put(b []byte) {
	i := ackClass(cap(b))
	if i < 0 {
		return
	}
	if *p == nil {
		*p = make(ackPool, ackPoolClasses)
	}
	if len((*p)[i]) < ackPoolDepth {
		(*p)[i] = append((*p)[i], b[:0])
	}
}
