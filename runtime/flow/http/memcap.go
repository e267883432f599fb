package http

import "sync/atomic"

// Memcap bounds the memory every parser sharing it holds: heads being
// read, bodies kept, and the transactions waiting for their response
// (Suricata's app-layer.protocols.http.memcap). It is safe for concurrent
// use.
type Memcap struct {
	limit int64
	use   atomic.Int64
	hits  atomic.Uint64
}

// NewMemcap returns a memcap of limit bytes.
func NewMemcap(limit int64) *Memcap { return &Memcap{limit: limit} }

// Use is the memory held now.
func (m *Memcap) Use() int64 { return m.use.Load() }

// Hits counts what the memcap refused: head bytes not kept, bodies cut,
// decoded bodies dropped.
func (m *Memcap) Hits() uint64 { return m.hits.Load() }

// take charges n bytes if they fit.
func (m *Memcap) take(n int) bool {
	if m == nil || n <= 0 {
		return true
	}
	if m.use.Add(int64(n)) > m.limit {
		m.use.Add(int64(-n))
		m.hits.Add(1)
		return false
	}
	return true
}

func (m *Memcap) give(n int) {
	if m != nil && n > 0 {
		m.use.Add(int64(-n))
	}
}

// headCost is what a parsed head holds per byte of the head: the bytes,
// the header list and the inspection buffers built from them.
const headCost = 3

// grow makes room for n more bytes in *b, at most limit in all, charging
// cost times the capacity it adds to *charged; it reports false, leaving
// *b as it is, when the memcap refuses. With a pool (for a body being
// read, whose buffer no one else holds) the new buffer comes from it and
// the one it replaces goes back.
func (p *Parser) grow(b *[]byte, n, limit, cost int, charged *int, pool *Bodies) bool {
	need := len(*b) + n
	if need <= cap(*b) {
		return true
	}
	nb := pool.get(min(max(2*cap(*b), need, 512), max(limit, need)))
	if !p.cfg.Memcap.take(cost * (cap(nb) - cap(*b))) {
		pool.put(nb)
		return false
	}
	*charged += cost * (cap(nb) - cap(*b))
	nb = append(nb, *b...)
	pool.put(*b)
	*b = nb
	return true
}

// retire gives back what a transaction held.
func (p *Parser) retire(tx *Tx) {
	p.cfg.Memcap.give(tx.mem)
	tx.mem = 0
}

// Release gives back everything the parser holds, at the end of its
// connection.
func (p *Parser) Release() {
	for _, s := range []*side{&p.req, &p.resp} {
		p.cfg.Memcap.give(s.bufMem + s.rawMem)
		s.bufMem, s.rawMem = 0, 0
	}
	for _, tx := range p.pending {
		p.retire(tx)
	}
	p.HoldBodies(false)
}
