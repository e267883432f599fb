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
	pats []int32     // the group's patterns, by id in the key's prefilter
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
	s := scan{key: k, pats: ids, m: p.m}
	switch {
	case len(ids) <= maxLiterals:
		s.m, s.lits = nil, e.literals(k, ids)
	case 2*len(ids) <= len(p.pats):
		sig := binary.AppendUvarint(nil, uint64(k))
		for _, id := range ids {
			sig = binary.AppendUvarint(sig, uint64(id))
		}
		if m := e.subset(sig, e.patterns(k, ids)); m != nil {
			s.m, s.ids = m, ids
		}
	}
	return s
}

// patterns returns the patterns ids of key k.
func (e *Engine) patterns(k int, ids []int32) []ac.Pattern {
	pats := make([]ac.Pattern, len(ids))
	for i, id := range ids {
		pats[i] = e.pre[k].pats[id]
	}
	return pats
}

// literals returns the patterns ids of key k as literals reporting those
// ids.
func (e *Engine) literals(k int, ids []int32) []literal {
	var lits []literal
	for _, id := range ids {
		lits = append(lits, newLiteral(int(id), e.pre[k].pats[id]))
	}
	return lits
}

func newLiteral(id int, p ac.Pattern) literal {
	l := literal{id: id, pat: p.Bytes, nocase: p.Nocase}
	if p.Nocase {
		l.pat = ascii.ToLower(p.Bytes)
	}
	return l
}

// subset returns the automaton of pats, cached under sig, or nil when
// the cache is full.
func (e *Engine) subset(sig []byte, pats []ac.Pattern) *ac.Matcher {
	c := &e.subsets
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.m[string(sig)]; ok {
		return m
	}
	if c.size >= maxSubsetBytes {
		return nil
	}
	m, err := ac.New(pats)
	if err != nil {
		// The keys' prefilters compiled these patterns already.
		return nil
	}
	if c.m == nil {
		c.m = map[string]*ac.Matcher{}
	}
	c.m[string(sig)] = m
	c.size += m.Size()
	return m
}
