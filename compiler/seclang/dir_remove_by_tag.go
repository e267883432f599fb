package seclang

import (
	"slices"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerDirective("SecRuleRemoveByTag", func(c *compiler, name string, d *syntax.Directive) []*diag.Diagnostic {
		if err := needArgs(name, d, 1); err != nil {
			return []*diag.Diagnostic{err}
		}
		re, err := pattern(name, d.Args[0])
		if err != nil {
			return []*diag.Diagnostic{err}
		}
		c.remove(func(e *entry) bool { return slices.ContainsFunc(e.tags(), re.MatchString) })
		return nil
	})
}
