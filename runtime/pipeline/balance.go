package pipeline

import (
	"encoding/binary"
	"math"
	"net/netip"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/rulec/rulec/runtime/decode"
	"github.com/rulec/rulec/runtime/flow"
)

// claims is how the workers of an offline capture share out its flows:
// a flow (its owner key, as FlowOwner keys it) goes to the worker that
// reaches its first frame first: the one furthest ahead in the capture,
// whose flows so far cost least. Every worker numbers the keys in the
// order they first appear, the same numbers in every worker (balancer),
// and finds the claim on key k in slot k%len(slot).
type claims struct {
	slot []atomic.Uint64 // (k+1)<<16 | worker; 0: none yet
	// seen[i] is how many keys worker i has looked up; a slot is taken
	// for a new key only once every worker is past the key it held.
	seen []seenCount
}

type seenCount struct {
	atomic.Uint64
	_ [56]byte // a cache line of its own
}

// claimSlots bounds how many keys a worker numbers ahead of the slowest
// worker; one further ahead waits.
const claimSlots = 1 << 16

func newClaims(n, slots int) *claims {
	return &claims{slot: make([]atomic.Uint64, slots), seen: make([]seenCount, n)}
}

// claim returns the worker of key k for worker me: the worker whose claim
// is in k's slot, else me, which claims it.
func (c *claims) claim(k uint64, me int) int {
	s := &c.slot[k%uint64(len(c.slot))]
	defer c.seen[me].Store(k + 1)
	for {
		v := s.Load()
		if v>>16 == k+1 {
			return int(v & 0xffff)
		}
		c.waitSlot(k, me)
		if s.CompareAndSwap(v, (k+1)<<16|uint64(me)) {
			return me
		}
	}
}

// waitSlot returns once every other worker has looked up the key whose
// slot key k takes.
func (c *claims) waitSlot(k uint64, me int) {
	n := uint64(len(c.slot))
	if k < n {
		return
	}
	for i := range c.seen {
		for spin := 0; i != me && c.seen[i].Load() <= k-n; spin++ {
			if spin < spins {
				runtime.Gosched()
			} else {
				time.Sleep(50 * time.Microsecond) // not a core's worth of spinning beside the worker awaited
			}
		}
	}
}

// done says that worker me looks up no more keys.
func (c *claims) done(me int) { c.seen[me].Store(math.MaxUint64) }

// sweepEvery is how many frames go by between looks for idle keys.
const sweepEvery = 4096

// balancer is one worker's table of a capture's owner keys and their
// workers. Every worker runs one over every frame in capture order, so
// all number the keys alike: a key idle longer than any flow or fragment
// lives (on the capture's clock, twice the longest timeout and a minute)
// is forgotten, its flow ended in its worker, and numbered anew when it
// comes back. The table holds as many keys as the flow table of all
// workers holds flows; once a new key finds it full, every new key is
// hashed to a worker for the rest of the capture (a hashed key has to
// keep its worker as long as its flow lives, and a worker could not tell
// it from a key never seen).
type balancer struct {
	me, n  int
	claims *claims
	keys   map[uint64]*owned
	// last is the key of the frame before, and lastID its id: a flow's
	// frames often come one after the other.
	last   *owned
	lastID uint64
	next   uint64 // the number of the next new key
	limit  int
	idle   int64 // seconds
	now    time.Time
	swept  int64 // the clock's seconds at the last sweep
	frames uint64
	hashed bool
}

type owned struct {
	worker int
	last   int64 // the clock's seconds when the key was last seen
}

// newBalancer returns worker me's balancer, of n, for the flow table
// bounds of all workers fc.
func newBalancer(me, n int, c *claims, fc flow.Config) *balancer {
	idle := fc.Defrag.Timeout
	for _, t := range []flow.Timeouts{fc.TCPTimeouts, fc.OtherTimeouts} {
		idle = max(idle, t.New, t.Established, t.Closed, t.EmergencyNew, t.EmergencyEstablished, t.EmergencyClosed)
	}
	return &balancer{me: me, n: n, claims: c, keys: map[uint64]*owned{}, limit: max(fc.MaxFlows, 1),
		idle: int64((2*idle + time.Minute) / time.Second)}
}

// owner returns the worker of a decoded frame (decode.Decode's error
// err) at ts; frames without an IP packet go to worker 0.
func (b *balancer) owner(d *decode.Packet, err error, ts time.Time) int {
	if ts.After(b.now) {
		b.now = ts
	}
	now := b.now.Unix()
	if b.frames++; b.frames%sweepEvery == 0 && now-b.swept > b.idle/2 {
		b.sweep(now)
	}
	t, ok := ownerOf(d, err)
	if !ok {
		return 0
	}
	id := t.id()
	o := b.last
	if o == nil || id != b.lastID {
		o = b.keys[id]
	}
	if o == nil {
		if b.hashed || len(b.keys) >= b.limit {
			b.hashed = true
			return int(id % uint64(b.n))
		}
		o = &owned{worker: b.claims.claim(b.next, b.me)}
		b.next++
		b.keys[id] = o
	}
	o.last = now
	b.last, b.lastID = o, id
	return o.worker
}

// sweep forgets the keys idle for b.idle seconds at now.
func (b *balancer) sweep(now int64) {
	b.swept = now
	for id, o := range b.keys {
		if now-o.last > b.idle {
			delete(b.keys, id)
		}
	}
	b.last = nil
}

// id is a symmetric 64-bit hash of an owner tuple; tuples that share one
// share a worker.
func (t *ownerTuple) id() uint64 {
	h := endpoint(t.src, t.sport) + endpoint(t.dst, t.dport)
	h ^= uint64(t.proto) | uint64(t.family)<<8 | uint64(t.vlans[0])<<16 | uint64(t.vlans[1])<<32 | uint64(t.vlans[2])<<48
	return mix(h)
}

func endpoint(a netip.Addr, port uint16) uint64 {
	if a.Is4() {
		b := a.As4()
		return mix(uint64(binary.LittleEndian.Uint32(b[:]))<<16 | uint64(port))
	}
	b := a.As16()
	return mix(binary.LittleEndian.Uint64(b[:8]) ^ mix(binary.LittleEndian.Uint64(b[8:])^uint64(port)))
}

// mix is splitmix64's finalizer.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
