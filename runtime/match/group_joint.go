package match

import (
	"encoding/binary"
	"math/bits"
	"sync"

	"github.com/rulec/rulec/runtime/match/ac"
)

// minJoint is the shortest buffer that several keys of a group share
// worth one scan for all of them; shorter ones are scanned once per key.
const minJoint = 256

// joint scans one buffer for the patterns of several of a group's keys
// whose unit buffers are the same bytes (a response's file.data and
// http.response_body): one walk instead of one per key.
type joint struct {
	s       scan     // over the union of the keys' patterns; ids index first
	first   []int    // targets of pattern i: targets[first[i]:first[i+1]]
	targets []target // the group's scan and the pattern's id in its key
}

type target struct {
	scan int
	id   int32
}

// joints caches a group's joints by the set of its scans they serve.
type joints struct {
	mu sync.Mutex
	m  map[uint64]*joint
}

// scan runs the group's scans on uc's unit, appending to uc.todo the
// members whose fast pattern occurs. Keys whose buffers are the same
// bytes in this unit are scanned together.
func (g *Group) scan(uc *unitCtx) {
	e := g.e
	var done uint64
	for i := range g.scans {
		if i < 64 && done&(1<<i) != 0 {
			continue
		}
		k := g.scans[i].key
		if !uc.has(e.keys[k].name) {
			continue
		}
		if uc.u.Multi() {
			// each instance of a multi-buffer on its own
			uc.scanned[k] = true
			s := &g.scans[i]
			uc.each(k, func(b []byte) bool {
				s.find(b, func(id int) { uc.hit(g, k, id) })
				return false
			})
			continue
		}
		b := uc.buffer(k)
		set := uint64(1) << i
		if len(b) >= minJoint && i < 64 {
			for j := i + 1; j < min(len(g.scans), 64); j++ {
				if kj := g.scans[j].key; uc.has(e.keys[kj].name) && sameBytes(b, uc.buffer(kj)) {
					set |= 1 << j
				}
			}
		}
		if set == 1<<i {
			uc.scanned[k] = true
			g.scans[i].find(b, func(id int) { uc.hit(g, k, id) })
			continue
		}
		done |= set
		j := g.joint(set)
		for m := set; m != 0; m &= m - 1 {
			x := &g.scans[bits.TrailingZeros64(m)]
			kx := x.key
			uc.scanned[kx] = true
			if j == nil {
				x.find(b, func(id int) { uc.hit(g, kx, id) })
			}
		}
		if j == nil {
			continue
		}
		j.s.find(b, func(id int) {
			for _, t := range j.targets[j.first[id]:j.first[id+1]] {
				uc.hit(g, g.scans[t.scan].key, int(t.id))
			}
		})
	}
}

// sameBytes reports whether a and b are the same bytes in memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0]
}

// hit takes pattern id of key k as found: the group's rules with that
// fast pattern go to uc.todo, once per unit.
func (uc *unitCtx) hit(g *Group, k, id int) {
	seen := uc.hits[k]
	if seen[id>>6]&(1<<(id&63)) != 0 {
		return
	}
	seen[id>>6] |= 1 << (id & 63)
	p := uc.e.pre[k]
	for _, r := range p.rules[p.first[id]:p.first[id+1]] {
		if g.member[r>>6]&(1<<(r&63)) != 0 {
			uc.todo = append(uc.todo, r)
		}
	}
}

// joint returns the joint of the scans in set, building it on first use;
// nil when the subset cache is full.
func (g *Group) joint(set uint64) *joint {
	c := &g.joints
	c.mu.Lock()
	defer c.mu.Unlock()
	if j, ok := c.m[set]; ok {
		return j
	}
	j := g.newJoint(set)
	if c.m == nil {
		c.m = map[uint64]*joint{}
	}
	c.m[set] = j
	return j
}

func (g *Group) newJoint(set uint64) *joint {
	e := g.e
	type patKey struct {
		b      string
		nocase bool
	}
	index := map[patKey]int{}
	var pats []ac.Pattern
	var byPat [][]target
	sig := []byte{0xff} // apart from single keys' subsets
	for m := set; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		s := &g.scans[i]
		sig = binary.AppendUvarint(binary.AppendUvarint(sig, uint64(s.key)), uint64(len(s.pats)))
		for _, id := range s.pats {
			sig = binary.AppendUvarint(sig, uint64(id))
			p := e.pre[s.key].pats[id]
			pk := patKey{string(p.Bytes), p.Nocase}
			n, ok := index[pk]
			if !ok {
				n = len(pats)
				index[pk] = n
				pats = append(pats, p)
				byPat = append(byPat, nil)
			}
			byPat[n] = append(byPat[n], target{i, id})
		}
	}
	j := &joint{first: make([]int, 1, len(pats)+1)}
	for _, ts := range byPat {
		j.targets = append(j.targets, ts...)
		j.first = append(j.first, len(j.targets))
	}
	if len(pats) <= maxLiterals {
		for n, p := range pats {
			j.s.lits = append(j.s.lits, newLiteral(n, p))
		}
		return j
	}
	if m := e.subset(sig, pats); m != nil {
		j.s.m = m
		return j
	}
	// The subset cache is full: scan each key by itself, as one joint
	// per key would.
	return nil
}
