package seclang

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// defaultBlock is what block means without a SecDefaultAction for the
// phase: ModSecurity's built-in default is "phase:2,log,auditlog,pass".
const defaultBlock = "pass"

// rule compiles the SecRule or SecAction at dirs[0] and the SecRules
// chained to it, and returns how many directives it used.
func (c *compiler) rule(dirs []*syntax.Directive) int {
	start := dirs[0]
	b := &builder{rule: newRule(start.Pos), file: start.Pos.File}
	b.rule.Sec.Phase = phaseOf(start)
	b.rule.Sec.Markers, c.pending = c.pending, nil
	e := &entry{b: b, blockAs: defaultBlock}
	if d, ok := c.blockAs[b.rule.Sec.Phase]; ok {
		e.blockAs = d
	}
	used := 0
	for {
		d := dirs[used]
		used++
		e.ds = append(e.ds, c.part(b, d)...)
		if !b.part.Actions.Chain {
			break
		}
		if used == len(dirs) || !strings.EqualFold(dirs[used].Name, "SecRule") {
			e.ds = append(e.ds, diag.Errorf(d.Pos, diag.ErrMissing, "chain: no SecRule follows"))
			break
		}
	}
	if !b.hasID && !slices.ContainsFunc(start.Actions, func(a syntax.Action) bool { return strings.EqualFold(a.Name, "id") }) {
		e.ds = append(e.ds, diag.Errorf(start.Pos, diag.ErrMissing, "%s: missing id", start.Name))
	}
	for _, d := range e.ds {
		if b.hasID {
			d.SID = b.rule.Meta.SID
		}
	}
	c.entries = append(c.entries, e)
	return used
}

// phaseOf finds the phase action of a directive, 2 when absent or bad.
func phaseOf(d *syntax.Directive) int {
	for _, a := range d.Actions {
		if strings.EqualFold(a.Name, "phase") {
			if p, ok := phaseNames[strings.ToLower(a.Value)]; ok {
				return p
			}
		}
	}
	return 2
}

// part adds one chain part to b: the defaults of the phase, then the
// directive's own targets, operator and actions.
func (c *compiler) part(b *builder, d *syntax.Directive) []*diag.Diagnostic {
	var ds []*diag.Diagnostic
	b.rule.Sec.Parts = append(b.rule.Sec.Parts, ir.SecPart{Pos: d.Pos})
	b.part = &b.rule.Sec.Parts[len(b.rule.Sec.Parts)-1]
	if strings.EqualFold(d.Name, "SecAction") {
		b.part.Operator = ir.SecOperator{Name: "unconditionalMatch"}
	} else {
		for i := range d.Vars {
			t, err := target(&d.Vars[i])
			if err != nil {
				ds = append(ds, err)
			}
			b.part.Targets = append(b.part.Targets, t)
		}
		op, err := operator(d.Op, b.file)
		if err == nil {
			err = c.chargeData(&op, d.Op.ArgPos)
		}
		if err != nil {
			ds = append(ds, err)
		}
		b.part.Operator = op
	}
	for i := range c.defaults[b.rule.Sec.Phase] {
		if err := b.applyAction(&c.defaults[b.rule.Sec.Phase][i]); err != nil {
			ds = append(ds, err)
		}
	}
	first := len(b.rule.Sec.Parts) == 1
	for i := range d.Actions {
		a := &d.Actions[i]
		if !first && strings.EqualFold(a.Name, "id") {
			ds = append(ds, &diag.Diagnostic{Pos: a.Pos, Err: fmt.Errorf("action \"id\" in a chained rule: %w", diag.ErrBadValue)})
			continue
		}
		if err := b.applyAction(a); err != nil {
			ds = append(ds, err)
		}
	}
	return ds
}

// checkSkips reports skipAfter targets that name neither a marker nor a
// rule id.
func (c *compiler) checkSkips() {
	ids := map[string]bool{}
	for _, e := range c.entries {
		ids[fmt.Sprint(e.b.rule.Meta.SID)] = true
	}
	for _, e := range c.entries {
		for _, p := range e.b.rule.Sec.Parts {
			if s := p.Actions.SkipAfter; s != "" && !c.markers[s] && !ids[s] {
				d := diag.Errorf(p.Pos, diag.ErrBadValue, "skipAfter: no SecMarker %q", s)
				d.SID = e.b.rule.Meta.SID
				e.ds = append(e.ds, d)
			}
		}
	}
}
