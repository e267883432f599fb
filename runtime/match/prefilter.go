package match

import (
	"fmt"
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/match/ac"
)

// prefilter finds the rules' patterns in one buffer.
type prefilter struct {
	m     *ac.Matcher
	pats  []ac.Pattern
	ids   map[string]int // by nocase flag and bytes
	rules []int          // rules by pattern: rules[first[p]:first[p+1]]
	first []int
}

// fastPattern registers c's prefilter pattern (its fast_pattern slice when
// given) for key k and returns its index there.
func (e *Engine) fastPattern(k int, c *ir.Content) int {
	pat := c.Pattern
	if fp := c.FastPattern; fp != nil && fp.Length > 0 {
		pat = pat[fp.Offset : fp.Offset+fp.Length]
	}
	p := e.pre[k]
	if p == nil {
		p = &prefilter{ids: map[string]int{}}
		e.pre[k] = p
	}
	id := fmt.Sprintf("%t:%s", c.Nocase, pat)
	if i, ok := p.ids[id]; ok {
		return i
	}
	p.ids[id] = len(p.pats)
	p.pats = append(p.pats, ac.Pattern{Bytes: pat, Nocase: c.Nocase})
	return len(p.pats) - 1
}

// buildPrefilters compiles the automata once every rule is in, and lists
// the rules of each pattern and the rules without one.
func (e *Engine) buildPrefilters() error {
	for k, p := range e.pre {
		if p == nil {
			continue
		}
		m, err := ac.New(p.pats)
		if err != nil {
			return fmt.Errorf("prefilter of %s: %w", e.names[e.keys[k].name], err)
		}
		p.m, p.ids = m, nil
		p.first = make([]int, len(p.pats)+1)
	}
	for _, r := range e.rules {
		if r != nil && r.fastKey >= 0 {
			e.pre[r.fastKey].first[r.fastPat+1]++
		}
	}
	for _, p := range e.pre {
		if p == nil {
			continue
		}
		for i := 1; i < len(p.first); i++ {
			p.first[i] += p.first[i-1]
		}
		p.rules = make([]int, p.first[len(p.first)-1])
	}
	fill := map[*prefilter][]int{}
	for i, r := range e.rules {
		switch {
		case r == nil:
		case r.fastKey < 0:
			e.noFast = append(e.noFast, i)
		default:
			p := e.pre[r.fastKey]
			if fill[p] == nil {
				fill[p] = slices.Clone(p.first)
			}
			p.rules[fill[p][r.fastPat]] = i
			fill[p][r.fastPat]++
		}
	}
	return nil
}
