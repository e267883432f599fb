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

// checkDuplicates keeps one enabled rule per id, as Suricata does: a
// later rule with a higher rev replaces the earlier one, any other later
// one is dropped; the rule left out is reported as an error.
func checkDuplicates(res *Result) {
	first := map[ruleKey]int{}
	kept := res.Rules[:0]
	for _, r := range res.Rules {
		if r.Disabled {
			kept = append(kept, r)
			continue
		}
		k := ruleKey{r.Lang, r.Meta.GID, r.Meta.SID}
		i, dup := first[k]
		if !dup {
			first[k] = len(kept)
			kept = append(kept, r)
			continue
		}
		prev := kept[i]
		d := diag.Errorf(r.Pos, diag.ErrDuplicateSID, "already used at %s", prev.Pos)
		if r.Meta.Rev > prev.Meta.Rev {
			kept[i] = r
			d = diag.Errorf(prev.Pos, diag.ErrDuplicateSID, "replaced by the higher rev at %s", r.Pos)
		}
		d.SID = r.Meta.SID
		res.Diags.Add(d)
		res.Tally.Errors++
	}
	res.Rules = kept
}
