package compiler

import (
	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// ruleKey identifies a rule within its language.
type ruleKey struct {
	lang     ir.Lang
	gid, sid uint64
}

// checkDuplicates removes every enabled rule whose id was already taken by
// an earlier enabled rule, reporting it as an error.
func checkDuplicates(res *Result) {
	first := map[ruleKey]*ir.Rule{}
	kept := res.Rules[:0]
	for _, r := range res.Rules {
		if r.Disabled {
			kept = append(kept, r)
			continue
		}
		k := ruleKey{r.Lang, r.Meta.GID, r.Meta.SID}
		if prev, dup := first[k]; dup {
			d := diag.Errorf(r.Pos, diag.ErrDuplicateSID, "already used at %s", prev.Pos)
			d.SID = r.Meta.SID
			res.Diags.Add(d)
			res.Tally.Errors++
			continue
		}
		first[k] = r
		kept = append(kept, r)
	}
	res.Rules = kept
}
