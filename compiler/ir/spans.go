package ir

import (
	"cmp"
	"math/bits"
	"slices"
)

// U128 is an unsigned 128-bit integer: an IPv6 address, or an IPv4 address
// or port in its low bits.
type U128 struct{ Hi, Lo uint64 }

func (a U128) cmp(b U128) int { return cmp.Or(cmp.Compare(a.Hi, b.Hi), cmp.Compare(a.Lo, b.Lo)) }

func (a U128) add1() U128 {
	lo, carry := bits.Add64(a.Lo, 1, 0)
	return U128{a.Hi + carry, lo}
}

func (a U128) sub1() U128 {
	lo, borrow := bits.Sub64(a.Lo, 1, 0)
	return U128{a.Hi - borrow, lo}
}

// lowMask returns the value with the n low bits set.
func lowMask(n int) U128 {
	switch {
	case n <= 0:
		return U128{}
	case n < 64:
		return U128{0, 1<<n - 1}
	case n == 64:
		return U128{0, ^uint64(0)}
	case n < 128:
		return U128{1<<(n-64) - 1, ^uint64(0)}
	}
	return U128{^uint64(0), ^uint64(0)}
}

func (a U128) and(b U128) U128 { return U128{a.Hi & b.Hi, a.Lo & b.Lo} }
func (a U128) or(b U128) U128  { return U128{a.Hi | b.Hi, a.Lo | b.Lo} }

// Span is the closed interval [Lo, Hi].
type Span struct{ Lo, Hi U128 }

// Spans is a sorted list of disjoint, non-adjacent spans once normalised.
type Spans []Span

func (s Spans) normalize() Spans {
	if len(s) == 0 {
		return nil
	}
	s = slices.Clone(s)
	slices.SortFunc(s, func(a, b Span) int { return cmp.Or(a.Lo.cmp(b.Lo), a.Hi.cmp(b.Hi)) })
	out := Spans{s[0]}
	for _, sp := range s[1:] {
		last := &out[len(out)-1]
		if last.Hi.cmp(sp.Lo.sub1()) >= 0 || sp.Lo == (U128{}) {
			if sp.Hi.cmp(last.Hi) > 0 {
				last.Hi = sp.Hi
			}
			continue
		}
		out = append(out, sp)
	}
	return out
}

func union(a, b Spans) Spans { return append(slices.Clone(a), b...).normalize() }

// complement returns [0, max] minus s; s must be normalised.
func complement(s Spans, max U128) Spans {
	var out Spans
	next := U128{}
	for _, sp := range s {
		if sp.Lo.cmp(next) > 0 {
			out = append(out, Span{next, sp.Lo.sub1()})
		}
		if sp.Hi == max {
			return out
		}
		next = sp.Hi.add1()
	}
	return append(out, Span{next, max})
}

func minus(a, b Spans, max U128) Spans {
	if len(b) == 0 {
		return a
	}
	return complement(union(complement(a, max), b), max)
}

// block is an aligned run of 2^host values starting at start.
type block struct {
	start U128
	host  int
}

// blocks splits a span of a width-bit space into maximal aligned blocks.
func (sp Span) blocks(width int) []block {
	var out []block
	lo := sp.Lo
	for {
		host := 0
		for host < width {
			m := lowMask(host + 1)
			if lo.and(m) != (U128{}) || lo.or(m).cmp(sp.Hi) > 0 {
				break
			}
			host++
		}
		out = append(out, block{lo, host})
		end := lo.or(lowMask(host))
		if end.cmp(sp.Hi) >= 0 {
			return out
		}
		lo = end.add1()
	}
}
