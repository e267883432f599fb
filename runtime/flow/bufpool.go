package flow

import "math/bits"

// bufPool keeps drained buffers for reuse by room: rooms double from
// minCap and stop at maxCap (the last room may be maxCap itself), and a
// buffer of another capacity is not kept. It keeps at most depth buffers
// of a room (0: no such bound) and maxBytes of room in all; scribble,
// when it points to true, has it overwrite what it keeps (tests).
type bufPool struct {
	minCap, maxCap, maxBytes, depth int
	scribble                        *bool
	free                            [][][]byte // by class
	held                            int        // the room of the free buffers
}

// class is the index of the room c, or -1 when c is not one of the
// pool's rooms.
func (p *bufPool) class(c int) int {
	if c < p.minCap || c > p.maxCap {
		return -1
	}
	k := bits.Len(uint(c-1)) - bits.Len(uint(p.minCap-1))
	if min(p.minCap<<k, p.maxCap) != c {
		return -1
	}
	return k
}

// get returns an empty buffer of capacity size, reused if one is free.
func (p *bufPool) get(size int) []byte {
	if k := p.class(size); k >= 0 && k < len(p.free) {
		if l := p.free[k]; len(l) > 0 {
			b := l[len(l)-1]
			l[len(l)-1] = nil
			p.free[k] = l[:len(l)-1]
			p.held -= cap(b)
			return b[:0]
		}
	}
	return make([]byte, 0, size)
}

// put keeps b for reuse when its capacity is one of the pool's rooms and
// the pool has room for it; b must not be used after.
func (p *bufPool) put(b []byte) {
	k := p.class(cap(b))
	if k < 0 || p.held+cap(b) > p.maxBytes {
		return
	}
	for len(p.free) <= k {
		p.free = append(p.free, nil)
	}
	if p.depth > 0 && len(p.free[k]) >= p.depth {
		return
	}
	if p.scribble != nil && *p.scribble {
		all := b[:cap(b)]
		for i := range all {
			all[i] = 0xa5
		}
	}
	p.held += cap(b)
	p.free[k] = append(p.free[k], b[:0])
}
