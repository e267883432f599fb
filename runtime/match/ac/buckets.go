package ac

import (
	"cmp"
	"slices"
)

// assignBuckets splits ids into buckets by length: patterns of one or
// two bytes, of three, of four, and of five or six (which fill every
// lane alike) each get buckets of their own, as many as their weighted
// share of the patterns (at least one), so that a pattern too short to
// reach a lane leaves it open only in buckets of patterns as short.
func assignBuckets(pats []Pattern, ids []uint32) [buckets][]uint32 {
	class := func(id uint32) int { return min(max(len(pats[id].Bytes), 2), 5) - 2 }
	var byClass [len(classWeight)][]uint32
	for _, id := range ids {
		byClass[class(id)] = append(byClass[class(id)], id)
	}
	var share [len(classWeight)]int
	used := 0
	for c, g := range byClass {
		if len(g) > 0 {
			share[c] = 1
			used++
		}
	}
	for ; used < buckets; used++ {
		best := -1
		for c, g := range byClass {
			if len(g) > share[c] && (best < 0 || len(g)*classWeight[c]*share[best] > len(byClass[best])*classWeight[best]*share[c]) {
				best = c
			}
		}
		if best < 0 {
			break
		}
		share[best]++
	}
	var out [buckets][]uint32
	b := 0
	for c, g := range byClass {
		if len(g) > 0 {
			b += copy(out[b:], spread(pats, g, share[c]))
		}
	}
	return out
}

// classWeight weighs the length classes' counts when buckets are
// shared out: a pattern of three or four bytes, held by fewer pairs,
// passes text more often than one of five or six (ET's 30k contents: 7.0
// candidates a clean packet with these weights, 9.2 with equal ones);
// patterns of one or two bytes are mostly of bytes rare in text.
var classWeight = [...]int{1, 2, 2, 1}

// pairWeight is the weight of a pair in the model of texts that spread
// estimates candidates by: printable ASCII ten times as likely as any
// other byte, bytes independent.
var pairWeight = func() *[1 << 16]float64 {
	var w [256]float64
	sum := 0.0
	for c := range w {
		w[c] = 0.1
		if c >= ' ' && c < 0x7f || c == '\r' || c == '\n' || c == '\t' {
			w[c] = 1
		}
		sum += w[c]
	}
	p := new([1 << 16]float64)
	for i := range p {
		p[i] = w[i&0xff] / sum * w[i>>8] / sum
	}
	return p
}()

// spread places the patterns g in k buckets: one by one, those whose
// own pairs are likeliest first, each where it adds the least to the
// estimated rate of candidates, the sum over buckets of the product over
// lanes of the weight of the pairs a bucket admits.
func spread(pats []Pattern, g []uint32, k int) [][]uint32 {
	out := make([][]uint32, k)
	type lane struct {
		set  []uint64 // admitted pairs
		mass float64
	}
	lanesOf := make([][lanes]lane, len(out))
	for b := range lanesOf {
		for d := range lanes {
			lanesOf[b][d].set = make([]uint64, 1<<16/64)
		}
	}
	pairsOf := func(id uint32) (ps [lanes][]uint16, all [lanes]bool) {
		for d := range lanes {
			ps[d], all[d] = lanePairs(pats[id], d)
		}
		return ps, all
	}
	own := make(map[uint32]float64, len(g))
	for _, id := range g {
		ps, all := pairsOf(id)
		r := 1.0
		for d := range lanes {
			if !all[d] {
				m := 0.0
				for _, x := range ps[d] {
					m += pairWeight[x]
				}
				r *= m
			}
		}
		own[id] = r
	}
	order := slices.Clone(g)
	slices.SortStableFunc(order, func(x, y uint32) int { return cmp.Compare(own[y], own[x]) })
	for _, id := range order {
		ps, all := pairsOf(id)
		best, bestDelta := 0, 0.0
		for b := range out {
			before, after := 1.0, 1.0
			for d := range lanes {
				l := &lanesOf[b][d]
				m := l.mass
				if all[d] {
					m = 1
				} else {
					for _, x := range ps[d] {
						if l.set[x>>6]&(1<<(x&63)) == 0 {
							m += pairWeight[x]
						}
					}
				}
				before *= min(l.mass, 1)
				after *= min(m, 1)
			}
			if delta := after - before; b == 0 || delta < bestDelta {
				best, bestDelta = b, delta
			}
		}
		out[best] = append(out[best], id)
		for d := range lanes {
			l := &lanesOf[best][d]
			if all[d] {
				l.mass = 1
				continue
			}
			for _, x := range ps[d] {
				if l.set[x>>6]&(1<<(x&63)) == 0 {
					l.set[x>>6] |= 1 << (x & 63)
					l.mass += pairWeight[x]
				}
			}
		}
	}
	return out
}
