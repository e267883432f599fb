package seclang

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// entry is one rule as defined so far, with its diagnostics. blockAs is the
// disruptive action block stood for when the rule was defined.
type entry struct {
	b       *builder
	ds      []*diag.Diagnostic
	blockAs string
}

// compiler carries the state SecLang keeps across directives and files.
type compiler struct {
	res      *Result
	entries  []*entry
	defaults map[int][]syntax.Action // SecDefaultAction per phase, phase left out
	blockAs  map[int]string          // the disruptive action of SecDefaultAction per phase
	pending  []string                // markers waiting for the next rule
	markers  map[string]bool
	data     int // bytes of data-file phrases kept, at most MaxDataBytes
}

// Compile lowers directives, as returned by syntax.ParseFiles, in order.
// parseErrs are the parser's diagnostics; each counts as one failed rule.
func Compile(dirs []*syntax.Directive, parseErrs *diag.List) *Result {
	c := &compiler{
		res:      &Result{Diags: &diag.List{}, Config: Config{Settings: map[string]string{}}},
		defaults: map[int][]syntax.Action{},
		blockAs:  map[int]string{},
		markers:  map[string]bool{},
	}
	if parseErrs != nil {
		for _, d := range parseErrs.Items {
			c.fail(d)
		}
		c.res.Tally.Rules += parseErrs.Dropped
		c.res.Tally.Errors += parseErrs.Dropped
		c.res.Diags.Dropped += parseErrs.Dropped
	}
	for i := 0; i < len(dirs); i++ {
		d := dirs[i]
		switch {
		case strings.EqualFold(d.Name, "SecRule"), strings.EqualFold(d.Name, "SecAction"):
			i += c.rule(dirs[i:]) - 1
		default:
			for _, diagnostic := range c.directive(d) {
				c.fail(diagnostic)
			}
		}
	}
	c.checkSkips()
	for _, e := range c.entries {
		c.res.Tally.Add(e.ds)
		for _, d := range e.ds {
			c.res.Diags.Add(d)
		}
		if len(e.ds) == 0 {
			c.res.Rules = append(c.res.Rules, e.finish())
		}
	}
	return c.res
}

// fail records a diagnostic that belongs to no rule, counted as one rule.
func (c *compiler) fail(d *diag.Diagnostic) {
	c.res.Tally.Add([]*diag.Diagnostic{d})
	c.res.Diags.Add(d)
}

// directive applies a directive other than SecRule and SecAction.
func (c *compiler) directive(d *syntax.Directive) []*diag.Diagnostic {
	if name, apply, ok := directives.lookup(d.Name); ok {
		return apply(c, name, d)
	}
	if name, check, ok := settings.lookup(d.Name); ok {
		return c.applySetting(name, check, d)
	}
	return []*diag.Diagnostic{{Pos: d.Pos, Err: fmt.Errorf("directive %q %w", d.Name, diag.ErrUnsupported)}}
}

// finish sets the rule's action and alert flag from its actions.
func (e *entry) finish() *ir.Rule {
	r := e.b.rule
	d := e.b.disruptive
	if d == "block" {
		d = e.blockAs
	}
	r.Action = disruptive[d]
	if r.Action == "" {
		r.Action = ir.ActAlert
	}
	if l := r.Sec.Parts[0].Actions.Log; l != nil && !*l {
		r.NoAlert = true
	}
	return r
}
