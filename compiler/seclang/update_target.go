package seclang

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// updateTargets appends the directive's variables to the first part of
// every rule match selects, and returns how many rules it changed.
func (c *compiler) updateTargets(name string, d *syntax.Directive, match func(*entry) bool) (int, []*diag.Diagnostic) {
	if len(d.Args) > 2 {
		return 0, []*diag.Diagnostic{{Pos: d.Args[2].Pos, Err: fmt.Errorf("%s with a replacement target %w", name, diag.ErrUnsupported)}}
	}
	var (
		ts []ir.SecTarget
		ds []*diag.Diagnostic
	)
	for i := range d.Vars {
		t, err := target(&d.Vars[i])
		if err != nil {
			ds = append(ds, err)
			continue
		}
		ts = append(ts, t)
	}
	if len(ds) > 0 {
		return 0, ds
	}
	n := 0
	for _, e := range c.entries {
		if match(e) {
			p := &e.b.rule.Sec.Parts[0]
			p.Targets = append(p.Targets, ts...)
			n++
		}
	}
	return n, nil
}
