package operator

import (
	"fmt"
	"strings"
	"unsafe"

	"github.com/rulec/rulec/runtime/match/ac"
)

// @pm finds any of its phrases, without regard to case, with one
// Aho-Corasick automaton. A capturing match puts the phrase found in TX:0.
func init() { register("pm", newPM) }

type pm struct {
	m    *ac.Matcher
	lens []int // phrase lengths by pattern index
}

func newPM(s Spec) (Operator, error) {
	if s.Dynamic {
		return nil, fmt.Errorf("phrases with macros: %w", ErrArg)
	}
	p := &pm{}
	pats := make([]ac.Pattern, 0, len(s.Phrases))
	for _, ph := range s.Phrases {
		if ph != "" {
			pats = append(pats, ac.Pattern{Bytes: []byte(strings.ToLower(ph)), Nocase: true})
			p.lens = append(p.lens, len(ph))
		}
	}
	m, err := ac.New(pats)
	if err != nil {
		return nil, fmt.Errorf("%v: %w", err, ErrArg)
	}
	p.m = m
	return p, nil
}

func (p *pm) Match(c *Call, v string) bool {
	if !c.Capture {
		return p.m.Contains(bytesOf(v))
	}
	found := false
	p.m.Find(bytesOf(v), func(id, end int) bool {
		c.Groups[0], c.NGroups, found = v[end-p.lens[id]:end], 1, true
		return false
	})
	return found
}

// bytesOf views s as bytes without copying; the automaton only reads.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
