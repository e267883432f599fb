package sideconf

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
)

// Apply installs threshold.config directives on rules, in file order,
// with Suricata's precedence:
//   - suppress without a track stops every alert of the rules it names
//     (their actions still apply); with a track it adds an address
//     suppression;
//   - threshold and event_filter for one sid replace the rule's own last
//     threshold or detection_filter; for every rule (sig_id 0) they apply
//     only to rules without either;
//   - rate_filter applies only to rules without a threshold or
//     detection_filter of their own.
//
// The diagnostics are warnings (Suricata's too) naming directives that
// matched no rule or were overridden.
func Apply(dirs []Directive, rules []*ir.Rule) *diag.List {
	ds := &diag.List{}
	for _, d := range dirs {
		matched := 0
		for _, r := range rules {
			if r.Lang != ir.Suricata || (d.GID != 0 && r.Meta.GID != d.GID) || (d.SID != 0 && r.Meta.SID != d.SID) {
				continue
			}
			matched++
			if !d.install(r) && d.SID != 0 {
				ds.Add(&diag.Diagnostic{Pos: d.Pos, SID: d.SID, Err: diag.Warn(fmt.Errorf("%s ignored: %w", d.Kind, ErrOverridden))})
			}
		}
		if matched == 0 && d.SID != 0 {
			ds.Add(&diag.Diagnostic{Pos: d.Pos, Err: diag.Warn(fmt.Errorf("%s gen_id %d, sig_id %d: %w", d.Kind, d.GID, d.SID, ErrUnknownRule))})
		}
	}
	return ds
}

// install applies d to r and reports whether it did.
func (d Directive) install(r *ir.Rule) bool {
	switch {
	case d.Kind == "suppress" && d.Suppress.Track == "":
		r.NoAlert = true
	case d.Kind == "suppress":
		r.Suppress = append(r.Suppress, d.Suppress)
	case d.SID != 0 && d.Kind != "rate_filter":
		if n := len(r.Limits); n > 0 {
			r.Limits = r.Limits[:n-1]
		}
		r.Limits = append(r.Limits, d.Limit)
	case len(r.Limits) > 0:
		return false
	default:
		r.Limits = append(r.Limits, d.Limit)
	}
	return true
}
