package http

import "math/bits"

// Body buffers come in power-of-two sizes from 512 bytes to 128 KiB, above
// the default body limit; larger ones are not kept.
const (
	minBodyShift = 9
	bodyClasses  = 9
)

// Bodies keeps the body buffers of finished transactions for the next
// bodies of the parsers sharing it (one tracker's), so that a capture's
// bodies reuse a few buffers instead of each allocating its own. It holds
// at most its limit in bytes. It is not safe for concurrent use.
type Bodies struct {
	free  [bodyClasses][][]byte
	held  int
	limit int
}

// ScribbleBodies makes the pools overwrite what is put back (the body
// pool, and the flow tracker's stream buffers): tests set it to find a
// body or stream bytes still in use once released.
var ScribbleBodies bool

// NewBodies returns a pool keeping at most limit bytes.
func NewBodies(limit int) *Bodies { return &Bodies{limit: limit} }

func bodyClass(n int) int {
	return max(bits.Len(uint(max(n, 1)-1)), minBodyShift) - minBodyShift
}

// get returns an empty buffer of at least n bytes, of its class's size
// when n is within the classes.
func (b *Bodies) get(n int) []byte {
	c := bodyClass(n)
	if b == nil || c >= bodyClasses {
		return make([]byte, 0, n)
	}
	if l := b.free[c]; len(l) > 0 {
		buf := l[len(l)-1]
		b.free[c] = l[:len(l)-1]
		b.held -= cap(buf)
		return buf[:0]
	}
	return make([]byte, 0, 1<<(c+minBodyShift))
}

// put keeps buf for a later get, when it is one of the pool's sizes and
// fits in its limit; buf must not be used after.
func (b *Bodies) put(buf []byte) {
	c := bodyClass(cap(buf))
	if b == nil || c >= bodyClasses || cap(buf) != 1<<(c+minBodyShift) || b.held+cap(buf) > b.limit {
		return
	}
	if ScribbleBodies {
		all := buf[:cap(buf)]
		for i := range all {
			all[i] = 0xa5
		}
	}
	b.held += cap(buf)
	b.free[c] = append(b.free[c], buf[:0])
}

// HoldBodies keeps the bodies of transactions finishing from now on out
// of the pool (on), or gives back those kept (off): a caller inspects
// their units later.
func (p *Parser) HoldBodies(on bool) {
	p.holding = on
	if on {
		return
	}
	for i, tx := range p.held {
		p.recycle(tx)
		p.held[i] = nil
	}
	p.held = p.held[:0]
}

// recycle gives a finished transaction's bodies back to the pool.
func (p *Parser) recycle(tx *Tx) {
	if p.cfg.Bodies == nil {
		return
	}
	if p.holding {
		p.held = append(p.held, tx)
		return
	}
	for _, m := range []*Message{&tx.Request, &tx.Response} {
		p.cfg.Bodies.put(m.Body)
		m.Body, m.full = nil, nil
	}
}
