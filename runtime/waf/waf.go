package waf

import (
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/rulec/rulec/compiler/ir"
)

// WAF runs compiled SecLang rules on HTTP transactions. It is built once
// and safe for concurrent use; each transaction is a Tx.
type WAF struct {
	cfg    Config
	rules  []*rule
	phases [6][]*rule // by phase, 1..5, in file order
	chains chains
	nnodes int // chain nodes: the width of a transformation cache row
	txInit [][2]string
	words  int // length of a removed-rules bitset
	pool   sync.Pool
}

// New compiles the SecLang rules among rules (others are ignored) for
// execution. Everything is prepared here: variable lists, transformation
// chains, operators with their regular expressions and automata, macro
// templates, and the literal prefilters of @rx. A rule using something the
// engine cannot run is an error.
func New(rules []*ir.Rule, cfg Config) (*WAF, error) {
	w := &WAF{cfg: cfg.withDefaults(), chains: newChains()}
	var src []*ir.Rule
	filters := map[int32]*filterBuilder{}
	for _, r := range rules {
		if r.Lang != ir.SecLang || r.Sec == nil || r.Disabled {
			continue
		}
		cr, err := w.compileRule(r, len(w.rules), filters)
		if err != nil {
			return nil, fmt.Errorf("%s: rule %d: %w", r.Pos, r.Meta.SID, err)
		}
		w.rules = append(w.rules, cr)
		src = append(src, r)
	}
	for node, b := range filters {
		f, err := b.build()
		if err != nil {
			return nil, fmt.Errorf("prefilter: %w", err)
		}
		w.chains.nodes[node].pf = f
	}
	if err := w.compileCtls(src); err != nil {
		return nil, err
	}
	w.resolveFlow(src)
	w.words = (len(w.rules) + 63) / 64
	w.nnodes = len(w.chains.nodes)
	for _, k := range slices.Sorted(maps.Keys(w.cfg.TxVars)) {
		w.txInit = append(w.txInit, [2]string{k, w.cfg.TxVars[k]})
	}
	w.pool.New = func() any {
		return &Tx{
			w:         w,
			removed:   make([]uint64, w.words),
			scalarRow: make([]int32, nvars),
			txVars:    collection{index: map[string]int32{}},
			flags:     map[string]bool{},
		}
	}
	return w, nil
}

// NewTransaction returns a fresh transaction from the pool; Close returns
// it.
func (w *WAF) NewTransaction() *Tx {
	tx := w.pool.Get().(*Tx)
	tx.reset()
	return tx
}

// Rules returns the number of rules the WAF runs.
func (w *WAF) Rules() int { return len(w.rules) }
