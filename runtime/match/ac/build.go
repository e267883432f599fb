package ac

import (
	"errors"
	"fmt"
)

// Pattern is one string to find; Nocase matches it without regard to
// ASCII case.
type Pattern struct {
	Bytes  []byte
	Nocase bool
}

// ErrEmpty reports an empty pattern, which would match everywhere.
var ErrEmpty = errors.New("empty pattern")

const (
	// stride is the step of the long tier: a pattern of at least
	// longMin bytes has a four-byte window at an offset below stride,
	// so probing every stride-th position finds it.
	stride  = 3
	longMin = 4 + stride - 1
	// fold4 and fold8 set bit 5 of every byte: both cases of a letter
	// (and a few other byte pairs) become one.
	fold4 = 0x20202020
	fold8 = 0x2020202020202020
	// bitsPerKey sizes the long filter: about one key bit in 64 set.
	bitsPerKey = 64
	// minFilterBits and maxFilterBits bound the filter (64 bytes to
	// 512 KB).
	minFilterBits = 9
	maxFilterBits = 22
)

// Matcher is a compiled pattern set. It is safe for concurrent use.
type Matcher struct {
	pats []Pattern
	// short is the automaton of the patterns shorter than longMin, nil
	// when there are none.
	short *automaton
	// long holds the others under the four-byte windows at their first
	// stride offsets, probed every stride bytes; nil when there are none.
	long *tier
}

// New compiles patterns; a hit reports the pattern's index.
func New(pats []Pattern) (*Matcher, error) {
	m := &Matcher{pats: pats}
	var long []keyed
	var short [2][]uint32 // case-sensitive, nocase
	for i, p := range pats {
		b, id := p.Bytes, uint32(i)
		switch {
		case len(b) == 0:
			return nil, fmt.Errorf("pattern %d: %w", i, ErrEmpty)
		case len(b) < longMin:
			nc := 0
			if p.Nocase {
				nc = 1
			}
			short[nc] = append(short[nc], id)
		default:
			for off := range stride {
				long = append(long, keyed{key4(b[off:]), newEnt(id, b, off)})
			}
		}
	}
	if len(short[0])+len(short[1]) > 0 {
		m.short = newAutomaton(pats, short[0], short[1])
	}
	if len(long) > 0 {
		m.long = newTier(long, bitsPerKey)
	}
	return m, nil
}

func key4(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24 | fold4
}
