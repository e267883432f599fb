package match

import (
	"bytes"
	"encoding/binary"
	"sync"

	"github.com/rulec/rulec/runtime/match/ac"
	"github.com/rulec/rulec/runtime/match/internal/ascii"
)

const (
	// maxLiterals is the most patterns a group looks for one by one
	// (bytes.IndexByte-driven searches) rather than with an automaton.
	maxLiterals = 2
	// maxSubsetBytes bounds the automata built for groups' pattern
	// subsets; past it groups scan with their key's whole prefilter.
	maxSubsetBytes = 64 << 20
)

// scan finds a group's fast patterns in the buffer of one key, reporting
// them by their id in the key's prefilter. As Suricata's signature groups
// have their own multi-pattern matchers, a group that holds few of a key's
// patterns does not walk the automaton of them all: it looks for one or
// two literals directly, or walks an automaton of its own patterns.
type scan struct {
	key  int
	m    *ac.Matcher // nil when lits is used
	ids  []int32     // ids of m's patterns in the key's prefilter; nil: the same
	lits []literal
}

// literal is one pattern looked for by itself.
type literal struct {
	id     int
	pat    []byte // lower-case when nocase
	nocase bool
}

// find calls hit with the id of every pattern that occurs in buf, once or
// more.
func (s *scan) find(buf []byte, hit func(id int)) {
	if s.m == nil {
		for _, l := range s.lits {
			if l.nocase && ascii.IndexFold(buf, l.pat) >= 0 || !l.nocase && bytes.Index(buf, l.pat) >= 0 {
				hit(l.id)
			}
		}
		return
	}
	if s.ids == nil {
		s.m.Find(buf, func(id, _ int) bool {
			hit(id)
			return true
		})
		return
	}
	s.m.Find(buf, func(id, _ int) bool {
		hit(int(s.ids[id]))
		return true
	})
}

// subsets caches the automata of groups' pattern subsets: groups of
// different units often hold the same patterns of a key.
type subsets struct {
	mu   sync.Mutex
	m    map[string]*ac.Matcher
	size int
}

// newScan returns the scan of key k for a group holding the patterns ids
// (sorted ids in the key's prefilter).
func (e *Engine) newScan(k int, ids []int32) scan {
	p := e.pre[k]
	switch {
	case len(ids) <= maxLiterals:
		s := scan{key: k}
		for _, id := range ids {
			pat := p.pats[id]
			l := literal{id: int(id), pat: pat.Bytes, nocase: pat.Nocase}
			if pat.Nocase {
				l.pat = ascii.ToLower(pat.Bytes)
			}
			s.lits = append(s.lits, l)
		}
		return s
	case 2*len(ids) > len(p.pats):
		return scan{key: k, m: p.m}
	}
	if m := e.subset(k, ids); m != nil {
		return scan{key: k, m: m, ids: ids}
	}
	return scan{key: k, m: p.m}
}

// subset returns the automaton of the patterns ids of key k, nil when the
// cache is full.
func (e *Engine) subset(k int, ids []int32) *ac.Matcher {
	name := binary.AppendUvarint(nil, uint64(k))
	for _, id := range ids {
		name = binary.AppendUvarint(name, uint64(id))
	}
	c := &e.subsets
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.m[string(name)]; ok {
		return m
	}
	if c.size >= maxSubsetBytes {
		return nil
	}
	p := e.pre[k]
	pats := make([]ac.Pattern, len(ids))
	for i, id := range ids {
		pats[i] = p.pats[id]
	}
	m, err := ac.New(pats)
	if err != nil {
		// The key's prefilter compiled these patterns already.
		return nil
	}
	if c.m == nil {
		c.m = map[string]*ac.Matcher{}
	}
	c.m[string(name)] = m
	c.size += m.Size()
	return m
}
