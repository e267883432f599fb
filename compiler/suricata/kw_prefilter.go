package suricata

import (
	"fmt"

	"github.com/rulec/rulec/diag"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// prefilter asks Suricata to prefilter on the previous keyword instead of
// the fast pattern. It tunes speed, not matching: rulec's prefilter choice
// is its own, so the keyword is checked and has no effect on the IR.
func init() {
	register("prefilter", valueNone, func(b *builder, _ *syntax.Option) error {
		if len(b.rule.Matchers) == 0 {
			return fmt.Errorf("prefilter needs a preceding keyword: %w", diag.ErrMissing)
		}
		return nil
	})
}
