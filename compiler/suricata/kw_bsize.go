package suricata

import (
	"fmt"
	"math"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

func init() {
	register("bsize", valueRequired, func(b *builder, o *syntax.Option) error {
		if b.buf.Name == ir.BufPayload {
			return fmt.Errorf("bsize needs a sticky buffer before it: %w", diag.ErrMissing)
		}
		c, err := parseCmp("bsize", o.Value, math.MaxUint32)
		if err != nil {
			return err
		}
		b.add(&ir.Size{Buffer: b.buf, What: "bsize", Cmp: c})
		return nil
	})
}
