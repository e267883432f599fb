package seclang

import (
	"fmt"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

// valueRule says whether an action takes a value.
type valueRule uint8

const (
	valueRequired valueRule = iota
	valueNone
	valueOptional
)

// action applies one action to the rule being built. Apply returns a plain
// error wrapping a diag sentinel; the caller positions it.
type action struct {
	value valueRule
	apply func(b *builder, a *syntax.Action) error
}

var actions = newTable[action]("seclang action")

func registerAction(name string, value valueRule, apply func(*builder, *syntax.Action) error) {
	actions.add(name, action{value, apply})
}

// applyAction looks up and applies one action.
func (b *builder) applyAction(a *syntax.Action) *diag.Diagnostic {
	name, act, ok := actions.lookup(a.Name)
	if !ok {
		return &diag.Diagnostic{Pos: a.Pos, Err: fmt.Errorf("action %q %w", a.Name, diag.ErrUnsupported)}
	}
	switch {
	case act.value == valueRequired && !a.HasValue:
		return &diag.Diagnostic{Pos: a.Pos, Err: fmt.Errorf("action %q: missing value: %w", name, diag.ErrMissing)}
	case act.value == valueNone && a.HasValue:
		return &diag.Diagnostic{Pos: a.ValuePos, Err: fmt.Errorf("action %q takes no value: %w", name, diag.ErrBadValue)}
	}
	if err := act.apply(b, a); err != nil {
		pos := a.ValuePos
		if !a.HasValue {
			pos = a.Pos
		}
		return &diag.Diagnostic{Pos: pos, Err: fmt.Errorf("action %q: %w", name, err)}
	}
	return nil
}
