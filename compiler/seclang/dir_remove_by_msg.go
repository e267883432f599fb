package seclang

import (
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerDirective("SecRuleRemoveByMsg", func(c *compiler, name string, d *syntax.Directive) []*diag.Diagnostic {
		if err := needArgs(name, d, 1); err != nil {
			return []*diag.Diagnostic{err}
		}
		re, err := pattern(name, d.Args[0])
		if err != nil {
			return []*diag.Diagnostic{err}
		}
		c.remove(func(e *entry) bool { return re.MatchString(e.b.rule.Meta.Msg) })
		return nil
	})
}
