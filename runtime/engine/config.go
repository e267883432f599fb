package engine

import (
	"slices"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// maxNoLogTx bounds the transactions per flow a config rule kept out of
// the logs; past it the oldest is forgotten (and may be logged), counted
// as config_tx_evicted.
const maxNoLogTx = 64

// applyConfig runs a matching rule's config keywords, as Suricata's
// postmatch: logging disabled for the transaction matched keeps its
// app-layer records out of EVE.
func (e *Engine) applyConfig(r *ir.Rule, u *inspect.Unit) {
	for _, c := range r.Config {
		if !c.DisablesTxLog() || u.Kind != inspect.KindApp || u.Tx == 0 || slices.Contains(u.Flow.NoLogTx, u.Tx) {
			continue
		}
		f := u.Flow
		if len(f.NoLogTx) == maxNoLogTx {
			f.NoLogTx = slices.Delete(f.NoLogTx, 0, 1)
			e.configEvicted++
		}
		f.NoLogTx = append(f.NoLogTx, u.Tx)
	}
}

// txRef is the transaction a record reports, and the one whose config
// it takes.
type txRef struct {
	flow         *inspect.Flow
	tx, configTx uint64
}

func txOf(u *inspect.Unit) txRef { return txRef{flow: u.Flow, tx: u.Tx, configTx: u.ConfigTx} }

// logged reports whether the record's transaction may be logged.
func (r txRef) logged() bool {
	if r.tx == 0 || r.flow == nil {
		return true
	}
	return !slices.Contains(r.flow.NoLogTx, r.tx) && (r.configTx == 0 || !slices.Contains(r.flow.NoLogTx, r.configTx))
}
