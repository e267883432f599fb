package seclang

import (
	"fmt"
	"strconv"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerAction("id", valueRequired, func(b *builder, a *syntax.Action) error {
		n, err := strconv.ParseUint(a.Value, 10, 32)
		if err != nil || n == 0 {
			return fmt.Errorf("%q is not an id (1..%d): %w", a.Value, uint32(1<<32-1), diag.ErrBadValue)
		}
		b.rule.Meta.SID, b.hasID = n, true
		return nil
	})
}
