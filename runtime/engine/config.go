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

// txLogged reports whether the transaction of a record's unit may be
// logged.
func txLogged(u *inspect.Unit) bool {
	if u.Tx == 0 || u.Flow == nil {
		return true
	}
	return !slices.Contains(u.Flow.NoLogTx, u.Tx) && (u.ConfigTx == 0 || !slices.Contains(u.Flow.NoLogTx, u.ConfigTx))
}
