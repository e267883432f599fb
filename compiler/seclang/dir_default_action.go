package seclang

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// notInherited are the actions a SecDefaultAction may not hold.
var notInherited = map[string]bool{"id": true, "chain": true, "msg": true, "rev": true, "tag": true, "ver": true, "skipAfter": true, "skip": true}

func init() {
	registerDirective("SecDefaultAction", func(c *compiler, name string, d *syntax.Directive) []*diag.Diagnostic {
		b := &builder{rule: newRule(d.Pos), file: d.Pos.File}
		b.rule.Sec.Phase = 0
		b.rule.Sec.Parts = append(b.rule.Sec.Parts, ir.SecPart{Pos: d.Pos})
		b.part = &b.rule.Sec.Parts[0]
		var (
			ds   []*diag.Diagnostic
			kept []syntax.Action
		)
		for _, a := range d.Actions {
			if canon, _, ok := actions.lookup(a.Name); ok && notInherited[canon] {
				ds = append(ds, &diag.Diagnostic{Pos: a.Pos, Err: fmt.Errorf("%s: action %q cannot be a default: %w", name, canon, diag.ErrBadValue)})
				continue
			}
			if err := b.applyAction(&a); err != nil {
				ds = append(ds, err)
				continue
			}
			if !strings.EqualFold(a.Name, "phase") {
				kept = append(kept, a)
			}
		}
		switch {
		case len(ds) > 0:
			return ds
		case b.rule.Sec.Phase == 0:
			return []*diag.Diagnostic{diag.Errorf(d.Pos, diag.ErrMissing, "%s: missing phase", name)}
		case b.disruptive == "" || b.disruptive == "block":
			return []*diag.Diagnostic{diag.Errorf(d.Pos, diag.ErrMissing, "%s: missing disruptive action (pass, deny, drop, allow, redirect)", name)}
		}
		c.defaults[b.rule.Sec.Phase] = kept
		c.blockAs[b.rule.Sec.Phase] = b.disruptive
		return nil
	})
}
