package seclang

import (
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerDirective("SecRuleUpdateTargetByMsg", func(c *compiler, name string, d *syntax.Directive) []*diag.Diagnostic {
		re, err := pattern(name, d.Args[0])
		if err != nil {
			return []*diag.Diagnostic{err}
		}
		_, ds := c.updateTargets(name, d, func(e *entry) bool { return re.MatchString(e.b.rule.Meta.Msg) })
		return ds
	})
}
