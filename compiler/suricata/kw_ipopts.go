package suricata

import (
	"slices"
	"strings"

	"github.com/rulec/rulec/compiler/ir"
	syntax "github.com/rulec/rulec/grammar/suricata"
)

// ipopts:NAME, an IPv4 option by name (any case).
func init() {
	register("ipopts", valueRequired, func(b *builder, o *syntax.Option) error {
		name := strings.ToLower(strings.TrimSpace(o.Value))
		if !slices.Contains(ir.IPOptNames, name) {
			return badValue("ipopts option, want one of "+strings.Join(ir.IPOptNames, ", "), o.Value)
		}
		b.add(&ir.IPOpt{Name: name})
		return nil
	})
}
