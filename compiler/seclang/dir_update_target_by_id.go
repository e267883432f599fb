package seclang

import (
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerDirective("SecRuleUpdateTargetById", func(c *compiler, name string, d *syntax.Directive) []*diag.Diagnostic {
		in, err := idSet(name, d.Args[0])
		if err != nil {
			return []*diag.Diagnostic{err}
		}
		n, ds := c.updateTargets(name, d, func(e *entry) bool { return in(e.b.rule.Meta.SID) })
		if n == 0 && len(ds) == 0 {
			ds = append(ds, diag.Errorf(d.Args[0].Pos, diag.ErrBadValue, "%s: no rule with id %s defined before", name, d.Args[0].Value))
		}
		return ds
	})
}
