package engine

import (
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
