package ac

import (
	"errors"
	"fmt"
	"slices"

	dfa "github.com/rulec/rulec/codegen/ac"
	"github.com/rulec/rulec/runtime/match/internal/ascii"
)

// MaxKey is the longest pattern prefix the automaton holds.
const MaxKey = 16

// Pattern is one string to find; Nocase matches it without regard to
// ASCII case.
type Pattern struct {
	Bytes  []byte
	Nocase bool
}

// ErrEmpty reports an empty pattern, which would match everywhere.
var ErrEmpty = errors.New("empty pattern")

// Matcher is a compiled pattern set. It is safe for concurrent use.
type Matcher struct {
	class   [256]uint8
	stride  uint32   // classes per row
	delta   []uint32 // row offset of the next state, by row offset + class
	accept  uint32   // row offsets at or past accept have outputs
	out     []uint32 // per accepting state: start of its ids in outIDs
	outIDs  []uint32
	pats    []Pattern
	keyLen  []uint8 // bytes of each pattern in the automaton
	confirm []bool  // a hit must be checked against the text
	overlap int     // bytes a segment's walk starts before the segment
}

// New compiles patterns; a hit reports the pattern's index.
func New(pats []Pattern) (*Matcher, error) {
	fold := slices.ContainsFunc(pats, func(p Pattern) bool { return p.Nocase })
	keys := make([][]byte, len(pats))
	m := &Matcher{pats: pats, keyLen: make([]uint8, len(pats)), confirm: make([]bool, len(pats))}
	for i, p := range pats {
		if len(p.Bytes) == 0 {
			return nil, fmt.Errorf("pattern %d: %w", i, ErrEmpty)
		}
		k := p.Bytes[:min(len(p.Bytes), MaxKey)]
		m.keyLen[i] = uint8(len(k))
		m.overlap = max(m.overlap, len(k)-1)
		m.confirm[i] = len(k) < len(p.Bytes)
		if fold {
			m.confirm[i] = m.confirm[i] || !p.Nocase && hasLetter(k)
			k = ascii.ToLower(k)
		}
		keys[i] = k
	}
	d := dfa.Build(keys, fold)
	m.class, m.stride = d.Class, uint32(d.NClasses)
	m.compile(d)
	return m, nil
}

func hasLetter(b []byte) bool {
	return slices.ContainsFunc(b, func(c byte) bool { return ascii.Lower(c)-'a' < 26 })
}

// compile renumbers the trie's states so that accepting states come last
// and lays the rows out with premultiplied offsets.
func (m *Matcher) compile(t *dfa.DFA) {
	n := uint32(len(t.Out))
	num := make([]uint32, n)
	plain, last := uint32(0), n
	for _, s := range t.Order {
		if len(t.Out[s]) == 0 {
			num[s] = plain
			plain++
		}
	}
	for _, s := range t.Order {
		if len(t.Out[s]) > 0 {
			num[s] = plain + (n - last)
			last--
		}
	}
	stride := m.stride
	m.accept = plain * stride
	m.delta = make([]uint32, int(n*stride))
	for s := range n {
		dst := m.delta[num[s]*stride : (num[s]+1)*stride]
		for c, to := range t.Next[s*stride : (s+1)*stride] {
			dst[c] = num[to] * stride
		}
	}
	m.out = make([]uint32, n-plain+1)
	for s := range n {
		if k := num[s]; k >= plain {
			m.out[k-plain+1] = uint32(len(t.Out[s]))
		}
	}
	for i := 1; i < len(m.out); i++ {
		m.out[i] += m.out[i-1]
	}
	m.outIDs = make([]uint32, m.out[len(m.out)-1])
	for s := range n {
		if k := num[s]; k >= plain {
			copy(m.outIDs[m.out[k-plain]:], t.Out[s])
		}
	}
}
