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
	// rejected are the rules left out
	rejected []Rejected
}

// Rejected is a SecLang rule the WAF leaves out, with the reason.
type Rejected struct {
	Rule *ir.Rule
	Err  error
}

// New compiles the SecLang rules among rules (others are ignored) for
// execution. Everything is prepared here: variable lists, transformation
// chains, operators with their regular expressions and automata, macro
// templates, and the literal prefilters of @rx. A rule using something the
// engine cannot run is left out on its own, as ModSecurity and Suricata
// refuse one rule at a time, and listed by Rejected.
func New(rules []*ir.Rule, cfg Config) (*WAF, error) {
	var src []*ir.Rule
	for _, r := range rules {
		if r.Lang == ir.SecLang && r.Sec != nil && !r.Disabled {
			src = append(src, r)
		}
	}
	var rejected []Rejected
	for {
		w, kept, rej, err := build(src, cfg)
		if err != nil {
			return nil, err
		}
		rejected = append(rejected, rej...)
		if len(kept) == len(w.rules) {
			w.rejected = rejected
			return w, nil
		}
		// A ctl action was refused: its rule goes, and the rules are
		// indexed again without it.
		src = kept
	}
}

// build compiles src. Rules refused by their own parts are left out and
// returned; a rule whose ctl actions are refused is returned too and left
// out of kept, for the caller to build again without it.
func build(src []*ir.Rule, cfg Config) (w *WAF, kept []*ir.Rule, rejected []Rejected, err error) {
	w = &WAF{cfg: cfg.withDefaults(), chains: newChains()}
	filters := map[int32]*filterBuilder{}
	for _, r := range src {
		var pending []filterPart
		cr, err := w.compileRule(r, len(w.rules), &pending)
		if err != nil {
			rejected = append(rejected, Rejected{r, err})
			continue
		}
		for _, f := range pending {
			b := filters[f.chain]
			if b == nil {
				b = &filterBuilder{}
				filters[f.chain] = b
			}
			b.addPart(f.p, f.pattern)
		}
		w.rules = append(w.rules, cr)
		kept = append(kept, r)
	}
	for node, b := range filters {
		f, err := b.build()
		if err != nil {
			return nil, nil, nil, fmt.Errorf("prefilter: %w", err)
		}
		w.chains.nodes[node].pf = f
	}
	ctlRejected := w.compileCtls(kept)
	if len(ctlRejected) > 0 {
		rejected = append(rejected, ctlRejected...)
		kept = slices.DeleteFunc(kept, func(r *ir.Rule) bool {
			return slices.ContainsFunc(ctlRejected, func(x Rejected) bool { return x.Rule == r })
		})
		return w, kept, rejected, nil
	}
	w.resolveFlow(kept)
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
	return w, kept, rejected, nil
}

// Rejected lists the SecLang rules left out, with reasons.
func (w *WAF) Rejected() []Rejected { return w.rejected }

// NewTransaction returns a fresh transaction from the pool; Close returns
// it.
func (w *WAF) NewTransaction() *Tx {
	tx := w.pool.Get().(*Tx)
	tx.reset()
	return tx
}

// Rules returns the number of rules the WAF runs.
func (w *WAF) Rules() int { return len(w.rules) }
