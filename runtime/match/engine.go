package match

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
	"github.com/rulec/rulec/runtime/match/pcre"
)

// Engine is a compiled rule set. It is safe for concurrent use.
type Engine struct {
	rules    []*rule // by input index; nil for a rejected rule
	rejected []*RuleError
	names    []string // unit buffers, by id
	nameID   map[string]int
	keys     []bufKey // buffers as rules see them, by id
	keyID    map[string]int
	pre      []*prefilter // by key id; nil when no rule has a pattern there
	noFast   []int        // rules without a prefilter pattern
	maxVars  int          // byte_extract variables of the rule with most
	regexps  map[string]*pcre.Regexp
	datasets map[string]*dataset
	datareps map[string]*repset
	// datasetFull counts dataset set commands refused at a set's memcap.
	datasetFull atomic.Uint64
	ctxs        sync.Pool
	all         *Group
	bt          btCounts
	subsets     subsets
}

// bufKey is a unit buffer with the transformations applied to it.
type bufKey struct {
	name       int
	transforms []transform
}

// Compile compiles Suricata rules. Rules it cannot evaluate faithfully are
// listed in a *RejectedError and never match; the engine is usable then
// too.
func Compile(rules []*ir.Rule) (*Engine, error) {
	e := &Engine{
		rules:    make([]*rule, len(rules)),
		nameID:   map[string]int{},
		keyID:    map[string]int{},
		regexps:  map[string]*pcre.Regexp{},
		datasets: map[string]*dataset{},
		datareps: map[string]*repset{},
	}
	for i, r := range rules {
		cr, err := e.compileRule(r)
		if err != nil {
			e.rejected = append(e.rejected, &RuleError{Index: i, SID: r.Meta.SID, Err: err})
			continue
		}
		e.rules[i] = cr
		e.maxVars = max(e.maxVars, cr.nvars)
	}
	if err := e.buildPrefilters(); err != nil {
		return nil, err
	}
	e.regexps = nil
	e.ctxs.New = func() any { return e.newUnitCtx() }
	e.all = e.NewGroup(e.All())
	if len(e.rejected) > 0 {
		return e, &RejectedError{Rules: e.rejected}
	}
	return e, nil
}

// Rejected returns the rules Compile left out.
func (e *Engine) Rejected() []*RuleError { return e.rejected }

// All returns the indices of the rules the engine evaluates.
func (e *Engine) All() []int {
	var all []int
	for i, r := range e.rules {
		if r != nil {
			all = append(all, i)
		}
	}
	return all
}

// key returns the id of a buffer with its transformations.
func (e *Engine) key(b ir.Buffer) (int, error) {
	s := b.Name
	for _, t := range b.Transforms {
		s += fmt.Sprintf("\x00%s\x00%s", t.Name, t.Arg)
	}
	if id, ok := e.keyID[s]; ok {
		return id, nil
	}
	k := bufKey{name: e.name(b.Name)}
	for _, t := range b.Transforms {
		f, err := compileTransform(t)
		if err != nil {
			return 0, err
		}
		k.transforms = append(k.transforms, f)
	}
	e.keyID[s] = len(e.keys)
	e.keys = append(e.keys, k)
	e.pre = append(e.pre, nil)
	return len(e.keys) - 1, nil
}

// name returns the id of a unit buffer.
func (e *Engine) name(n string) int {
	if id, ok := e.nameID[n]; ok {
		return id
	}
	e.nameID[n] = len(e.names)
	e.names = append(e.names, n)
	return len(e.names) - 1
}

// regexp compiles a pattern once per engine.
func (e *Engine) regexp(pattern, flags string) (*pcre.Regexp, error) {
	k := flags + "/" + pattern
	if re, ok := e.regexps[k]; ok {
		return re, nil
	}
	re, err := pcre.Compile(pattern, flags)
	if err != nil {
		return nil, fmt.Errorf("/%s/%s: %w", pattern, flags, err)
	}
	e.regexps[k] = re
	return re, nil
}

// MatchAll returns the rules whose matchers all hold on u, sorted: a
// group of every rule.
func (e *Engine) MatchAll(u *inspect.Unit) []int {
	out := e.all.Match(u, nil)
	slices.Sort(out)
	return out
}
