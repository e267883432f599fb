package seclang

import (
	"fmt"
	"strconv"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerAction("status", valueRequired, func(b *builder, a *syntax.Action) error {
		n, err := strconv.Atoi(a.Value)
		if err != nil || n < 100 || n > 599 {
			return fmt.Errorf("%q is not an HTTP status: %w", a.Value, diag.ErrBadValue)
		}
		b.part.Actions.Status = n
		return nil
	})
}
