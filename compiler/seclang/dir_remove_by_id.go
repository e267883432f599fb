package seclang

import (
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerDirective("SecRuleRemoveById", func(c *compiler, name string, d *syntax.Directive) []*diag.Diagnostic {
		if err := needArgs(name, d, 1); err != nil {
			return []*diag.Diagnostic{err}
		}
		var ds []*diag.Diagnostic
		for _, a := range d.Args {
			in, err := idSet(name, a)
			if err != nil {
				ds = append(ds, err)
				continue
			}
			c.remove(func(e *entry) bool { return in(e.b.rule.Meta.SID) })
		}
		return ds
	})
}
