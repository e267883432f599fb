package seclang

import (
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerDirective("SecMarker", func(c *compiler, _ string, d *syntax.Directive) []*diag.Diagnostic {
		c.markers[d.Args[0].Value] = true
		c.pending = append(c.pending, d.Args[0].Value)
		return nil
	})
}
