package seclang

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerAction("setvar", valueRequired, func(b *builder, a *syntax.Action) error {
		s, err := syntax.ParseSetVar(a.Value)
		if err != nil {
			return fmt.Errorf("%q: %v: %w", a.Value, err, diag.ErrBadValue)
		}
		if err := checkMacros(s.Name + s.Value); err != nil {
			return err
		}
		b.part.Actions.SetVars = append(b.part.Actions.SetVars, ir.SecSetVar{
			Remove: s.Remove, Collection: s.Collection, Name: s.Name, Op: s.Op, Value: s.Value,
		})
		return nil
	})
}
