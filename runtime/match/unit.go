package match

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// unitCtx is what one Match call learns about its unit: which buffers it
// has, the transformed buffers and the prefilter hits, each worked out
// once and on demand.
type unitCtx struct {
	e       *Engine
	u       *inspect.Unit
	have    []int8 // by name id: 0 not looked up, 1 present, -1 absent
	raw     [][]byte
	done    []bool // by key id: buffer transformed
	bufs    [][]byte
	scanned []bool     // by key id: prefilter run
	hits    [][]uint64 // by key id: bitset of the patterns found
	vars    []uint64
	in      inspector
	todo    []int
	fx      *Effects
	caps    []Capture // the evaluated rule's pcre captures
	bt      btBudget
}

func (e *Engine) newUnitCtx() *unitCtx {
	uc := &unitCtx{
		e:       e,
		have:    make([]int8, len(e.names)),
		raw:     make([][]byte, len(e.names)),
		done:    make([]bool, len(e.keys)),
		bufs:    make([][]byte, len(e.keys)),
		scanned: make([]bool, len(e.keys)),
		hits:    make([][]uint64, len(e.keys)),
	}
	for k, p := range e.pre {
		if p != nil {
			uc.hits[k] = make([]uint64, (p.m.Len()+63)/64)
		}
	}
	uc.vars = make([]uint64, e.maxVars)
	uc.bt.counts = &e.bt
	return uc
}

// acquire returns a clean context for u.
func (e *Engine) acquire(u *inspect.Unit) *unitCtx {
	uc := e.ctxs.Get().(*unitCtx)
	uc.u = u
	return uc
}

// release clears uc, dropping its references to the unit's buffers, and
// returns it to the pool.
func (e *Engine) release(uc *unitCtx) {
	uc.u = nil
	clear(uc.have)
	clear(uc.raw)
	clear(uc.done)
	clear(uc.bufs)
	for k, s := range uc.scanned {
		if s {
			clear(uc.hits[k])
			uc.scanned[k] = false
		}
	}
	uc.in = inspector{}
	uc.fx = nil
	clear(uc.caps)
	uc.caps = uc.caps[:0]
	uc.bt.unit = 0
	e.ctxs.Put(uc)
}

// has reports whether the unit has buffer name.
func (uc *unitCtx) has(name int) bool {
	if uc.have[name] == 0 {
		b, ok := uc.u.Buffer(uc.e.names[name])
		if !ok {
			b, ok = addrBuffer(uc.u, uc.e.names[name])
		}
		if p := uc.u.Packet; !ok && p != nil {
			b, ok = p.Header(uc.e.names[name])
		}
		uc.have[name], uc.raw[name] = -1, b
		if ok && !uc.noPayload(name, b) {
			uc.have[name] = 1
		}
	}
	return uc.have[name] > 0
}

// noPayload reports whether b is the empty payload of a packet unit,
// which Suricata's payload rules do not inspect (their signature mask
// requires a payload).
func (uc *unitCtx) noPayload(name int, b []byte) bool {
	return len(b) == 0 && uc.u.Kind == inspect.KindPacket && uc.e.names[name] == ir.BufPayload
}

// buffer returns the transformed buffer of key k; its unit buffer exists.
func (uc *unitCtx) buffer(k int) []byte {
	if !uc.done[k] {
		key := uc.e.keys[k]
		uc.has(key.name)
		b := uc.raw[key.name]
		for _, t := range key.transforms {
			b = t(b)
		}
		uc.bufs[k], uc.done[k] = b, true
	}
	return uc.bufs[k]
}

// admits reports whether the unit has what r inspects.
func (uc *unitCtx) admits(r *rule) bool {
	for _, n := range r.names {
		if !uc.has(n) {
			return false
		}
	}
	if len(r.packet) > 0 && uc.u.Packet == nil {
		return false
	}
	return !r.onlyPkt || uc.u.Kind == inspect.KindPacket
}

// eval runs r's checks and programs.
func (uc *unitCtx) eval(r *rule) bool {
	for _, c := range r.packet {
		if !c(uc.u.Packet) {
			return false
		}
	}
	vars := uc.vars[:r.nvars]
	clear(vars)
	uc.caps = uc.caps[:0]
	uc.bt.rule = 0
	for _, g := range r.groups {
		if g.absent {
			name := uc.e.keys[g.key].name
			switch {
			case !uc.has(name) && uc.u.Settled(uc.e.names[name]):
				continue
			case !uc.has(name) || !g.orElse:
				return false
			}
		}
		if !uc.each(g.key, func(b []byte) bool {
			uc.in = inspector{steps: g.steps, buf: b, vars: vars, budget: &uc.bt, dceLittle: uc.dceLittle(g.key), fx: uc.fx, caps: &uc.caps}
			return uc.in.run(0, 0) == matched
		}) {
			return false
		}
	}
	return true
}

// dceLittle reports whether key k is the DCE/RPC stub data of a
// little-endian transaction.
func (uc *unitCtx) dceLittle(k int) bool {
	d := uc.u.DCE
	return d != nil && d.Little && uc.e.names[uc.e.keys[k].name] == dceStubBuffer
}

// each calls fn on the transformed buffer of key k, or on each instance
// of a multi-buffer, until fn returns true; it reports whether one did.
func (uc *unitCtx) each(k int, fn func([]byte) bool) bool {
	if !uc.u.Multi() {
		return fn(uc.buffer(k))
	}
	key := uc.e.keys[k]
	found := false
	if uc.u.Instances(uc.e.names[key.name], func(b []byte) bool {
		found = true
		for _, t := range key.transforms {
			b = t(b)
		}
		return fn(b)
	}) {
		return true
	}
	return !found && fn(uc.buffer(k)) // a buffer the unit derives (ip.src, tcp.hdr)
}

// addrBuffer is ip.src or ip.dst: the unit's address as a rule header
// sees it, 4 bytes for IPv4, 16 for IPv6.
func addrBuffer(u *inspect.Unit, name string) ([]byte, bool) {
	if name != "ip.src" && name != "ip.dst" {
		return nil, false
	}
	src, dst, _, _ := u.Endpoints()
	a := src
	if name == "ip.dst" {
		a = dst
	}
	if !a.IsValid() {
		return nil, false
	}
	return a.Unmap().AsSlice(), true
}
