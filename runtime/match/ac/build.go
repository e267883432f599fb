package ac

import (
	"encoding/binary"
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
	// shortMax is the longest pattern of the short filter.
	shortMax = 6
	// stride is the step of the long tier: a pattern of more than
	// shortMax bytes has a window at an offset below stride, so
	// probing every stride-th position finds it.
	stride = 3
	// wideMin is the shortest pattern filed under eight-byte windows
	// (at offsets below stride); shorter long ones are filed under
	// five-byte windows, which occur in texts far more often.
	wideMin = 8 + stride - 1
	// mask5 keeps the five bytes of a window's first stage.
	mask5 = 1<<40 - 1
	// fold4 and fold8 set bit 5 of every byte: both cases of a letter
	// (and a few other byte pairs) become one.
	fold4 = 0x20202020
	fold8 = 0x2020202020202020
	// bitsPerKey sizes the long filter.
	bitsPerKey = 64
	// minFilterBits and maxFilterBits bound the filter (64 bytes to
	// 512 KB).
	minFilterBits = 9
	maxFilterBits = 22
)

// Matcher is a compiled pattern set. It is safe for concurrent use.
type Matcher struct {
	pats []Pattern
	// short finds the patterns of up to shortMax bytes; nil when there
	// are none.
	short *shortFilter
	// long holds the others under their windows at the first stride
	// offsets, probed every stride bytes; nil when there are none.
	long *tier
}

// New compiles patterns; a hit reports the pattern's index.
func New(pats []Pattern) (*Matcher, error) {
	m := &Matcher{pats: pats}
	var long []keyed[ent]
	var short []uint32
	for i, p := range pats {
		b, id := p.Bytes, uint32(i)
		switch {
		case len(b) == 0:
			return nil, fmt.Errorf("pattern %d: %w", i, ErrEmpty)
		case len(b) <= shortMax:
			short = append(short, id)
		default:
			for off := range stride {
				long = append(long, keyed[ent]{window(b[off:], len(b) >= wideMin), newEnt(id, b, off)})
			}
		}
	}
	if len(short) > 0 {
		m.short = newShortFilter(pats, short)
	}
	if len(long) > 0 {
		m.long = newTier(long)
	}
	return m, nil
}

// window returns the folded key of the window at the start of b: its
// eight bytes with wide, else its first five.
func window(b []byte, wide bool) uint64 {
	if wide {
		return binary.LittleEndian.Uint64(b) | fold8
	}
	var w [8]byte
	copy(w[:], b[:5])
	return binary.LittleEndian.Uint64(w[:])&mask5 | fold8&mask5
}
