package suricata

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("nocase", valueNone, func(b *builder, _ *syntax.Option) error {
		return modifyContent(b, "nocase", func(c *ir.Content) error {
			if c.Nocase {
				return fmt.Errorf("nocase given twice for one content: %w", diag.ErrConflict)
			}
			c.Nocase = true
			return nil
		})
	})
}
