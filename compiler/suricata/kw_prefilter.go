package suricata

import (
	"fmt"

	"github.com/rulec/rulec/compiler/ir"
	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// prefilter asks Suricata to prefilter on the previous keyword instead of
// the fast pattern. It tunes speed, not matching: rulec's prefilter choice
// is its own, so the keyword is checked and has no effect on the IR. Like
// Suricata, it needs some match keyword before it: a content, a header
// condition, flow or a flowbit.
func init() {
	register("prefilter", valueNone, func(b *builder, _ *syntax.Option) error {
		r := b.rule
		if len(r.Matchers) == 0 && len(r.Bits) == 0 && r.Flow == (ir.Flow{}) {
			return fmt.Errorf("prefilter needs a preceding keyword: %w", diag.ErrMissing)
		}
		return nil
	})
}
