package seclang

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// SecRuleUpdateActionById applies its actions to the first part of the
// rules named, as if written there last; id and phase cannot change.
func init() {
	registerDirective("SecRuleUpdateActionById", func(c *compiler, name string, d *syntax.Directive) []*diag.Diagnostic {
		in, err := idSet(name, d.Args[0])
		if err != nil {
			return []*diag.Diagnostic{err}
		}
		var ds []*diag.Diagnostic
		for _, a := range d.Actions {
			if strings.EqualFold(a.Name, "id") || strings.EqualFold(a.Name, "phase") || strings.EqualFold(a.Name, "chain") {
				ds = append(ds, &diag.Diagnostic{Pos: a.Pos, Err: fmt.Errorf("%s cannot change %q: %w", name, a.Name, diag.ErrBadValue)})
			}
		}
		if len(ds) > 0 {
			return ds
		}
		n := 0
		for _, e := range c.entries {
			if !in(e.b.rule.Meta.SID) {
				continue
			}
			n++
			e.b.part = &e.b.rule.Sec.Parts[0]
			for i := range d.Actions {
				if err := e.b.applyAction(&d.Actions[i]); err != nil {
					ds = append(ds, err)
				}
			}
		}
		if n == 0 {
			ds = append(ds, diag.Errorf(d.Args[0].Pos, diag.ErrBadValue, "%s: no rule with id %s defined before", name, d.Args[0].Value))
		}
		return ds
	})
}
