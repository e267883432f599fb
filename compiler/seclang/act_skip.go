package seclang

import (
	"fmt"
	"strconv"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerAction("skip", valueRequired, func(b *builder, a *syntax.Action) error {
		n, err := strconv.Atoi(a.Value)
		if err != nil || n < 1 {
			return fmt.Errorf("%q is not a positive count: %w", a.Value, diag.ErrBadValue)
		}
		b.part.Actions.Skip = n
		return nil
	})
	registerAction("skipAfter", valueRequired, func(b *builder, a *syntax.Action) error {
		if a.Value == "" {
			return fmt.Errorf("empty marker: %w", diag.ErrBadValue)
		}
		b.part.Actions.SkipAfter = a.Value
		return nil
	})
}
