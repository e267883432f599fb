package seclang

import (
	"fmt"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/seclang"
)

func init() {
	registerAction("initcol", valueRequired, func(b *builder, a *syntax.Action) error {
		coll, key, ok := strings.Cut(a.Value, "=")
		if !ok || coll == "" || key == "" {
			return fmt.Errorf("%q: want collection=key: %w", a.Value, diag.ErrBadValue)
		}
		if err := checkMacros(key); err != nil {
			return err
		}
		b.part.Actions.InitCol = append(b.part.Actions.InitCol, ir.KV{Key: strings.ToUpper(coll), Value: key})
		return nil
	})
}
