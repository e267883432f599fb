package match

import "github.com/rulec/rulec/runtime/inspect"

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
	cand    []uint64 // bitset of the candidates, for matchMany
	todo    []int
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
	uc.cand = make([]uint64, (len(e.rules)+63)/64)
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
	uc.bt.unit = 0
	e.ctxs.Put(uc)
}

// has reports whether the unit has buffer name.
func (uc *unitCtx) has(name int) bool {
	if uc.have[name] == 0 {
		b, ok := uc.u.Buffer(uc.e.names[name])
		uc.have[name], uc.raw[name] = -1, b
		if ok {
			uc.have[name] = 1
		}
	}
	return uc.have[name] > 0
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

// hit reports whether pattern pat of key k's prefilter occurs in the
// buffer.
func (uc *unitCtx) hit(k, pat int) bool {
	if !uc.scanned[k] {
		bits := uc.hits[k]
		uc.e.pre[k].m.Find(uc.buffer(k), func(id, _ int) bool {
			bits[id>>6] |= 1 << (id & 63)
			return true
		})
		uc.scanned[k] = true
	}
	return uc.hits[k][pat>>6]&(1<<(pat&63)) != 0
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
	uc.bt.rule = 0
	for _, g := range r.groups {
		uc.in = inspector{steps: g.steps, buf: uc.buffer(g.key), vars: vars, budget: &uc.bt}
		if uc.in.run(0, 0) != matched {
			return false
		}
	}
	return true
}

// matchEach confirms the candidates one by one, skipping those whose
// prefilter pattern is not in the unit when prefilter is set.
func (uc *unitCtx) matchEach(candidates []int, prefilter bool) []int {
	var out []int
	for _, c := range candidates {
		if c < 0 || c >= len(uc.e.rules) || uc.e.rules[c] == nil {
			continue
		}
		r := uc.e.rules[c]
		if !uc.admits(r) || prefilter && r.fastKey >= 0 && !uc.hit(r.fastKey, r.fastPat) {
			continue
		}
		if uc.eval(r) {
			out = append(out, c)
		}
	}
	return out
}

// matchMany runs every prefilter whose buffer the unit has and confirms
// the candidates among the rules whose pattern it found and the rules
// without a pattern; every rule is a candidate when all is set.
func (uc *unitCtx) matchMany(candidates []int, all bool) []int {
	e := uc.e
	if !all {
		uc.setCandidates(candidates)
	}
	isCand := func(r int) bool { return all || uc.cand[r>>6]&(1<<(r&63)) != 0 }
	todo := uc.todo[:0]
	for k, p := range e.pre {
		if p == nil || !uc.has(e.keys[k].name) {
			continue
		}
		seen := uc.hits[k]
		uc.scanned[k] = true
		p.m.Find(uc.buffer(k), func(id, _ int) bool {
			if seen[id>>6]&(1<<(id&63)) != 0 {
				return true
			}
			seen[id>>6] |= 1 << (id & 63)
			for _, r := range p.rules[p.first[id]:p.first[id+1]] {
				if isCand(r) {
					todo = append(todo, r)
				}
			}
			return true
		})
	}
	for _, r := range e.noFast {
		if isCand(r) {
			todo = append(todo, r)
		}
	}
	uc.todo = todo
	var out []int
	for _, c := range todo {
		if r := e.rules[c]; uc.admits(r) && uc.eval(r) {
			out = append(out, c)
		}
	}
	return out
}

// setCandidates fills the candidate bitset.
func (uc *unitCtx) setCandidates(candidates []int) {
	clear(uc.cand)
	// Bits gather in a register while the candidates stay in one word,
	// as sorted candidates do.
	word, w := uint64(0), 0
	for _, c := range candidates {
		if uint(c) >= uint(len(uc.e.rules)) {
			continue
		}
		if c>>6 != w {
			uc.cand[w] |= word
			word, w = 0, c>>6
		}
		word |= 1 << (c & 63)
	}
	uc.cand[w] |= word
}
