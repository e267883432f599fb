package engine

import (
	"net/netip"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/runtime/inspect"
)

// markStore is the filestore keyword's postmatch: the files of the unit
// are to be stored, with the rule's sid on their fileinfo record.
func markStore(r *ir.Rule, u *inspect.Unit) {
	for i := range u.Files {
		u.Files[i].Store = true
		u.Files[i].SIDs = append(u.Files[i].SIDs, r.Meta.SID)
	}
}

// storesFile reports whether a filestore rule among a unit's candidates
// matches it, before any rule acts: its postmatch lifts the body limit of
// the unit's files (Unit.Lift), which Suricata does when the rule matches
// the file while it is tracked, before the limit is reached.
func (e *Engine) storesFile(cands []*urule, u *inspect.Unit, src, dst netip.Addr) bool {
	for _, c := range cands {
		if c.filestore && flowHolds(c.r.Flow, u) && e.condsHold(c.conds, u) && bitsHold(c.r.Bits, u.Flow) && e.xbitsHold(c, src, dst, u.TS) {
			return true
		}
	}
	return false
}
